package dev.tcg4j.injector;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.TranslatorHooks;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime's handle on the loaded plugins: what the CPU loop and the translator call.
 * (Contract fixed by the runtime; the plugin core behind it lives in this module.)
 */
public interface PluginHost {
    /**
     * Finds each plugin by name with ServiceLoader and installs it with its arguments.
     *
     * @param output where plugin text goes (qemu_plugin_outs): stderr, or the -D file
     * @throws PluginStartException when a plugin is unknown or rejects its arguments; its message is
     *     the one line to print before exiting with status 1
     */
    static PluginHost start(List<PluginSpec> specs, GuestInfo guest, Consumer<String> output) {
        return dev.tcg4j.injector.core.PluginCore.start(specs, guest, output);
    }

    /** True when some plugin registered a TB-translation callback; false means emit no markers. */
    boolean wantsTranslation();

    /** Fresh hooks for one translating thread (they carry per-translation state). */
    TranslatorHooks newTranslatorHooks();

    void vcpuInit(CpuState cpu);

    void vcpuExit(CpuState cpu);

    /** Runs the plugins' at-exit callbacks once, when the guest process exits. */
    void atExit();
}
