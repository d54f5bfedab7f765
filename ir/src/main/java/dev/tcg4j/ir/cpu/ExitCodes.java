package dev.tcg4j.ir.cpu;

/** Exit codes of {@code ExecutableBlock.execute} besides the goto_tb slots 0 and 1. */
public final class ExitCodes {
    /** Continue at the pc global, found by lookup (no chaining). */
    public static final int LOOKUP = 2;
    /** A guest trap: {@link CpuState#trap} and {@link CpuState#trapPc} say which and where. */
    public static final int TRAP = 3;
    /** A system call instruction at the pc global: the runtime performs it and resumes after it. */
    public static final int SYSCALL = 4;
    /** Stop so that the runtime can act (a pending signal, an exit request). pc is the next pc. */
    public static final int INTERRUPT = 5;
    /** The first code of a region's chainable exits: see {@link #regionExit}. */
    public static final int FIRST_REGION_EXIT = 16;

    private ExitCodes() {}

    /** The code a compiled region returns when it leaves through its {@code index}-th chainable exit. */
    public static int regionExit(int index) {
        return FIRST_REGION_EXIT + index;
    }
}
