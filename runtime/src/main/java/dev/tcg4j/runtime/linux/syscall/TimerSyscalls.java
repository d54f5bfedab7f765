package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.SignalNames;
import dev.tcg4j.runtime.linux.signal.Signals;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * alarm, setitimer/getitimer and the POSIX timers (timer_create and friends): each a
 * {@link GuestTimer} whose expiry queues a guest signal, for the process or (SIGEV_THREAD_ID) one
 * of its threads. The timers belong to the process and stop with it.
 */
final class TimerSyscalls {
    private static final int TIMER_MAGIC = 0x0caf0000;
    private static final int TIMER_MAGIC_MASK = 0xffff0000;
    static final int ITIMER_REAL = 0;
    static final int ITIMER_VIRTUAL = 1;
    static final int ITIMER_PROF = 2;
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    static final int CLOCK_THREAD_CPUTIME_ID = 3;
    static final int CLOCK_MONOTONIC_RAW = 4;
    static final int CLOCK_BOOTTIME = 7;
    static final int CLOCK_TAI = 11;
    static final int SIGEV_SIGNAL = 0;
    static final int SIGEV_NONE = 1;
    static final int SIGEV_THREAD = 2;
    static final int SIGEV_THREAD_ID = 4;
    static final int TIMER_ABSTIME = 1;
    private static final long NANOS = 1_000_000_000L;
    private static final int MAX_TIMERS = 4096;

    private final ProcessContext ctx;
    private final GuestMemory memory;
    private final Signals signals;
    private final GuestTimer[] itimers = new GuestTimer[3];
    private final List<PosixTimer> posix = new ArrayList<>();

    private record PosixTimer(GuestTimer timer, int clock) {}

    TimerSyscalls(ProcessContext ctx) {
        this.ctx = ctx;
        this.memory = ctx.memory();
        this.signals = ctx.signals();
    }

    private Supplier<List<Thread>> processThreads() {
        return () -> ctx.threads().live().stream().map(GuestThread::host).toList();
    }

    private synchronized GuestTimer itimer(int which) {
        if (itimers[which] == null) {
            int sig = which == ITIMER_REAL ? SignalNames.SIGALRM : which == ITIMER_VIRTUAL ? 26 /* SIGVTALRM */ : 27 /* SIGPROF */;
            GuestTimer.Clock clock = which == ITIMER_REAL ? GuestTimer.Clock.WALL
                    : which == ITIMER_VIRTUAL ? GuestTimer.Clock.CPU_USER : GuestTimer.Clock.CPU_TOTAL;
            itimers[which] = new GuestTimer(clock, processThreads(), overrun -> {
                if (!ctx.threads().ended()) {
                    signals.post(SigInfo.sent(sig, SigInfo.SI_KERNEL, 0, 0));
                }
            });
        }
        return itimers[which];
    }

    long setitimer(long which, long value, long old) {
        if (which < 0 || which > ITIMER_PROF) {
            return -Errno.EINVAL;
        }
        long interval = 0;
        long val = 0;
        if (value != 0) {
            long isec = memory.ld64(value);
            long iusec = memory.ld64(value + 8);
            long vsec = memory.ld64(value + 16);
            long vusec = memory.ld64(value + 24);
            if (iusec < 0 || iusec >= 1_000_000 || vusec < 0 || vusec >= 1_000_000 || isec < 0 || vsec < 0) {
                return -Errno.EINVAL;
            }
            interval = ProcessSyscalls.saturatingNanos(isec, iusec * 1000);
            val = ProcessSyscalls.saturatingNanos(vsec, vusec * 1000);
        }
        if (old != 0) {
            long r = getitimer(which, old);
            if (r < 0) {
                return r;
            }
        }
        itimer((int) which).arm(val, interval);
        return 0;
    }

    long getitimer(long which, long out) {
        if (which < 0 || which > ITIMER_PROF) {
            return -Errno.EINVAL;
        }
        long[] now = itimer((int) which).get();
        memory.checkAccess(out, 32, GuestMemory.WRITE);
        memory.st64(out, now[1] / NANOS);
        memory.st64(out + 8, (now[1] % NANOS) / 1000);
        // the kernel rounds a running timer's remainder up to whole microseconds, never to 0
        long usecs = (now[0] + 999) / 1000;
        memory.st64(out + 16, usecs / 1_000_000);
        memory.st64(out + 24, usecs % 1_000_000);
        return 0;
    }

    // ---------------------------------------------------------------- POSIX timers

