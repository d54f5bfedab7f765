package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * The signal state that Linux keeps per thread: the blocked mask, the signals sent to this thread
 * alone (tkill, tgkill, faults), the alternate stack and rt_sigsuspend's saved mask. Guarded by the
 * process's {@link Signals}, which owns every thread's state.
 */
public final class ThreadSignals {
    final CpuState cpu;
    final SigInfo[] pendingInfo = new SigInfo[SignalNames.NSIG + 1];
    long blocked;
    long pending;
    AltStack altStack = AltStack.NONE;
    /** Set by rt_sigsuspend: the mask to save in the next frame and to restore afterwards. */
    long maskAfterSuspend;
    boolean suspended;

    ThreadSignals(CpuState cpu, long blocked) {
        this.cpu = cpu;
        this.blocked = blocked;
    }

    public CpuState cpu() {
        return cpu;
    }
}
