package dev.tcg4j.memory;

import static dev.tcg4j.memory.FlatGuestMemory.fastReadable;
import static dev.tcg4j.memory.FlatGuestMemory.fastWritable;

/**
 * Guest loads and stores as translated code calls them: with the {@link FlatGuestMemory#pageTable() page
 * table}, its {@link FlatGuestMemory#pageCount() length} and the {@link FlatGuestMemory#hostBase() host
 * base} passed in from JVM locals.
 *
 * <p>Why not the instance methods: a block reads {@code cpu.exitRequested}, a volatile, on every
 * loop back edge, and no field load may move across a volatile read, so C2 reloaded the memory's
 * fields on every access of a loop. Held in locals they stay in registers.
 *
 * <p>Each method takes the fast path the instance method would take, with the same test
 * ({@link FlatGuestMemory#fastReadable}): a naturally aligned access to a page that allows it. As in
 * QEMU's softmmu fast path, alignment costs one test instead of a page-offset comparison. Otherwise
 * it calls the instance method, whose slow path traps, or does the misaligned or page-crossing access.
 */
public final class TranslatedAccess {
    private TranslatedAccess() {}

    public static long ld8u(FlatGuestMemory m, long pages, long pageCount, long base, long a) {
        return fastReadable(pages, pageCount, a, 1) ? HostMemory.getByte(base + a) & 0xffL : m.ld8u(a);
    }

    public static long ld8s(FlatGuestMemory m, long pages, long pageCount, long base, long a) {
        return fastReadable(pages, pageCount, a, 1) ? HostMemory.getByte(base + a) : m.ld8s(a);
    }

    public static long ld16u(FlatGuestMemory m, long pages, long pageCount, long base, long a) {
        return fastReadable(pages, pageCount, a, 2) ? HostMemory.getShort(base + a) & 0xffffL : m.ld16u(a);
    }

    public static long ld16s(FlatGuestMemory m, long pages, long pageCount, long base, long a) {
        return fastReadable(pages, pageCount, a, 2) ? HostMemory.getShort(base + a) : m.ld16s(a);
    }

    public static long ld32u(FlatGuestMemory m, long pages, long pageCount, long base, long a) {
        return fastReadable(pages, pageCount, a, 4) ? HostMemory.getInt(base + a) & 0xffffffffL : m.ld32u(a);
    }

    public static long ld32s(FlatGuestMemory m, long pages, long pageCount, long base, long a) {
        return fastReadable(pages, pageCount, a, 4) ? HostMemory.getInt(base + a) : m.ld32s(a);
    }

    public static long ld64(FlatGuestMemory m, long pages, long pageCount, long base, long a) {
        return fastReadable(pages, pageCount, a, 8) ? HostMemory.getLong(base + a) : m.ld64(a);
    }

    public static void st8(FlatGuestMemory m, long pages, long pageCount, long base, long a, long v) {
        if (fastWritable(pages, pageCount, a, 1)) {
            HostMemory.putByte(base + a, (byte) v);
        } else {
            m.st8(a, v);
        }
    }

    public static void st16(FlatGuestMemory m, long pages, long pageCount, long base, long a, long v) {
        if (fastWritable(pages, pageCount, a, 2)) {
            HostMemory.putShort(base + a, (short) v);
        } else {
            m.st16(a, v);
        }
    }

    public static void st32(FlatGuestMemory m, long pages, long pageCount, long base, long a, long v) {
        if (fastWritable(pages, pageCount, a, 4)) {
            HostMemory.putInt(base + a, (int) v);
        } else {
            m.st32(a, v);
        }
    }

    public static void st64(FlatGuestMemory m, long pages, long pageCount, long base, long a, long v) {
        if (fastWritable(pages, pageCount, a, 8)) {
            HostMemory.putLong(base + a, v);
        } else {
            m.st64(a, v);
        }
    }
}