    /** timer_create: struct sigevent is { sigval value; int signo; int notify; int tid; ... }. */
    synchronized long timerCreate(GuestThread self, long clock, long sevp, long timerIdOut) {
        GuestTimer.Clock kind;
        Supplier<List<Thread>> threads;
        switch ((int) clock) {
            case CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_TAI -> {
                kind = GuestTimer.Clock.WALL;
                threads = List::of;
            }
            case CLOCK_PROCESS_CPUTIME_ID -> {
                kind = GuestTimer.Clock.CPU_TOTAL;
                threads = processThreads();
            }
            case CLOCK_THREAD_CPUTIME_ID -> {
                kind = GuestTimer.Clock.CPU_TOTAL;
                Thread host = self.host();
                threads = () -> List.of(host);
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        int notify = SIGEV_SIGNAL;
        int signo = SignalNames.SIGALRM;
        long value;
        GuestThread target = null;
        int id;
        synchronized (this) {
            id = posix.indexOf(null);
            if (id < 0) {
                id = posix.size();
            }
        }
        value = id;
        if (sevp != 0) {
            value = memory.ld64(sevp);
            signo = (int) memory.ld32s(sevp + 8);
            notify = (int) memory.ld32s(sevp + 12);
            switch (notify) {
                case SIGEV_NONE -> { }
                case SIGEV_SIGNAL, SIGEV_THREAD -> {
                    if (!Signals.valid(signo)) {
                        return -Errno.EINVAL;
                    }
                }
                case SIGEV_THREAD_ID -> {
                    target = ctx.threads().byTid((int) memory.ld32s(sevp + 16));
                    if (target == null || !Signals.valid(signo)) {
                        return -Errno.EINVAL;
                    }
                }
                default -> {
                    return -Errno.EINVAL;
                }
            }
        }
        memory.checkAccess(timerIdOut, 4, GuestMemory.WRITE);
        int timerId = id;
        int sig = signo;
        long sigValue = value;
        GuestThread to = target;
        boolean silent = notify == SIGEV_NONE;
        GuestTimer[] self1 = new GuestTimer[1];
        GuestTimer timer = new GuestTimer(kind, threads, overrun -> {
            if (silent || ctx.threads().ended()) {
                return;
            }
            long bit = Signals.bit(sig);
            boolean stillPending = to != null ? signals.anyPending(to.signals(), bit) : signals.anyPendingInProcess(bit);
            if (stillPending) {
                self1[0].setOverrun(self1[0].overrun() + 1 + overrun);
                return;
            }
            self1[0].setOverrun(overrun);
            SigInfo info = SigInfo.timer(sig, timerId, overrun, sigValue);
            if (to != null) {
                signals.postTo(to.signals(), info);
            } else {
                signals.post(info);
            }
        });
        self1[0] = timer;
        synchronized (this) {
            if (id >= MAX_TIMERS) {
                return -Errno.EAGAIN;
            }
            if (id == posix.size()) {
                posix.add(new PosixTimer(timer, (int) clock));
            } else {
                posix.set(id, new PosixTimer(timer, (int) clock));
            }
        }
        memory.st32(timerIdOut, TIMER_MAGIC | id);
        return 0;
    }

    /**
     * The timer a guest timer_t names: qemu hands out {@code 0x0caf0000 | index} (get_timer_id) and
     * refuses an id without that magic, so the guest sees the same ids under both.
     */
    private synchronized PosixTimer timer(long guestId) {
        long id = index(guestId);
        return id >= 0 && id < posix.size() ? posix.get((int) id) : null;
    }

    private static long index(long guestId) {
        return ((int) guestId & TIMER_MAGIC_MASK) == TIMER_MAGIC ? (int) guestId & ~TIMER_MAGIC_MASK : -1;
    }

    long timerSettime(long id, long flags, long newValue, long oldValue) {
        PosixTimer t = timer(id);
        if (t == null) {
            return -Errno.EINVAL;
        }
        if (newValue == 0) {
            return -Errno.EFAULT;
        }
        long isec = memory.ld64(newValue);
        long insec = memory.ld64(newValue + 8);
        long vsec = memory.ld64(newValue + 16);
        long vnsec = memory.ld64(newValue + 24);
        if (insec < 0 || insec >= NANOS || vnsec < 0 || vnsec >= NANOS || isec < 0 || vsec < 0) {
            return -Errno.EINVAL;
        }
        if (oldValue != 0) {
            writeItimerspec(oldValue, t.timer().get());
        }
        long value = ProcessSyscalls.saturatingNanos(vsec, vnsec);
        if ((flags & TIMER_ABSTIME) != 0 && value != 0) {
            long now = clockNow(t.clock());
            value = Math.max(1, value - now); // a time already past expires at once
        }
        t.timer().arm(value, ProcessSyscalls.saturatingNanos(isec, insec));
        return 0;
    }

    private long clockNow(int clock) {
        if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID) {
            return 0; // absolute CPU times: rarely used; treated as relative to now
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(16, 8);
            if (ctx.libc().clockGettime(clock, ts) < 0) {
                return 0;
            }
            return ProcessSyscalls.saturatingNanos(ts.get(ValueLayout.JAVA_LONG, 0), ts.get(ValueLayout.JAVA_LONG, 8));
        }
    }

    long timerGettime(long id, long out) {
        PosixTimer t = timer(id);
        if (t == null) {
            return -Errno.EINVAL;
        }
        writeItimerspec(out, t.timer().get());
        return 0;
    }

    private void writeItimerspec(long out, long[] valueInterval) {
        memory.checkAccess(out, 32, GuestMemory.WRITE);
        memory.st64(out, valueInterval[1] / NANOS);
        memory.st64(out + 8, valueInterval[1] % NANOS);
        memory.st64(out + 16, valueInterval[0] / NANOS);
        memory.st64(out + 24, valueInterval[0] % NANOS);
    }

    long timerGetoverrun(long id) {
        PosixTimer t = timer(id);
        return t == null ? -Errno.EINVAL : t.timer().overrun();
    }

    long timerDelete(long id) {
        PosixTimer t;
        synchronized (this) {
            t = timer(id);
            if (t == null) {
                return -Errno.EINVAL;
            }
            posix.set((int) index(id), null);
        }
        t.timer().disarm();
        return 0;
    }
}
