package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.linux.GuestExit;
import java.io.PrintStream;

/**
 * The process's signal state (actions, blocked mask, pending set, alternate stack) and delivery:
 * a guest handler gets a frame, a signal without one takes its default action, which for a fatal
 * signal ends the process with 128 + signo (optionally printing QEMU's "uncaught target signal" line).
 *
 * <p>Pending signals are delivered at the next point the runtime checks, after each system call,
 * as the kernel delivers on the return to user mode. Standard signals do not queue: a second one
 * pending is merged with the first.
 */
public final class Signals {
    private static final long UNBLOCKABLE = bit(SignalNames.SIGKILL) | bit(SignalNames.SIGSTOP);

    private final SignalFrames frames;
    private final String progName;
    private final PrintStream stderr;
    private final boolean announceFatal;
    private final SigAction[] actions = new SigAction[SignalNames.NSIG + 1];
    private final SigInfo[] pendingInfo = new SigInfo[SignalNames.NSIG + 1];
    private long blocked;
    private long pending;
    private AltStack altStack = AltStack.NONE;
    private long trampoline;
    /** Set by rt_sigsuspend: the mask to save in the next frame and to restore afterwards. */
    private long maskAfterSuspend;
    private boolean suspended;

    /**
     * @param announceFatal print the "uncaught target signal" line when a signal kills the process.
     *     qemu-riscv64 (7.2) prints it only after writing a guest core file, which it never does for
     *     riscv64, so by default nothing is printed and stderr matches QEMU's byte for byte.
     */
    public Signals(SignalFrames frames, String progName, PrintStream stderr, boolean announceFatal) {
        this.frames = frames;
        this.progName = progName;
        this.stderr = stderr;
        this.announceFatal = announceFatal;
        java.util.Arrays.fill(actions, SigAction.DEFAULT);
    }

    public static long bit(int sig) {
        return 1L << (sig - 1);
    }

    public static boolean valid(int sig) {
        return sig >= 1 && sig <= SignalNames.NSIG;
    }

    public SignalFrames frames() {
        return frames;
    }

    /** Where handlers return to: the page holding the rt_sigreturn trampoline. */
    public void setTrampoline(long addr) {
        this.trampoline = addr;
    }

    public synchronized SigAction action(int sig) {
        return actions[sig];
    }

    public synchronized void setAction(int sig, SigAction a) {
        actions[sig] = a;
        if (a.isIgnore() || (a.isDefault() && SignalNames.defaultAction(sig) == SignalNames.DefaultAction.IGNORE)) {
            pending &= ~bit(sig);
            pendingInfo[sig] = null;
        }
    }

    public synchronized long blocked() {
        return blocked;
    }

    public synchronized void setBlocked(long mask) {
        blocked = mask & ~UNBLOCKABLE;
    }

    public synchronized long pending() {
        return pending;
    }

    public synchronized AltStack altStack() {
        return altStack;
    }

    public synchronized void setAltStack(AltStack s) {
        altStack = s;
    }

    /** rt_sigsuspend: the temporary mask holds until the next delivery check. */
    public synchronized void suspendWith(long mask) {
        if (!suspended) {
            maskAfterSuspend = blocked;
            suspended = true;
        }
        blocked = mask & ~UNBLOCKABLE;
    }

    /** Queues an asynchronous signal (kill, tgkill); it is delivered at the next check. */
    public synchronized void post(SigInfo info) {
        int sig = info.signo();
        SigAction a = actions[sig];
        if (a.isIgnore() || (a.isDefault() && SignalNames.defaultAction(sig) == SignalNames.DefaultAction.IGNORE)) {
            return;
        }
        if ((pending & bit(sig)) == 0) {
            pendingInfo[sig] = info;
        }
        pending |= bit(sig);
    }

    /** Whether a pending signal is unblocked and so will be delivered at the next check. */
    public synchronized boolean hasDeliverable() {
        return (pending & ~blocked) != 0;
    }

