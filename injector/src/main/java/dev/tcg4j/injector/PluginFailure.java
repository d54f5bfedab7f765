package dev.tcg4j.injector;

/**
 * A plugin callback threw. Carries the plugin's name so that the runtime can stop cleanly with a
 * message naming it.
 */
public final class PluginFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pluginName;

    public PluginFailure(String pluginName, Throwable cause) {
        super("plugin " + pluginName + " failed: " + cause, cause);
        this.pluginName = pluginName;
    }

    public String pluginName() {
        return pluginName;
    }
}
