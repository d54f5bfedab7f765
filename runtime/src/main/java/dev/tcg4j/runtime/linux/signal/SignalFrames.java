package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * The architecture's signal frame: how a handler is entered and how rt_sigreturn leaves it. The
 * runtime's generic signal logic (masks, default actions, queueing) lives in {@link Signals}.
 */
public interface SignalFrames {
    /**
     * Pushes an rt_sigframe for {@code info} below {@code sp}, saving the interrupted registers and
     * {@code savedMask}, and points the CPU at the handler with the trampoline as return address.
     */
    void enterHandler(CpuState cpu, long sp, SigInfo info, SigAction action, long savedMask, AltStack altStack,
            long trampoline);

    /** rt_sigreturn: restores the registers saved in the frame at the stack pointer; returns the saved mask. */
    long leaveHandler(CpuState cpu);

    /** Code of the sigreturn trampoline (an rt_sigreturn system call), placed in an executable page. */
    byte[] trampolineCode();

    /** The stack pointer slot, for choosing where the frame goes. */
    int stackPointerSlot();
}