    /** Delivers every pending unblocked signal, lowest number first, nesting their frames. */
    public void deliverPending(CpuState cpu) {
        while (true) {
            SigInfo info;
            synchronized (this) {
                long ready = pending & ~blocked;
                if (ready == 0) {
                    if (suspended) {
                        blocked = maskAfterSuspend;
                        suspended = false;
                    }
                    return;
                }
                int sig = Long.numberOfTrailingZeros(ready) + 1;
                pending &= ~bit(sig);
                info = pendingInfo[sig];
                pendingInfo[sig] = null;
            }
            deliver(cpu, info);
        }
    }

    /**
     * A synchronous fault at {@code pc}: as the kernel's force_sig_fault, a blocked or ignored fault
     * signal is reset to its default action, so it kills rather than loop on the faulting instruction.
     */
    public void deliverTrap(CpuState cpu, GuestTrap trap, long pc, int pcSlot) {
        SigInfo info = faultInfo(trap, pc);
        int sig = info.signo();
        synchronized (this) {
            if ((blocked & bit(sig)) != 0 || actions[sig].isIgnore()) {
                actions[sig] = SigAction.DEFAULT;
                blocked &= ~bit(sig);
            }
        }
        cpu.regs[pcSlot] = pc;
        deliver(cpu, info);
    }

    /** The signal and siginfo the kernel raises for a guest trap. */
    public static SigInfo faultInfo(GuestTrap trap, long pc) {
        return switch (trap.kind()) {
            case UNMAPPED -> SigInfo.fault(SignalNames.SIGSEGV, SigInfo.SEGV_MAPERR, trap.address());
            case PROTECTION -> SigInfo.fault(SignalNames.SIGSEGV, SigInfo.SEGV_ACCERR, trap.address());
            case MISALIGNED -> SigInfo.fault(SignalNames.SIGBUS, SigInfo.BUS_ADRALN, trap.address());
            case ILLEGAL_INSTRUCTION -> SigInfo.fault(SignalNames.SIGILL, SigInfo.ILL_ILLOPC, pc);
            case BREAKPOINT -> SigInfo.fault(SignalNames.SIGTRAP, SigInfo.TRAP_BRKPT, pc);
        };
    }

    private void deliver(CpuState cpu, SigInfo info) {
        int sig = info.signo();
        SigAction a;
        long savedMask;
        AltStack alt;
        synchronized (this) {
            a = actions[sig];
            savedMask = suspended ? maskAfterSuspend : blocked;
            alt = altStack;
            if (!a.isDefault() && !a.isIgnore()) {
                suspended = false; // the frame holds the mask from before rt_sigsuspend; sigreturn restores it
                long add = a.mask();
                if ((a.flags() & SigAction.SA_NODEFER) == 0) {
                    add |= bit(sig);
                }
                blocked = (blocked | add) & ~UNBLOCKABLE;
                if ((a.flags() & SigAction.SA_RESETHAND) != 0) {
                    actions[sig] = SigAction.DEFAULT;
                }
            }
        }
        if (a.isIgnore()) {
            return;
        }
        if (a.isDefault()) {
            defaultAction(sig);
            return;
        }
        long sp = cpu.regs[frames.stackPointerSlot()];
        if ((a.flags() & SigAction.SA_ONSTACK) != 0 && alt.enabled() && !alt.contains(sp)) {
            sp = alt.sp() + alt.size();
        }
        try {
            frames.enterHandler(cpu, sp, info, a, savedMask, alt, trampoline);
        } catch (GuestTrap unwritableStack) {
            // the kernel's force_sigsegv: a frame that cannot be written kills with SIGSEGV
            synchronized (this) {
                blocked = savedMask;
            }
            die(SignalNames.SIGSEGV);
        }
    }

    private void defaultAction(int sig) {
        switch (SignalNames.defaultAction(sig)) {
            case IGNORE, STOP -> { }
            case TERMINATE, CORE -> die(sig);
        }
    }

    private void die(int sig) {
        if (announceFatal && SignalNames.defaultAction(sig) == SignalNames.DefaultAction.CORE) {
            stderr.println(progName + ": uncaught target signal " + sig + " (" + SignalNames.describe(sig)
                    + ") - core dumped");
            stderr.flush();
        }
        throw new GuestExit(128 + sig);
    }
}
