package dev.tcg4j.injector.call;

import dev.tcg4j.injector.PluginFailure;

/** Where plugin code is entered: a throw from it becomes a {@link PluginFailure} naming the plugin. */
final class PluginCalls {
    private PluginCalls() {}

    static PluginFailure failure(String plugin, Throwable t) {
        return t instanceof PluginFailure f ? f : new PluginFailure(plugin, t);
    }
}
