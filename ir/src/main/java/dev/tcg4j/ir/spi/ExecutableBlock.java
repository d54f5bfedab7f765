package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * A compiled block. An abstract class rather than an interface: the CPU loop calls
 * {@link #execute} for every block, and a virtual call is cheaper than an interface call.
 */
public abstract class ExecutableBlock {
    /** For subclasses. */
    protected ExecutableBlock() {}

    /**
     * Runs the block and returns its exit code: a goto_tb slot (0 or 1), or one of
     * {@code ExitCodes}. The pc global holds the next pc on every exit. Called by any vCPU thread,
     * by several at once, each with its own {@code cpu}.
     *
     * @param cpu the running vCPU's state
     * @return the exit code
     */
    public abstract int execute(CpuState cpu);
}
