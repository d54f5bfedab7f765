package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The futex wait queues of one process, keyed by guest address, in FIFO order as the kernel's
 * hash-bucket lists. One lock covers every queue: the value check and the enqueue happen under it, so
 * a wake between them cannot be lost, and each waiter sleeps on a condition of its own, so a wake
 * rouses exactly the waiters it dequeued (no over-waking, no thundering herd).
 *
 * <p>Private and shared futexes share these queues: every vCPU of the process sees the same guest
 * address space, so the guest address is the key either way.
 */
final class Futexes {
    /** FUTEX_BITSET_MATCH_ANY: what WAIT and WAKE use. */
    static final int MATCH_ANY = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, ArrayDeque<Waiter>> queues = new HashMap<>();

    /** One sleeping thread; {@link #addr} changes when a requeue moves it. */
    private static final class Waiter {
        long addr;
        final int bitset;
        final Condition woken;
        boolean done;

        Waiter(long addr, int bitset, Condition woken) {
            this.addr = addr;
            this.bitset = bitset;
            this.woken = woken;
        }
    }

    /**
     * FUTEX_WAIT(_BITSET): sleeps while the word at {@code uaddr} holds {@code expected}.
     *
     * @param timeoutNanos how long to wait at most, negative for ever
     * @return 0 when woken, -EAGAIN when the word differs, -ETIMEDOUT when the wait ran out, -EINTR
     *     when the host thread was interrupted (the process is ending)
     */
    long await(GuestMemory memory, long uaddr, int expected, int bitset, long timeoutNanos) {
        lock.lock();
        try {
            if ((int) memory.ld32s(uaddr) != expected) {
                return -Errno.EAGAIN;
            }
            Waiter w = new Waiter(uaddr, bitset, lock.newCondition());
            queues.computeIfAbsent(uaddr, k -> new ArrayDeque<>()).add(w);
            long left = timeoutNanos;
            try {
                while (!w.done) {
                    if (timeoutNanos < 0) {
                        w.woken.await();
                    } else {
                        if (left <= 0) {
                            dequeue(w);
                            return -Errno.ETIMEDOUT;
                        }
                        left = w.woken.awaitNanos(left);
                    }
                }
                return 0;
            } catch (InterruptedException e) {
                if (w.done) {
                    Thread.currentThread().interrupt();
                    return 0; // the wake came first: it counted this waiter
                }
                dequeue(w);
                return -Errno.EINTR;
            }
        } finally {
            lock.unlock();
        }
    }

    /** FUTEX_WAKE(_BITSET): wakes up to {@code n} waiters on {@code uaddr} whose bitset meets {@code bitset}. */
    long wake(long uaddr, int n, int bitset) {
        lock.lock();
        try {
            return wakeLocked(uaddr, n, bitset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wakes up to {@code wakeCount} waiters on {@code uaddr} and
     * moves up to {@code requeueCount} of the rest to {@code uaddr2}.
     *
     * @param checkValue for CMP_REQUEUE, whether the word must hold {@code expected} (else -EAGAIN)
     * @return how many were woken and requeued
     */
    long requeue(GuestMemory memory, long uaddr, long uaddr2, int wakeCount, int requeueCount, boolean checkValue,
            int expected) {
        lock.lock();
        try {
            if (checkValue && (int) memory.ld32s(uaddr) != expected) {
                return -Errno.EAGAIN;
            }
            long woken = wakeLocked(uaddr, wakeCount, MATCH_ANY);
            if (uaddr == uaddr2) {
                return woken;
            }
            ArrayDeque<Waiter> from = queues.get(uaddr);
            long moved = 0;
            if (from != null) {
                while (moved < requeueCount && !from.isEmpty()) {
                    Waiter w = from.poll();
                    w.addr = uaddr2;
                    queues.computeIfAbsent(uaddr2, k -> new ArrayDeque<>()).add(w);
                    moved++;
                }
                if (from.isEmpty()) {
                    queues.remove(uaddr);
                }
            }
            return woken + moved;
        } finally {
            lock.unlock();
        }
    }

    /**
     * FUTEX_WAKE_OP: atomically applies the operation encoded in {@code val3} to the word at
     * {@code uaddr2}, wakes up to {@code n} waiters on {@code uaddr}, and if the word's old value
     * passes the encoded comparison, up to {@code n2} on {@code uaddr2}.
     */
    long wakeOp(GuestMemory memory, long uaddr, long uaddr2, int n, int n2, int val3) {
        int op = (val3 >>> 28) & 7;
        boolean shift = (val3 & (8 << 28)) != 0;
        int cmp = (val3 >>> 24) & 15;
        int oparg = (val3 << 8) >> 20;
        int cmparg = (val3 << 20) >> 20;
        if (shift) {
            if (oparg < 0 || oparg > 31) {
                return -Errno.EINVAL;
            }
            oparg = 1 << oparg;
        }
        if (op > 4 || cmp > 5) {
            return -Errno.ENOSYS;
        }
        lock.lock();
        try {
            memory.checkAtomic(uaddr2, 4);
            int old = (int) memory.ld32s(uaddr2);
            while (true) {
                int updated = switch (op) {
                    case 0 -> oparg;
                    case 1 -> old + oparg;
                    case 2 -> old | oparg;
                    case 3 -> old & ~oparg;
                    default -> old ^ oparg;
                };
                int witness = (int) memory.cas32(uaddr2, old, updated);
                if (witness == old) {
                    break;
                }
                old = witness;
            }
            long woken = wakeLocked(uaddr, n, MATCH_ANY);
            boolean more = switch (cmp) {
                case 0 -> old == cmparg;
                case 1 -> old != cmparg;
                case 2 -> old < cmparg;
                case 3 -> old <= cmparg;
                case 4 -> old > cmparg;
                default -> old >= cmparg;
            };
            if (more) {
                woken += wakeLocked(uaddr2, n2, MATCH_ANY);
            }
            return woken;
        } finally {
            lock.unlock();
        }
    }

    /** How many threads wait on {@code uaddr} now (for tests). */
    int waiting(long uaddr) {
        lock.lock();
        try {
            ArrayDeque<Waiter> q = queues.get(uaddr);
            return q == null ? 0 : q.size();
        } finally {
            lock.unlock();
        }
    }

    private long wakeLocked(long uaddr, int n, int bitset) {
        ArrayDeque<Waiter> q = queues.get(uaddr);
        if (q == null || n <= 0) {
            return 0;
        }
        long woken = 0;
        for (Iterator<Waiter> it = q.iterator(); it.hasNext() && woken < n; ) {
            Waiter w = it.next();
            if ((w.bitset & bitset) != 0) {
                it.remove();
                w.done = true;
                w.woken.signal();
                woken++;
            }
        }
        if (q.isEmpty()) {
            queues.remove(uaddr);
        }
        return woken;
    }

    private void dequeue(Waiter w) {
        ArrayDeque<Waiter> q = queues.get(w.addr);
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) {
                queues.remove(w.addr);
            }
        }
    }
}
