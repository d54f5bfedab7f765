package dev.tcg4j.plugin.api;

/**
 * A tcg4j plugin: the Java counterpart of a QEMU TCG plugin's {@code qemu_plugin_install}.
 *
 * <p>Plugins are found with {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/dev.tcg4j.plugin.api.Plugin}. The class needs a public no-argument
 * constructor; one instance is created for every {@code -plugin} option that names it, so keep state
 * in instance fields, not static ones.
 *
 * <p>{@link #install} runs once, before the guest starts. It reads its arguments and registers
 * callbacks on the context; everything else happens in those callbacks.
 */
public interface Plugin {
    /**
     * The plugin's name.
     *
     * @return the name users give to {@code -plugin NAME,...}, for example {@code "insn"}
     */
    String name();

    /**
     * Sets the plugin up.
     *
     * @param ctx the plugin's handle on the emulator; keep it for use from callbacks
     * @param args the {@code -plugin} arguments in the order given
     * @throws PluginArgumentException when an argument is unknown or malformed; its message is shown
     *     to the user and the emulator exits
     */
    void install(PluginContext ctx, PluginArgs args) throws PluginArgumentException;
}
