package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * The signal state that Linux keeps per thread: the blocked mask, the signals sent to this thread
 * alone (tkill, tgkill, faults), the alternate stack and rt_sigsuspend's saved mask. Guarded by the
 * process's {@link Signals}, which owns every thread's state.
 */
public final class ThreadSignals {
    final CpuState cpu;
    /** The host thread running the vCPU: interrupted out of a futex wait or a sleep when a signal comes. */
    final Thread host;
    final SigInfo[] pendingInfo = new SigInfo[SignalNames.NSIG + 1];
    long blocked;
    long pending;
    AltStack altStack = AltStack.NONE;
    /** Set by rt_sigsuspend: the mask to save in the next frame and to restore afterwards. */
    long maskAfterSuspend;
    boolean suspended;

    /** Made on the host thread that runs {@code cpu}. */
    ThreadSignals(CpuState cpu, long blocked) {
        this.cpu = cpu;
        this.host = Thread.currentThread();
        this.blocked = blocked;
    }

    public CpuState cpu() {
        return cpu;
    }

    /** Makes the thread stop at its next block boundary and leave an interruptible wait (-EINTR). */
    void kick() {
        cpu.exitRequested = true;
        if (host != Thread.currentThread()) {
            host.interrupt();
        }
    }
}
