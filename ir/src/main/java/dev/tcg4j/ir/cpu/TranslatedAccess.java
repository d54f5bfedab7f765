package dev.tcg4j.ir.cpu;

import static dev.tcg4j.ir.cpu.GuestMemory.fastReadable;
import static dev.tcg4j.ir.cpu.GuestMemory.fastWritable;

/**
 * Guest loads and stores as translated code calls them: with the {@link GuestMemory#pageTable() page
 * table} and the {@link GuestMemory#hostBase() host base} passed in from JVM locals.
 *
 * <p>Why not the instance methods: a block reads {@code cpu.exitRequested}, a volatile, on every
 * loop back edge, and no field load may move across a volatile read, so C2 reloaded the memory's
 * fields on every access of a loop. Held in locals they stay in registers.
 *
 * <p>Each method takes the fast path the instance method would take, with the same test
 * ({@link GuestMemory#fastReadable}): a naturally aligned access to a page that allows it. As in
 * QEMU's softmmu fast path, alignment costs one test instead of a page-offset comparison. Otherwise
 * it calls the instance method, whose slow path traps, or does the misaligned or page-crossing access.
 */
public final class TranslatedAccess {
    private TranslatedAccess() {}

    public static long ld8u(GuestMemory m, byte[] pages, long base, long a) {
        return fastReadable(pages, a, 1) ? RawMemory.U.getByte(base + a) & 0xffL : m.ld8u(a);
    }

    public static long ld8s(GuestMemory m, byte[] pages, long base, long a) {
        return fastReadable(pages, a, 1) ? RawMemory.U.getByte(base + a) : m.ld8s(a);
    }

    public static long ld16u(GuestMemory m, byte[] pages, long base, long a) {
        return fastReadable(pages, a, 2) ? RawMemory.U.getShort(base + a) & 0xffffL : m.ld16u(a);
    }

    public static long ld16s(GuestMemory m, byte[] pages, long base, long a) {
        return fastReadable(pages, a, 2) ? RawMemory.U.getShort(base + a) : m.ld16s(a);
    }

    public static long ld32u(GuestMemory m, byte[] pages, long base, long a) {
        return fastReadable(pages, a, 4) ? RawMemory.U.getInt(base + a) & 0xffffffffL : m.ld32u(a);
    }

    public static long ld32s(GuestMemory m, byte[] pages, long base, long a) {
        return fastReadable(pages, a, 4) ? RawMemory.U.getInt(base + a) : m.ld32s(a);
    }

    public static long ld64(GuestMemory m, byte[] pages, long base, long a) {
        return fastReadable(pages, a, 8) ? RawMemory.U.getLong(base + a) : m.ld64(a);
    }

    public static void st8(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (fastWritable(pages, a, 1)) {
            RawMemory.U.putByte(base + a, (byte) v);
        } else {
            m.st8(a, v);
        }
    }

    public static void st16(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (fastWritable(pages, a, 2)) {
            RawMemory.U.putShort(base + a, (short) v);
        } else {
            m.st16(a, v);
        }
    }

    public static void st32(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (fastWritable(pages, a, 4)) {
            RawMemory.U.putInt(base + a, (int) v);
        } else {
            m.st32(a, v);
        }
    }

    public static void st64(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (fastWritable(pages, a, 8)) {
            RawMemory.U.putLong(base + a, v);
        } else {
            m.st64(a, v);
        }
    }
}
