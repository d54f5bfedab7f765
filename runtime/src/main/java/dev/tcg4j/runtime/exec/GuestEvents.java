package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;

/**
 * What the CPU loop hands to the operating-system side when a block does not simply continue. Each
 * method leaves the pc where execution resumes; ending the process is an exception out of the loop.
 */
public interface GuestEvents {
    /** A system call instruction at the pc: perform it and resume after it. */
    void syscall(CpuState cpu);

    /** A synchronous trap of the instruction at {@code pc} (also a fault fetching it). */
    void trap(CpuState cpu, GuestTrap trap, long pc);

    /** The CPU stopped at a block boundary on request: deliver what is pending. */
    void interrupt(CpuState cpu);
}
