package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.signal.AltStack;
import dev.tcg4j.runtime.linux.signal.SigAction;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.SignalNames;
import dev.tcg4j.runtime.linux.signal.Signals;
import dev.tcg4j.runtime.linux.signal.ThreadSignals;

/** sigaction, the per-thread mask and sigaltstack, kill on the process, tkill/tgkill on one of its threads, rt_sigreturn. */
final class SignalSyscalls {
    static final int SIG_BLOCK = 0;
    static final int SIG_UNBLOCK = 1;
    static final int SIG_SETMASK = 2;
    private static final int SIGSET_SIZE = 8;
    private static final int MINSIGSTKSZ = 2048;

    private final ProcessContext ctx;
    private final Signals signals;
    private final GuestMemory memory;
    private final int uid;

    SignalSyscalls(ProcessContext ctx) {
        this.ctx = ctx;
        this.signals = ctx.signals();
        this.memory = ctx.memory();
        this.uid = ctx.libc().getuid();
    }

    long rtSigaction(long sig, long act, long oldact, long sigsetSize) {
        int s = (int) sig;
        if (sigsetSize != SIGSET_SIZE || !Signals.valid(s)) {
            return -Errno.EINVAL;
        }
        if (act != 0 && (s == SignalNames.SIGKILL || s == SignalNames.SIGSTOP)) {
            return -Errno.EINVAL;
        }
        SigAction next = null;
        if (act != 0) {
            next = new SigAction(memory.ld64(act), memory.ld64(act + 8), memory.ld64(act + 16));
        }
        if (oldact != 0) {
            SigAction old = signals.action(s);
            memory.checkAccess(oldact, 24, GuestMemory.WRITE);
            memory.st64(oldact, old.handler());
            memory.st64(oldact + 8, old.flags());
            memory.st64(oldact + 16, old.mask());
        }
        if (next != null) {
            signals.setAction(s, next);
        }
        return 0;
    }

    /** The calling thread's mask: each thread has its own. */
    long rtSigprocmask(GuestThread self, long how, long set, long oldset, long sigsetSize) {
        if (sigsetSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        ThreadSignals t = self.signals();
        long old = signals.blocked(t);
        if (set != 0) {
            long mask = memory.ld64(set);
            long next = switch ((int) how) {
                case SIG_BLOCK -> old | mask;
                case SIG_UNBLOCK -> old & ~mask;
                case SIG_SETMASK -> mask;
                default -> -1;
            };
            if (how < SIG_BLOCK || how > SIG_SETMASK) {
                return -Errno.EINVAL;
            }
            if (oldset != 0) {
                memory.st64(oldset, old);
            }
            signals.setBlocked(t, next);
            return 0;
        }
        if (oldset != 0) {
            memory.st64(oldset, old);
        }
        return 0;
    }

    long rtSigpending(GuestThread self, long set, long sigsetSize) {
        if (sigsetSize > SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        ThreadSignals t = self.signals();
        memory.st64(set, signals.pending(t) & signals.blocked(t));
        return 0;
    }

    /**
     * Waits with a temporary mask until a signal is delivered; the handler's frame saves the mask from
     * before the call. Another thread, a timer or the host can send one while this one waits.
     */
    long rtSigsuspend(GuestThread self, long set, long sigsetSize) {
        if (sigsetSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        signals.suspendWith(self.signals(), memory.ld64(set), true);
        return -Errno.EINTR;
    }

    /** The calling thread's alternate stack: each thread has its own. */
    long sigaltstack(GuestThread self, long ss, long oldss, long sp) {
        ThreadSignals t = self.signals();
        AltStack cur = signals.altStack(t);
        if (oldss != 0) {
            memory.checkAccess(oldss, 24, GuestMemory.WRITE);
            memory.st64(oldss, cur.sp());
            memory.st32(oldss + 8, cur.contains(sp) ? AltStack.SS_ONSTACK : cur.flags() & AltStack.SS_DISABLE);
            memory.st32(oldss + 12, 0);
            memory.st64(oldss + 16, cur.size());
        }
        if (ss != 0) {
            if (cur.contains(sp)) {
                return -Errno.EPERM;
            }
            long newSp = memory.ld64(ss);
            int flags = (int) memory.ld32s(ss + 8);
            long size = memory.ld64(ss + 16);
            if ((flags & ~AltStack.SS_DISABLE) != 0) {
                return -Errno.EINVAL;
            }
            if ((flags & AltStack.SS_DISABLE) != 0) {
                signals.setAltStack(t, AltStack.NONE);
            } else {
                if (size < MINSIGSTKSZ) {
                    return -Errno.ENOMEM;
                }
                signals.setAltStack(t, new AltStack(newSp, 0, size));
            }
        }
        return 0;
    }

    long kill(long pid, long sig) {
        if (pid != ctx.pid() && pid != 0) {
            return -Errno.ESRCH; // no other process is visible to the guest
        }
        return send((int) sig, SigInfo.SI_USER);
    }

    long tgkill(long tgid, long tid, long sig) {
        if ((int) tgid <= 0 || (int) tid <= 0) {
            return -Errno.EINVAL;
        }
        if (tgid != ctx.pid()) {
            return -Errno.ESRCH;
        }
        return tkill(tid, sig);
    }

    /** A signal to one thread of the process, by its tid. */
    long tkill(long tid, long sig) {
        if ((int) tid <= 0) {
            return -Errno.EINVAL;
        }
        GuestThread target = ctx.threads().byTid((int) tid);
        if (target == null) {
            return -Errno.ESRCH;
        }
        int s = (int) sig;
        if (s == 0) {
            return 0;
        }
        if (!Signals.valid(s)) {
            return -Errno.EINVAL;
        }
        signals.postTo(target.signals(), SigInfo.sent(s, SigInfo.SI_TKILL, ctx.pid(), uid));
        return 0;
    }

    private long send(int sig, int code) {
        if (sig == 0) {
            return 0;
        }
        if (!Signals.valid(sig)) {
            return -Errno.EINVAL;
        }
        signals.post(SigInfo.sent(sig, code, ctx.pid(), uid));
        return 0;
    }

    /** Restores the interrupted context; the registers hold the syscall's "result" already. */
    void rtSigreturn(CpuState cpu, GuestThread self) {
        long mask = signals.frames().leaveHandler(cpu);
        signals.setBlocked(self.signals(), mask);
    }
}
