package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_CHILD_CLEARTID;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_CHILD_SETTID;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_PARENT_SETTID;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_PIDFD;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_SETTLS;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_SIGHAND;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_THREAD;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_VFORK;
import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_VM;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestExit;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.GuestThreads;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.ThreadExit;
import dev.tcg4j.runtime.linux.VcpuStarter;
import dev.tcg4j.runtime.linux.signal.ThreadSignals;
import java.util.concurrent.CountDownLatch;

/**
 * Threads: clone and clone3 with the thread flags, exit, set_tid_address, the robust futex list,
 * futex itself, and the kernel's work when a thread exits.
 *
 * <p>A new thread gets a vCPU of its own running on its own host thread (a platform thread, so
 * that it runs in parallel and has a kernel thread id, which is its guest tid as under qemu-user).
 * The parent waits until the child has its tid and has written it where CLONE_PARENT_SETTID and
 * CLONE_CHILD_SETTID ask, so that both see it before either runs on.
 */
final class ThreadSyscalls {
    private static final int ROBUST_LIST_HEAD_SIZE = 24;
    /** The kernel's ROBUST_LIST_LIMIT: a cyclic list stops being walked here. */
    private static final int ROBUST_LIST_LIMIT = 2048;
    private static final int FUTEX_WAITERS = 0x80000000;
    private static final int FUTEX_OWNER_DIED = 0x40000000;
    private static final int FUTEX_TID_MASK = 0x3fffffff;

    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int FUTEX_REQUEUE = 3;
    private static final int FUTEX_CMP_REQUEUE = 4;
    private static final int FUTEX_WAKE_OP = 5;
    private static final int FUTEX_WAIT_BITSET = 9;
    private static final int FUTEX_WAKE_BITSET = 10;
    private static final int FUTEX_PRIVATE_FLAG = 128;
    private static final int FUTEX_CLOCK_REALTIME = 256;
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_MONOTONIC = 1;

    private final ProcessContext ctx;
    private final GuestMemory memory;
    private final GuestThreads threads;
    private final Futexes futexes = new Futexes();
    private final int retSlot;
    private final int spSlot;
    private final int tpSlot;

    ThreadSyscalls(ProcessContext ctx, int retSlot, int spSlot) {
        this.ctx = ctx;
        this.memory = ctx.memory();
        this.threads = ctx.threads();
        this.retSlot = retSlot;
        this.spSlot = spSlot;
        this.tpSlot = ctx.abi().threadPointerSlot();
    }

