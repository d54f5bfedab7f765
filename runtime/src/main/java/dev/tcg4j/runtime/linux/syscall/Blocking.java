package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.host.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Host waits that a guest signal or the end of the process can cut short. A vCPU's host thread
 * blocked in a host call cannot be interrupted by {@code Thread.interrupt} (which is how a signal
 * for it, and exit_group, reach it), so a wait that could block is done as host polls of at most
 * {@link #SLICE_MILLIS}, checking the interrupt between them: a signal then ends the wait within a
 * slice, with EINTR, as the kernel's signal_pending check does.
 */
final class Blocking {
    /** The longest a posted signal waits for a blocked vCPU to notice it. */
    static final int SLICE_MILLIS = 20;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    private static final int F_GETFL = 3;
    private static final int O_NONBLOCK = 0x800;

    private Blocking() {}

    /** Whether the host thread has been asked to stop waiting (a signal, the process's end). */
    static boolean interrupted() {
        return Thread.currentThread().isInterrupted();
    }

    /**
     * poll on a native pollfd array, interruptibly: the number of ready fds, 0 when
     * {@code timeoutNanos} passed (negative waits for ever), -EINTR when interrupted.
     */
    static long poll(Libc libc, MemorySegment pollfds, long nfds, long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        long r = libc.poll(pollfds, nfds, 0);
        while (r == 0) {
            if (interrupted()) {
                return -Errno.EINTR;
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            int slice = left >= SLICE_MILLIS * 1_000_000L ? SLICE_MILLIS : (int) ((left + 999_999) / 1_000_000);
            r = libc.poll(pollfds, nfds, slice);
            if (r == -Errno.EINTR) {
                r = 0; // a host signal the JVM took: keep waiting unless it became a guest one
            }
        }
        return r;
    }

    /**
     * Waits until {@code hostFd} is ready for {@code events}, unless it is non-blocking (the call
     * that follows then says EAGAIN itself): 0 when ready, -EINTR when interrupted first.
     */
    static long awaitReady(Libc libc, int hostFd, short events) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(8, 4);
            pfd.set(ValueLayout.JAVA_INT, 0, hostFd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, events);
            if (libc.poll(pfd, 1, 0) != 0) {
                return 0;
            }
            if (nonBlocking(libc, hostFd)) {
                return 0;
            }
            long r = poll(libc, pfd, 1, -1);
            return r < 0 ? r : 0;
        }
    }

    /** Whether {@code hostFd} is open O_NONBLOCK, so that a call on it that is not ready says EAGAIN. */
    static boolean nonBlocking(Libc libc, int hostFd) {
        return (libc.fcntl(hostFd, F_GETFL, 0) & O_NONBLOCK) != 0;
    }

    /** EINTR from a wait becomes the restartable ERESTARTSYS (SA_RESTART decides). */
    static long restartable(long r) {
        return r == -Errno.EINTR ? -Errno.ERESTARTSYS : r;
    }
}
