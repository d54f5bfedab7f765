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
 * mapping made from it goes. Its host calls are linked on first use, not at start-up, which most
 * runs never need.
 */
final class HeldFile {
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED = 0x01;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_FIXED = 0x10;

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

    /**
     * Maps {@code len} bytes of the file from {@code fileOffset} over {@code [offset, offset+len)}
     * of the window. Read-write, as every page of the window is on the host (the guest's protection
     * is the page table's), so a shared mapping needs a descriptor open for writing.
     */
    boolean map(MemorySegment window, long offset, long len, long fileOffset, boolean shared) {
        long at = window.address() + offset;
        try {
            MemorySegment got = (MemorySegment) Calls.MMAP.invokeExact(MemorySegment.ofAddress(at), len,
                    PROT_READ_WRITE, (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, fd, fileOffset);
            return got.address() == at;
        } catch (Throwable t) {
            return false;
        }
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
        try {
            int unused = (int) Calls.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close failed", t);
        }
    }

    /** Linked when first used. */
    private static final class Calls {
        static final MethodHandle FCNTL;
        static final MethodHandle MMAP;
        static final MethodHandle MSYNC;
        static final MethodHandle CLOSE;
        static final StructLayout STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        static {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            FCNTL = linker.downcallHandle(libc.find("fcntl").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
            MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
            MSYNC = linker.downcallHandle(libc.find("msync").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT), Linker.Option.captureCallState("errno"));
            CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        }
    }
}
