package dev.tcg4j.runtime.linux.syscall;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One guest timer (an ITIMER_*, or a POSIX timer of timer_create): a value counting down on its
 * clock, an interval that re-arms it, and what happens at each expiry. Wall-clock timers are
 * scheduled on a shared daemon thread; CPU-time timers (ITIMER_VIRTUAL, ITIMER_PROF, the CPU-time
 * clocks) are checked every {@link #CPU_TICK_MILLIS} against the CPU time of the guest's host
 * threads, the way the kernel checks them at its tick.
 */
final class GuestTimer {
    static final long CPU_TICK_MILLIS = 4;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile ScheduledThreadPoolExecutor scheduler;

    /** The time a timer counts: wall-clock, or the CPU time of some host threads. */
    enum Clock { WALL, CPU_USER, CPU_TOTAL }

    /** Runs at every expiry, with the number of further expiries that were missed. */
    interface Expiry {
        void fire(int overrun);
    }

    private final Clock clock;
    /** The host threads whose CPU time a CPU clock counts. */
    private final Supplier<List<Thread>> cpuThreads;
    private final Expiry expiry;
    private long intervalNanos;
    /** The expiry on the timer's own clock (System.nanoTime, or CPU nanoseconds), 0 when disarmed. */
    private long deadline;
    private ScheduledFuture<?> pending;
    private int overrun;

    GuestTimer(Clock clock, Supplier<List<Thread>> cpuThreads, Expiry expiry) {
        this.clock = clock;
        this.cpuThreads = cpuThreads;
        this.expiry = expiry;
    }

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor s = scheduler;
        if (s == null) {
            synchronized (GuestTimer.class) {
                s = scheduler;
                if (s == null) {
                    s = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "tcg4j-timers");
                        t.setDaemon(true);
                        return t;
                    });
                    s.setRemoveOnCancelPolicy(true);
                    scheduler = s;
                }
            }
        }
        return s;
    }

    private long now() {
        if (clock == Clock.WALL) {
            return System.nanoTime();
        }
        long sum = 0;
        for (Thread t : cpuThreads.get()) {
            long ns = clock == Clock.CPU_USER ? THREADS.getThreadUserTime(t.threadId()) : THREADS.getThreadCpuTime(t.threadId());
            sum += Math.max(0, ns);
        }
        return sum;
    }

    /** Arms the timer to expire in {@code valueNanos} (0 disarms) and every {@code intervalNanos} after. */
    synchronized void arm(long valueNanos, long intervalNanos) {
        cancel();
        this.intervalNanos = intervalNanos;
        this.overrun = 0;
        if (valueNanos <= 0) {
            deadline = 0;
            return;
        }
        deadline = now() + valueNanos;
        if (deadline == 0) {
            deadline = 1;
        }
        schedule();
    }

    private void schedule() {
        long delay = clock == Clock.WALL ? Math.max(0, deadline - System.nanoTime()) : TimeUnit.MILLISECONDS.toNanos(CPU_TICK_MILLIS);
        pending = scheduler().schedule(this::tick, delay, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Stops the timer for good (timer_delete, the process's end). */
    synchronized void disarm() {
        cancel();
        deadline = 0;
    }

    private void tick() {
        int missed;
        synchronized (this) {
            pending = null;
            if (deadline == 0) {
                return;
            }
            long now = now();
            if (now < deadline) {
                schedule();
                return;
            }
            missed = 0;
            if (intervalNanos > 0) {
                long late = now - deadline;
                missed = (int) Math.min(Integer.MAX_VALUE, late / intervalNanos);
                deadline += (missed + 1L) * intervalNanos;
                schedule();
            } else {
                deadline = 0;
            }
        }
        expiry.fire(missed);
    }

    /** What is left until the next expiry (0 when disarmed) and the interval, in nanoseconds. */
    synchronized long[] get() {
        if (deadline == 0) {
            return new long[] {0, intervalNanos};
        }
        return new long[] {Math.max(1, deadline - now()), intervalNanos};
    }

    synchronized void setOverrun(int overrun) {
        this.overrun = overrun;
    }

    synchronized int overrun() {
        return overrun;
    }
}
