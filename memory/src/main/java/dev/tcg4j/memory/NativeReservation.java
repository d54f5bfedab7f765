package dev.tcg4j.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Host address space reserved with {@code mmap(MAP_NORESERVE)}, through the FFM API: only the pages
 * touched cost memory, so a window of terabytes costs nothing until the guest uses it.
 */
final class NativeReservation {
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_PRIVATE_ANON_NORESERVE = 0x02 | 0x20 | 0x4000;
    private static final int MAP_SHARED = 0x01;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_FIXED = 0x10;
    private static final int MADV_DONTNEED = 4;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final MethodHandle MMAP;
    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final MethodHandle MUNMAP;
    private static final MethodHandle MADVISE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MUNMAP = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MADVISE = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT));
    }

    private NativeReservation() {}

    /** Does nothing, but the first call links mmap, munmap and madvise (the class initialiser). */
    static void link() {}

    /**
     * Reserves {@code size} zero-filled read-write bytes, unmapped again when {@code owner} closes: a
     * closed arena also makes every later access through the segment fail instead of touching freed
     * address space.
     */
    static MemorySegment reserve(long size, Arena owner) {
        MemorySegment base;
        try {
            base = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size, PROT_READ_WRITE,
                    MAP_PRIVATE_ANON_NORESERVE, -1, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("mmap failed", t);
        }
        if (base.address() == -1L) {
            throw new IllegalStateException("cannot reserve " + size + " bytes of host address space for guest memory");
        }
        long address = base.address();
        return base.reinterpret(size, owner, unused -> unmap(address, size));
    }

    private static void unmap(long address, long size) {
        try {
            int unused = (int) MUNMAP.invokeExact(address, size);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed", t);
        }
    }

    /** Gives pages back to the host; they read as zero afterwards. */
    static void zero(MemorySegment mem, long offset, long len) {
        if (len == 0) {
            return;
        }
        int rc;
        try {
            rc = (int) MADVISE.invokeExact(mem.asSlice(offset, len), len, MADV_DONTNEED);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed", t);
        }
        if (rc != 0) {
            mem.asSlice(offset, len).fill((byte) 0);
        }
    }

    /**
     * Maps {@code len} bytes of {@code file} from {@code fileOffset} (page-aligned) privately over
     * {@code [offset, offset+len)} of the reservation: the pages read the file's bytes through the
     * host's page cache, shared with every other such mapping, and a write gives the writer a copy
     * of its own. Returns false when the host refuses (the caller then copies the bytes in).
     */
    static boolean mapFile(MemorySegment mem, long offset, long len, String file, long fileOffset) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(file), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                return false;
            }
            try {
                return mapFd(mem, offset, len, fd, fileOffset, false);
            } finally {
                close(fd);
            }
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Maps {@code len} bytes of the open file {@code fd} from {@code fileOffset} over
     * {@code [offset, offset+len)} of the reservation, read-write (the guest's protection is the page
     * table's): privately as {@link #mapFile}, or shared, where stores reach the file and every other
     * shared mapping of it, which needs {@code fd} open for writing. Returns false when the host refuses.
     */
    static boolean mapFd(MemorySegment mem, long offset, long len, int fd, long fileOffset, boolean shared) {
        long at = mem.address() + offset;
        try {
            MemorySegment got = (MemorySegment) MMAP.invokeExact(MemorySegment.ofAddress(at), len, PROT_READ_WRITE,
                    (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, fd, fileOffset);
            return got.address() == at;
        } catch (Throwable t) {
            return false;
        }
    }

    static void close(int fd) {
        try {
            int unused = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close failed", t);
        }
    }

    /** Puts fresh zero-filled anonymous pages over {@code [offset, offset+len)}, a file's mapping there included. */
    static void replaceWithAnonymous(MemorySegment mem, long offset, long len) {
        MemorySegment at;
        try {
            at = (MemorySegment) MMAP.invokeExact(MemorySegment.ofAddress(mem.address() + offset), len, PROT_READ_WRITE,
                    MAP_PRIVATE_ANON_NORESERVE | MAP_FIXED, -1, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("mmap failed", t);
        }
        if (at.address() != mem.address() + offset) {
            throw new IllegalStateException("cannot replace a file's mapping in guest memory");
        }
    }
}