    /** clone or clone3 with CLONE_THREAD: a new thread of this process, on a vCPU of its own. */
    long clone(CpuState parent, GuestThread self, CloneRequest request) {
        if (request.error() != 0) {
            return request.error();
        }
        long flags = request.flags();
        long newsp = request.stackTop();
        long ptid = request.parentTid();
        long tls = request.tls();
        long ctid = request.childTid();
        boolean thread = (flags & (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)) == (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)
                && (flags & (CLONE_VFORK | CLONE_PIDFD)) == 0;
        VcpuStarter starter = threads.starter();
        if (!thread || starter == null) {
            return -Errno.ENOSYS; // new processes are not there yet
        }
        int index = threads.reserveIndex();
        long[] regs = parent.regs.clone(); // the pc is past the ecall already
        long mask = ctx.signals().blocked(self.signals());
        byte[] name = self.name();
        CountDownLatch started = new CountDownLatch(1);
        int[] childTid = {0};
        try {
            starter.start(index, child -> {
                try {
                    int tid = ctx.libc().gettid();
                    System.arraycopy(regs, 0, child.regs, 0, regs.length);
                    child.regs[retSlot] = 0;
                    if (newsp != 0) {
                        child.regs[spSlot] = newsp;
                    }
                    if ((flags & CLONE_SETTLS) != 0) {
                        child.regs[tpSlot] = tls;
                    }
                    ThreadSignals signals = ctx.signals().addThread(child, mask);
                    GuestThread t = threads.register(tid, child, signals, name);
                    if (t == null) {
                        ctx.signals().removeThread(signals);
                        throw new GuestExit(0); // the process is ending: this thread never runs
                    }
                    if ((flags & CLONE_CHILD_CLEARTID) != 0) {
                        t.setClearChildTid(ctid);
                    }
                    storeTid(flags, CLONE_PARENT_SETTID, ptid, tid);
                    storeTid(flags, CLONE_CHILD_SETTID, ctid, tid);
                    childTid[0] = tid;
                } finally {
                    started.countDown();
                }
            });
        } catch (IllegalStateException | OutOfMemoryError noThread) {
            threads.releaseIndex(index);
            return -Errno.EAGAIN;
        }
        boolean interrupted = false;
        while (true) {
            try {
                started.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the child is on its way; wait for its tid all the same
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return childTid[0] != 0 ? childTid[0] : -Errno.EAGAIN;
    }

    private void storeTid(long flags, long flag, long addr, int tid) {
        if ((flags & flag) != 0) {
            try {
                memory.st32(addr, tid);
            } catch (GuestTrap ignored) {
                // the kernel's put_user failing leaves the word unwritten; the thread runs anyway
            }
        }
    }

    /** exit: this thread only; the process ends with it only if it is the last. */
    long exit(long status) {
        throw new ThreadExit((int) status & 0xff);
    }

    long setTidAddress(GuestThread self, long addr) {
        self.setClearChildTid(addr);
        return self.tid();
    }

    /**
     * Declined as qemu-user declines it (-ENOSYS), on purpose: glibc then runs the instructions it
     * runs under QEMU (plugin counts match; with the list it takes other paths at start-up and
     * exit) and refuses robust mutexes with ENOTSUP, as under QEMU. The head is recorded all the
     * same, and {@link #release} walks a recorded list as the kernel does, for a guest that
     * registers one and ignores the error.
     */
    long setRobustList(GuestThread self, long head, long len) {
        if (len != ROBUST_LIST_HEAD_SIZE) {
            return -Errno.EINVAL;
        }
        self.setRobustList(head);
        return -Errno.ENOSYS;
    }

    long getRobustList(GuestThread self, long tid, long headPtr, long lenPtr) {
        GuestThread t = tid == 0 ? self : threads.byTid((int) tid);
        if (t == null) {
            return -Errno.ESRCH;
        }
        memory.checkAccess(headPtr, 8, GuestMemory.WRITE);
        memory.checkAccess(lenPtr, 8, GuestMemory.WRITE);
        memory.st64(headPtr, t.robustList());
        memory.st64(lenPtr, ROBUST_LIST_HEAD_SIZE);
        return 0;
    }

    /**
     * What the kernel does when a thread exits (exit_robust_list, then mm_release): every robust
     * mutex the thread still holds is marked OWNER_DIED and one waiter woken; then the
     * clear_child_tid word is zeroed and one waiter woken (pthread_join waits there).
     */
    void release(GuestThread t) {
        try {
            walkRobustList(t);
        } catch (GuestTrap badList) {
            // the kernel stops walking a list it cannot read
        }
        long clear = t.clearChildTid();
        if (clear != 0) {
            try {
                memory.st32(clear, 0);
                futexes.wake(clear, 1, Futexes.MATCH_ANY);
            } catch (GuestTrap ignored) {
                // an unwritable address is skipped, as put_user failing is
            }
        }
    }

    private void walkRobustList(GuestThread t) {
        long head = t.robustList();
        if (head == 0) {
            return;
        }
        long entry = memory.ld64(head);
        long offset = memory.ld64(head + 8);
        long pending = memory.ld64(head + 16) & ~1L;
        for (int n = 0; entry != head && entry != 0 && n < ROBUST_LIST_LIMIT; n++) {
            long next = memory.ld64(entry & ~1L);
            if ((entry & ~1L) != pending) {
                futexDeath((entry & ~1L) + offset, t.tid());
            }
            entry = next;
        }
        if (pending != 0) {
            futexDeath(pending + offset, t.tid());
        }
    }

    private void futexDeath(long uaddr, int tid) {
        if ((uaddr & 3) != 0) {
            return;
        }
        int value = (int) memory.ld32s(uaddr);
        while ((value & FUTEX_TID_MASK) == tid) {
            int died = (value & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
            int witness = (int) memory.cas32(uaddr, value, died);
            if (witness == value) {
                if ((value & FUTEX_WAITERS) != 0) {
                    futexes.wake(uaddr, 1, Futexes.MATCH_ANY);
                }
                return;
            }
            value = witness;
        }
    }

    long futex(long uaddr, long op, long val, long timeout, long uaddr2, long val3) {
        int cmd = (int) op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        boolean realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
        if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET) {
            return -Errno.ENOSYS;
        }
        if ((uaddr & 3) != 0) {
            return -Errno.EINVAL;
        }
        switch (cmd) {
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                int bitset = cmd == FUTEX_WAIT ? Futexes.MATCH_ANY : (int) val3;
                if (bitset == 0) {
                    return -Errno.EINVAL;
                }
                long nanos = -1;
                if (timeout != 0) {
                    long sec = memory.ld64(timeout);
                    long nsec = memory.ld64(timeout + 8);
                    if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
                        return -Errno.EINVAL;
                    }
                    nanos = ProcessSyscalls.saturatingNanos(sec, nsec);
                    if (cmd == FUTEX_WAIT_BITSET) {
                        // absolute, on the monotonic clock or with FUTEX_CLOCK_REALTIME the realtime one
                        nanos = Math.max(0, nanos - now(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC));
                    }
                    // FUTEX_WAIT's timeout is relative whatever the clock flag says, as in the kernel
                }
                return futexes.await(memory, uaddr, (int) val, bitset, nanos);
            }
            case FUTEX_WAKE, FUTEX_WAKE_BITSET -> {
                int bitset = cmd == FUTEX_WAKE ? Futexes.MATCH_ANY : (int) val3;
                if (bitset == 0) {
                    return -Errno.EINVAL;
                }
                return futexes.wake(uaddr, wakeCount(val), bitset);
            }
            case FUTEX_REQUEUE, FUTEX_CMP_REQUEUE -> {
                if ((uaddr2 & 3) != 0) {
                    return -Errno.EINVAL;
                }
                // the fourth argument is val2, the most to requeue, not a timeout
                if ((int) val < 0 || (int) timeout < 0) {
                    return -Errno.EINVAL;
                }
                return futexes.requeue(memory, uaddr, uaddr2, (int) val, (int) timeout, cmd == FUTEX_CMP_REQUEUE,
                        (int) val3);
            }
            case FUTEX_WAKE_OP -> {
                if ((uaddr2 & 3) != 0) {
                    return -Errno.EINVAL;
                }
                return futexes.wakeOp(memory, uaddr, uaddr2, wakeCount(val), wakeCount(timeout), (int) val3);
            }
            default -> {
                return -Errno.ENOSYS; // the PI futexes
            }
        }
    }

    /** The kernel's futex_wake counts as int and stops after the first wake when the count is 0 or less. */
    private static int wakeCount(long v) {
        return Math.max(1, (int) v);
    }

    private long now(int clock) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment ts = arena.allocate(16, 8);
            ctx.libc().clockGettime(clock, ts);
            return ProcessSyscalls.saturatingNanos(ts.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0),
                    ts.get(java.lang.foreign.ValueLayout.JAVA_LONG, 8));
        }
    }

    /** How many threads wait on {@code uaddr} (for tests). */
    int futexWaiters(long uaddr) {
        return futexes.waiting(uaddr);
    }
}
