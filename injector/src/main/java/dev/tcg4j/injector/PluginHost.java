package dev.tcg4j.injector;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.plugin.api.Discontinuity;
import java.util.List;
import java.util.OptionalLong;
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

    /**
     * Gives the plugins a way to drop every translated block (QEMU's tb_flush), which registrations,
     * resets and memory writes of running plugins need. Called once the process exists.
     */
    default void attachTranslationFlush(Runnable flush) {}

    /** True when some plugin watches system calls: otherwise the runtime need not report them. */
    default boolean wantsSyscalls() {
        return false;
    }

    /**
     * A system call is about to run: the entry callbacks run, then the filters, in registration
     * order. Returns the value a filter gave, which skips the call, or empty to perform it.
     */
    default OptionalLong syscallEntry(CpuState cpu, long number, long[] args) {
        return OptionalLong.empty();
    }

    /** The system call returned {@code result} to the guest. */
    default void syscallReturn(CpuState cpu, long number, long result) {}

    /** True when some plugin watches discontinuities of {@code kind}. */
    default boolean wantsDiscontinuity(Discontinuity kind) {
        return false;
    }

    /** The vCPU's pc jumped from {@code fromPc} to {@code toPc}, the pc it now holds. */
    default void discontinuity(CpuState cpu, Discontinuity kind, long fromPc, long toPc) {}
}
