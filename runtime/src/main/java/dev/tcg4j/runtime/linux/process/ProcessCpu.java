package dev.tcg4j.runtime.linux.process;

import dev.tcg4j.runtime.linux.CpuTimes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Set;

/**
 * The CPU one guest process has used: the host CPU time of its vCPU threads, those that have ended
 * summed as they end, those still running read when asked. The emulator's own threads (HotSpot's
 * compilers, the GC) are charged to no guest process. Kept across execve, as the kernel keeps a
 * process's times; frozen at its exit, when its parent can reap it.
 */
public final class ProcessCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Set<Thread> running = new HashSet<>();
    private CpuTimes ended = CpuTimes.ZERO;
    private CpuTimes frozen;

    /** {@code t} (the calling thread) now runs one of the process's vCPUs. */
    public synchronized void started(Thread t) {
        if (frozen == null) {
            running.add(t);
        }
    }

    /** The calling thread's vCPU has ended: its CPU so far stays with the process. */
    public synchronized void ended(Thread self) {
        if (running.remove(self) && frozen == null) {
            ended = ended.plus(ofCurrentThread());
        }
    }

    /** The process's user and system time so far (its final times once it has exited). */
    public synchronized CpuTimes now() {
        if (frozen != null) {
            return frozen;
        }
        CpuTimes total = ended;
        for (Thread t : running) {
            total = total.plus(of(t));
        }
        return total;
    }

    /**
     * User plus system time so far, without the split: the threads' CPU clocks alone, where the
     * split needs a read of /proc per thread (clock() and CLOCK_PROCESS_CPUTIME_ID ask often).
     */
    public synchronized long totalNanos() {
        CpuTimes base = frozen != null ? frozen : ended;
        long total = base.userNanos() + base.systemNanos();
        if (frozen == null) {
            for (Thread t : running) {
                long ns = t == Thread.currentThread() ? THREADS.getCurrentThreadCpuTime()
                        : THREADS.getThreadCpuTime(t.threadId());
                total += Math.max(0, ns);
            }
        }
        return total;
    }

    /** The process has exited: its times no longer change, a thread still unwinding adds nothing. */
    public synchronized CpuTimes freeze() {
        if (frozen == null) {
            frozen = now();
        }
        return frozen;
    }

    private static CpuTimes ofCurrentThread() {
        return split(THREADS.getCurrentThreadCpuTime(), THREADS.getCurrentThreadUserTime());
    }

    private static CpuTimes of(Thread t) {
        return t == Thread.currentThread() ? ofCurrentThread()
                : split(THREADS.getThreadCpuTime(t.threadId()), THREADS.getThreadUserTime(t.threadId()));
    }

    /** A thread's CPU from the JVM's figures, which are -1 for a thread not (or no longer) running. */
    private static CpuTimes split(long total, long user) {
        return total < 0 || user < 0 ? CpuTimes.ZERO : new CpuTimes(user, Math.max(0, total - user));
    }
}
