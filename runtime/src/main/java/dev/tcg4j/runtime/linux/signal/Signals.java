package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.linux.GuestExit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's signal state (actions, the signals sent to the process) and every thread's
 * ({@link ThreadSignals}: blocked mask, signals sent to it, alternate stack), and delivery:
 * a guest handler gets a frame, a signal without one takes its default action, which for a fatal
 * signal ends the process with 128 + signo (optionally printing QEMU's "uncaught target signal" line).
 *
 * <p>Pending signals are delivered at the next point the runtime checks, after each system call
 * and at the block boundary where a thread stops when a signal for it is posted
 * ({@link CpuState#exitRequested}), as the kernel delivers on the return to user mode. Standard signals do not queue: a second one
 * pending is merged with the first.
 */
public final class Signals {
    /** Where a signal being taken is logged under {@code -strace}, between the calls' lines. */
    private static final Logger STRACE = LoggerFactory.getLogger("tcg4j.strace");
    private static final long UNBLOCKABLE = bit(SignalNames.SIGKILL) | bit(SignalNames.SIGSTOP);

    private final SignalFrames frames;
    private final String progName;
    private final PrintStream stderr;
    private final boolean announceFatal;
    private final SigAction[] actions = new SigAction[SignalNames.NSIG + 1];
    private final SigInfo[] pendingInfo = new SigInfo[SignalNames.NSIG + 1];
    /** Signals sent to the whole process, taken by whichever thread checks first and does not block them. */
    private long pending;
    private long trampoline;
    private final List<ThreadSignals> threads = new ArrayList<>();
    private java.util.function.IntConsumer pendingListener = sig -> {};
    private static final long STOP_SIGNALS = bit(SignalNames.SIGSTOP) | bit(SignalNames.SIGTSTP)
            | bit(SignalNames.SIGTTIN) | bit(SignalNames.SIGTTOU);
    /** Stopped by a stop signal's default action, until SIGCONT (or SIGKILL, or the process's end). */
    private boolean stopped;
    private JobControl jobControl = JobControl.NONE;

    /** Who learns of the process stopping and continuing (its parent's wait), and whether it is ending. */
    public interface JobControl {
        JobControl NONE = new JobControl() {
            @Override
            public void stopped(int sig) {}

            @Override
            public void continued() {}

            @Override
            public boolean ending() {
                return false;
            }

            @Override
            public boolean inOrphanedGroup() {
                return false;
            }
        };

        /** The process has stopped by {@code sig}. */
        void stopped(int sig);

        /** A SIGCONT has continued the stopped process. */
        void continued();

        /** The process is ending: a stopped thread must not wait any longer. */
        boolean ending();

        /** The process's group is orphaned: SIGTSTP, SIGTTIN and SIGTTOU do not stop it. */
        boolean inOrphanedGroup();
    }

    public synchronized void setJobControl(JobControl jobControl) {
        this.jobControl = jobControl;
    }

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

    /**
     * Registers a thread's signal state: a new thread starts with {@code blocked} (its creator's mask),
     * nothing pending and no alternate stack, as clone leaves them.
     */
    public synchronized ThreadSignals addThread(CpuState cpu, long blocked) {
        ThreadSignals t = new ThreadSignals(cpu, blocked & ~UNBLOCKABLE);
        threads.add(t);
        return t;
    }

    /** Forgets an exited thread; what was sent to it alone is lost with it. */
    public synchronized void removeThread(ThreadSignals t) {
        threads.remove(t);
    }

    /**
     * fork copies the parent's actions and signal-return page; execve ({@code exec}) keeps only
     * what is ignored, a handler's address meaning nothing in the new image.
     */
    public void inheritActions(Signals parent, boolean exec) {
        SigAction[] copy;
        long tramp;
        synchronized (parent) {
            copy = parent.actions.clone();
            tramp = parent.trampoline;
        }
        synchronized (this) {
            for (int sig = 1; sig < copy.length; sig++) {
                actions[sig] = exec && !copy[sig].isIgnore() ? SigAction.DEFAULT : copy[sig];
            }
            if (!exec) {
                trampoline = tramp;
            }
        }
    }

    /**
     * A program's first process starts with the signals its parent left ignored ignored (execve keeps
     * an ignored disposition); SIGKILL and SIGSTOP cannot be.
     */
    public synchronized void ignoreFromStart(long mask) {
        for (int sig = 1; sig < actions.length; sig++) {
            if ((mask & bit(sig)) != 0 && (bit(sig) & UNBLOCKABLE) == 0) {
                actions[sig] = new SigAction(SigAction.SIG_IGN, 0, 0);
            }
        }
    }

    public synchronized SigAction action(int sig) {
        return actions[sig];
    }

    public synchronized void setAction(int sig, SigAction a) {
        actions[sig] = a;
        if (ignored(sig)) {
            pending &= ~bit(sig);
            pendingInfo[sig] = null;
            for (ThreadSignals t : threads) {
                t.pending &= ~bit(sig);
                t.pendingInfo[sig] = null;
            }
        }
    }

    private boolean ignored(int sig) {
        SigAction a = actions[sig];
        return a.isIgnore() || (a.isDefault() && SignalNames.defaultAction(sig) == SignalNames.DefaultAction.IGNORE);
    }

    public synchronized long blocked(ThreadSignals t) {
        return t.blocked;
    }

    public synchronized void setBlocked(ThreadSignals t, long mask) {
        t.blocked = mask & ~UNBLOCKABLE;
        if ((deliverable(t)) != 0) {
            t.cpu.exitRequested = true; // unblocked: delivered at the next block boundary
        }
    }

    /** The signals pending for {@code t}: sent to it or to the whole process. */
    public synchronized long pending(ThreadSignals t) {
        return pending | t.pending;
    }

    /** The masks /proc/PID/status shows, for {@code t} and the process. */
    public record Masks(long threadPending, long processPending, long blocked, long ignored, long caught) {}

    public synchronized Masks masks(ThreadSignals t) {
        long ignoredSet = 0;
        long caughtSet = 0;
        for (int sig = 1; sig < actions.length && sig <= 64; sig++) {
            if (actions[sig].isIgnore()) {
                ignoredSet |= bit(sig);
            } else if (!actions[sig].isDefault()) {
                caughtSet |= bit(sig);
            }
        }
        return new Masks(t.pending, pending, t.blocked, ignoredSet, caughtSet);
    }

    public synchronized AltStack altStack(ThreadSignals t) {
        return t.altStack;
    }

    public synchronized void setAltStack(ThreadSignals t, AltStack s) {
        t.altStack = s;
    }

    /**
     * rt_sigsuspend: sets the temporary mask, then, when other threads could still send a signal,
     * waits until one is deliverable; the mask holds until the next delivery check. With one thread
     * nothing can arrive, so it returns at once rather than hang.
     *
     * @param mayArrive whether another thread could send a signal meanwhile
     */
    public synchronized void suspendWith(ThreadSignals t, long mask, boolean mayArrive) {
        if (!t.suspended) {
            t.maskAfterSuspend = t.blocked;
            t.suspended = true;
        }
        t.blocked = mask & ~UNBLOCKABLE;
        try {
            while (mayArrive && deliverable(t) == 0) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the process is ending
        }
    }

    /**
     * pselect6, ppoll, epoll_pwait: {@code mask} replaces the thread's mask while it waits; the
     * mask from before the call is saved in the frame of a signal delivered at the end of the call,
     * and restored at the next delivery check otherwise (as rt_sigsuspend's). Called by the thread
     * itself: a signal that was pending while blocked and that the new mask lets through interrupts
     * the wait before it begins, as the kernel's signal_pending check would; nobody kicked the
     * thread when it was posted, since then the thread blocked it.
     */
    public synchronized void maskUntilDelivery(ThreadSignals t, long mask) {
        if (!t.suspended) {
            t.maskAfterSuspend = t.blocked;
            t.suspended = true;
        }
        t.blocked = mask & ~UNBLOCKABLE;
        if (deliverable(t) != 0) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a system call interrupted by a signal (ERESTARTSYS) starts again rather than fail
     * with EINTR: the kernel restarts it when the signal about to be delivered has no handler, or
     * one installed with SA_RESTART, and when no signal is deliverable at all.
     */
    public synchronized boolean restartsAfterInterrupt(ThreadSignals t) {
        long ready = deliverable(t);
        if (ready == 0) {
            return true;
        }
        SigAction a = actions[Long.numberOfTrailingZeros(ready) + 1];
        return a.isDefault() || a.isIgnore() || (a.flags() & SigAction.SA_RESTART) != 0;
    }

    /**
     * A signal from the host (someone ran kill on the emulator): queued for the process as a
     * guest's kill, unless it would kill the process by its default action, which the kernel does at
     * once, whatever the threads are blocked in. Returns whether the process must die of it.
     */
    public synchronized boolean postFromHost(SigInfo info) {
        int sig = info.signo();
        SigAction a = actions[sig];
        SignalNames.DefaultAction d = SignalNames.defaultAction(sig);
        boolean fatal = a.isDefault() && (d == SignalNames.DefaultAction.TERMINATE || d == SignalNames.DefaultAction.CORE);
        if (fatal) {
            boolean blockedEverywhere = !threads.isEmpty();
            for (ThreadSignals t : threads) {
                blockedEverywhere &= (t.blocked & bit(sig)) != 0;
            }
            if (!blockedEverywhere) {
                return true;
            }
        }
        post(info);
        return false;
    }

    /**
     * signalfd: takes the lowest signal of {@code mask} pending for {@code t} (sent to it, then to
     * the process), or returns null.
     */
    public synchronized SigInfo take(ThreadSignals t, long mask) {
        // as dequeue_signal: the thread's own signals first, then the process's
        long ready = (t.pending & mask) != 0 ? t.pending & mask : pending & mask;
        if (ready == 0) {
            return null;
        }
        int sig = Long.numberOfTrailingZeros(ready) + 1;
        SigInfo info;
        if ((t.pending & bit(sig)) != 0) {
            t.pending &= ~bit(sig);
            info = t.pendingInfo[sig];
            t.pendingInfo[sig] = null;
        } else {
            pending &= ~bit(sig);
            info = pendingInfo[sig];
            pendingInfo[sig] = null;
        }
        return info;
    }

    /** Whether a signal of {@code mask} is pending for {@code t}. */
    public synchronized boolean anyPending(ThreadSignals t, long mask) {
        return ((pending | t.pending) & mask) != 0;
    }

    /** Whether a signal of {@code mask} is pending for the process or any of its threads. */
    public synchronized boolean anyPendingInProcess(long mask) {
        long all = pending;
        for (ThreadSignals t : threads) {
            all |= t.pending;
        }
        return (all & mask) != 0;
    }

    /**
     * Waits until a signal of {@code mask} is pending for {@code t}, or a deliverable one comes, or
     * the host thread is interrupted. Returns false on interruption or a deliverable signal.
     */
    public synchronized boolean awaitPending(ThreadSignals t, long mask) {
        while (((pending | t.pending) & mask) == 0) {
            if (deliverable(t) != 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Told of every signal queued (signalfd's readiness), under this object's lock. */
    public void setPendingListener(java.util.function.IntConsumer listener) {
        synchronized (this) {
            this.pendingListener = listener;
        }
    }

    /**
     * Queues a signal sent to the whole process (kill): one thread that does not block it takes it.
     * As the kernel's prepare_signal, SIGCONT continues a stopped process at once, whatever its
     * action, and drops pending stop signals; a stop signal drops a pending SIGCONT.
     */
    public void post(SigInfo info) {
        if (info.signo() == SignalNames.SIGCONT && continueIfStopped()) {
            jobControl().continued();
        }
        queue(info);
    }

    private synchronized JobControl jobControl() {
        return jobControl;
    }

    private synchronized boolean continueIfStopped() {
        dropPending(STOP_SIGNALS);
        boolean was = stopped;
        stopped = false;
        notifyAll();
        return was;
    }

    private void dropPending(long mask) {
        pending &= ~mask;
        for (ThreadSignals t : threads) {
            t.pending &= ~mask;
        }
    }

    private synchronized void queue(SigInfo info) {
        int sig = info.signo();
        if ((STOP_SIGNALS & bit(sig)) != 0) {
            dropPending(bit(SignalNames.SIGCONT));
        }
        if (ignored(sig)) {
            return;
        }
        if ((pending & bit(sig)) == 0) {
            pendingInfo[sig] = info;
        }
        pending |= bit(sig);
        pendingListener.accept(sig);
        for (ThreadSignals t : threads) {
            if ((t.blocked & bit(sig)) == 0) {
                t.kick();
                break;
            }
        }
        notifyAll();
    }

    /** Queues a signal sent to one thread (tkill, tgkill); it is delivered at that thread's next check. */
    public synchronized void postTo(ThreadSignals t, SigInfo info) {
        int sig = info.signo();
        if (ignored(sig)) {
            return;
        }
        if ((t.pending & bit(sig)) == 0) {
            t.pendingInfo[sig] = info;
        }
        t.pending |= bit(sig);
        pendingListener.accept(sig);
        if ((t.blocked & bit(sig)) == 0) {
            t.kick();
        }
        notifyAll();
    }

    /** Whether a pending signal is unblocked for {@code t} and so will be delivered at its next check. */
    public synchronized boolean hasDeliverable(ThreadSignals t) {
        return deliverable(t) != 0;
    }

    private long deliverable(ThreadSignals t) {
        return (pending | t.pending) & ~t.blocked;
    }

    /** Delivers every signal pending for {@code t} and not blocked, lowest number first, nesting their frames. */
    public void deliverPending(CpuState cpu, ThreadSignals t) {
        while (true) {
            SigInfo info;
            synchronized (this) {
                awaitContinued();
                long ready = deliverable(t);
                if (ready == 0) {
                    if (t.suspended) {
                        t.blocked = t.maskAfterSuspend;
                        t.suspended = false;
                    }
                    return;
                }
                int sig = Long.numberOfTrailingZeros(ready) + 1;
                if ((t.pending & bit(sig)) != 0) {
                    t.pending &= ~bit(sig);
                    info = t.pendingInfo[sig];
                    t.pendingInfo[sig] = null;
                } else {
                    pending &= ~bit(sig);
                    info = pendingInfo[sig];
                    pendingInfo[sig] = null;
                }
            }
            deliver(cpu, t, info);
        }
    }

    /**
     * A synchronous fault at {@code pc}: as the kernel's force_sig_fault, a blocked or ignored fault
     * signal is reset to its default action, so it kills rather than loop on the faulting instruction.
     */
    public void deliverTrap(CpuState cpu, ThreadSignals t, GuestTrap trap, long pc, int pcSlot) {
        SigInfo info = faultInfo(trap, pc);
        int sig = info.signo();
        synchronized (this) {
            if ((t.blocked & bit(sig)) != 0 || actions[sig].isIgnore()) {
                actions[sig] = SigAction.DEFAULT;
                t.blocked &= ~bit(sig);
            }
        }
        cpu.regs[pcSlot] = pc;
        deliver(cpu, t, info);
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

    private void deliver(CpuState cpu, ThreadSignals t, SigInfo info) {
        if (STRACE.isDebugEnabled()) {
            STRACE.debug(TakenSignalTrace.line(info));
        }
        int sig = info.signo();
        SigAction a;
        long savedMask;
        AltStack alt;
        synchronized (this) {
            a = actions[sig];
            savedMask = t.suspended ? t.maskAfterSuspend : t.blocked;
            alt = t.altStack;
            if (!a.isDefault() && !a.isIgnore()) {
                t.suspended = false; // the frame holds the mask from before rt_sigsuspend; sigreturn restores it
                long add = a.mask();
                if ((a.flags() & SigAction.SA_NODEFER) == 0) {
                    add |= bit(sig);
                }
                t.blocked = (t.blocked | add) & ~UNBLOCKABLE;
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
                t.blocked = savedMask;
            }
            die(SignalNames.SIGSEGV);
        }
    }

    private void defaultAction(int sig) {
        switch (SignalNames.defaultAction(sig)) {
            case IGNORE -> { }
            case STOP -> {
                // as get_signal: a job no shell controls would never be continued
                if (sig == SignalNames.SIGSTOP || !jobControl.inOrphanedGroup()) {
                    stop(sig);
                }
            }
            case TERMINATE, CORE -> die(sig);
        }
    }

    /** The process stops: every thread waits at its next delivery check until SIGCONT. */
    private void stop(int sig) {
        JobControl control;
        synchronized (this) {
            stopped = true;
            for (ThreadSignals t : threads) {
                t.kick();
            }
            control = jobControl;
        }
        control.stopped(sig);
    }

    /** While stopped: waits for SIGCONT, a SIGKILL (which then kills) or the process's end. */
    private void awaitContinued() {
        boolean interrupted = false;
        while (stopped && (pending & bit(SignalNames.SIGKILL)) == 0 && !jobControl.ending()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // a signal queued while stopped stays pending until SIGCONT
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void die(int sig) {
        if (announceFatal && SignalNames.defaultAction(sig) == SignalNames.DefaultAction.CORE) {
            stderr.println(progName + ": uncaught target signal " + sig + " (" + SignalNames.describe(sig)
                    + ") - core dumped");
            stderr.flush();
        }
        throw GuestExit.bySignal(sig);
    }
}
