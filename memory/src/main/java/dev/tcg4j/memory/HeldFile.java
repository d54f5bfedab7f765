package dev.tcg4j.memory;

import java.lang.foreign.MemorySegment;

/**
 * A host descriptor of a file the guest mapped, duplicated so that it outlives the guest's own fd
 * (programs close the fd right after mmap): a fork maps the same file from it. Closed when the last
 * mapping made from it goes.
 */
final class HeldFile {
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final HostFunction FCNTL = HostFunction.variadicReturningInt("fcntl");
    private static final HostFunction MSYNC = HostFunction.returningInt("msync");

    private final int fd;
    private int users;

    private HeldFile(int fd) {
        this.fd = fd;
    }

    /** A duplicate of {@code hostFd}, or null when the host refuses one. */
    static HeldFile duplicate(int hostFd) {
        int fd = (int) FCNTL.call(hostFd, F_DUPFD_CLOEXEC, 0);
        return fd < 0 ? null : new HeldFile(fd);
    }

    /** Maps the file over part of the window: {@link NativeReservation#mapFd}. */
    boolean map(MemorySegment window, long offset, long len, long fileOffset, boolean shared) {
        return NativeReservation.mapFd(window, offset, len, fd, fileOffset, shared);
    }

    /** Host msync over {@code [hostAddress, hostAddress+len)}: 0, or -errno. */
    static int msync(long hostAddress, long len, int flags) {
        return (int) MSYNC.call(hostAddress, len, flags);
    }

    synchronized void retain() {
        users++;
    }

    /** Mappings of several windows (a fork's) share one held file, hence the lock. */
    synchronized void release() {
        if (--users == 0) {
            close();
        }
    }

    /** For a duplicate no mapping took. */
    synchronized void closeIfUnused() {
        if (users == 0) {
            close();
        }
    }

    private void close() {
        NativeReservation.close(fd);
    }
}
