package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import java.util.HashMap;
import java.util.Map;

/**
 * Futex wait queues keyed by guest address. The value check and the sleep happen under one lock,
 * so a wake between them cannot be lost, as the kernel guarantees with its hash-bucket lock.
 */
final class Futexes {
    private final Map<Long, Integer> waiters = new HashMap<>();
    private final Map<Long, Long> wakeups = new HashMap<>();

    /** Returns 0 when woken, -EAGAIN when the word differs, -ETIMEDOUT when the wait ran out. */
    synchronized long await(GuestMemory memory, long uaddr, int expected, long timeoutNanos) throws InterruptedException {
        if ((int) memory.ld32s(uaddr) != expected) {
            return -Errno.EAGAIN;
        }
        long generation = wakeups.getOrDefault(uaddr, 0L);
        waiters.merge(uaddr, 1, Integer::sum);
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        try {
            while (wakeups.getOrDefault(uaddr, 0L) == generation) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -Errno.ETIMEDOUT;
                }
                if (timeoutNanos < 0) {
                    wait();
                } else {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
            return 0;
        } finally {
            waiters.merge(uaddr, -1, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** Wakes up to {@code n} waiters on {@code uaddr}; returns how many were waiting (at most n). */
    synchronized long wake(long uaddr, int n) {
        int waiting = waiters.getOrDefault(uaddr, 0);
        if (waiting == 0 || n <= 0) {
            return 0;
        }
        wakeups.merge(uaddr, 1L, Long::sum);
        notifyAll();
        return Math.min(waiting, n);
    }
}
