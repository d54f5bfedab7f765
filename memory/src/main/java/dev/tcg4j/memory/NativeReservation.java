package dev.tcg4j.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

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
    private static final HostFunction MMAP = HostFunction.returningLong("mmap");
    private static final HostFunction MUNMAP = HostFunction.returningInt("munmap");
    private static final HostFunction OPEN = HostFunction.variadicReturningInt("open");
    private static final HostFunction CLOSE = HostFunction.returningInt("close");
    private static final HostFunction MADVISE = HostFunction.returningInt("madvise");

    private NativeReservation() {}

    /**
     * Reserves {@code size} zero-filled read-write bytes, unmapped again when {@code owner} closes: a
     * closed arena also makes every later access through the segment fail instead of touching freed
     * address space.
     */
    static MemorySegment reserve(long size, Arena owner) {
        long address = MMAP.call(0, size, PROT_READ_WRITE, MAP_PRIVATE_ANON_NORESERVE, -1, 0);
        if (address < 0) {
            throw new IllegalStateException("cannot reserve " + size + " bytes of host address space for guest memory");
        }
        return MemorySegment.ofAddress(address).reinterpret(size, owner, unused -> unmap(address, size));
    }

    private static void unmap(long address, long size) {
        MUNMAP.call(address, size);
    }

    /** Gives pages back to the host; they read as zero afterwards. */
    static void zero(MemorySegment mem, long offset, long len) {
        if (len == 0) {
            return;
        }
        if (MADVISE.call(mem.address() + offset, len, MADV_DONTNEED) != 0) {
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
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) OPEN.call(arena.allocateFrom(file).address(), O_RDONLY_CLOEXEC);
        }
        if (fd < 0) {
            return false;
        }
        try {
            return mapFd(mem, offset, len, fd, fileOffset, false);
        } finally {
            close(fd);
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
        return MMAP.call(at, len, PROT_READ_WRITE, (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, fd, fileOffset) == at;
    }

    static void close(int fd) {
        CLOSE.call(fd);
    }

    /** Puts fresh zero-filled anonymous pages over {@code [offset, offset+len)}, a file's mapping there included. */
    static void replaceWithAnonymous(MemorySegment mem, long offset, long len) {
        long at = mem.address() + offset;
        if (MMAP.call(at, len, PROT_READ_WRITE, MAP_PRIVATE_ANON_NORESERVE | MAP_FIXED, -1, 0) != at) {
            throw new IllegalStateException("cannot replace a file's mapping in guest memory");
        }
    }
}
