package dev.tcg4j.plugin.api;

/**
 * A plugin's handle on the emulator, given to {@link Plugin#install}. It is safe to keep and to use
 * from any callback. Callbacks run on the thread of the vCPU they concern; a plugin that shares state
 * between vCPUs must synchronize it itself (or use a {@link Scoreboard}, which needs no locking).
 */
public interface PluginContext {
    /** The guest architecture, as QEMU's target name: for example {@code "riscv64"}. */
    String targetName();

    /**
     * The number of vCPUs started so far: one more than the highest vCPU index seen. Scoreboard sums
     * cover exactly these.
     */
    int vcpuCount();

    /** Runs {@code cb} when a vCPU (a guest thread, in user mode) starts. */
    void onVcpuInit(VcpuCallback cb);

    /** Runs {@code cb} when a vCPU stops. */
    void onVcpuExit(VcpuCallback cb);

    /** Runs {@code cb} once, when the guest program exits: the place to print results. */
    void onExit(ExitCallback cb);

    /**
     * Runs {@code cb} each time a translation block is translated, before it first runs. This is
     * where a plugin looks at the block's instructions and asks for execution-time instrumentation.
     * Registering one makes the translator emit instrumentation points; a plugin that registers none
     * costs nothing at run time.
     */
    void onTbTranslate(TbTranslateCallback cb);

    /** Writes text to the plugin output (stderr, or the {@code -D} log file), as {@code qemu_plugin_outs}. */
    void out(String text);

    /**
     * A new scoreboard with {@code u64PerVcpu} zeroed 64-bit entries for every vCPU, as
     * {@code qemu_plugin_scoreboard_new(u64PerVcpu * 8)}.
     */
    Scoreboard newScoreboard(int u64PerVcpu);
}
