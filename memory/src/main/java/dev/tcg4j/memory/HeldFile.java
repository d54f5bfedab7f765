package dev.tcg4j.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * A host descriptor of a file the guest mapped, duplicated so that it outlives the guest's own fd
 * (programs close the fd right after mmap): a fork maps the same file from it. Closed when the last
 * mapping made from it goes. Its own host calls (dup and msync) are linked on first use, not at
 * start-up, which most runs never need.
 */
final class HeldFile {
    private static final int F_DUPFD_CLOEXEC = 1030;

    private final int fd;
    private int users;

    private HeldFile(int fd) {
        this.fd = fd;
    }

    /** A duplicate of {@code hostFd}, or null when the host refuses one. */
    static HeldFile duplicate(int hostFd) {
        try {
            int fd = (int) Calls.FCNTL.invokeExact(hostFd, F_DUPFD_CLOEXEC, 0);
            return fd < 0 ? null : new HeldFile(fd);
        } catch (Throwable t) {
            return null;
        }
    }

    /** Maps the file over part of the window: {@link NativeReservation#mapFd}. */
    boolean map(MemorySegment window, long offset, long len, long fileOffset, boolean shared) {
        return NativeReservation.mapFd(window, offset, len, fd, fileOffset, shared);
    }

    /** Host msync over {@code [hostAddress, hostAddress+len)}: 0, or -errno. */
    static int msync(long hostAddress, long len, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.STATE);
            int rc = (int) Calls.MSYNC.invokeExact(state, hostAddress, len, flags);
            return rc == 0 ? 0 : -(int) Calls.ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("msync failed", t);
        }
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

    /** Linked when first used. */
    private static final class Calls {
        static final MethodHandle FCNTL;
        static final MethodHandle MSYNC;
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        static {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            FCNTL = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
            MSYNC = linker.downcallHandle(libc.find("msync").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT), Linker.Option.captureCallState("errno"));
        }
    }
}
