package dev.tcg4j.ir.cpu;

import static dev.tcg4j.ir.cpu.GuestMemory.PAGE_SHIFT;

/**
 * Guest loads and stores as translated code calls them: with the {@link GuestMemory#pageTable() page
 * table} and the {@link GuestMemory#hostBase() host base} passed in from JVM locals.
 *
 * <p>Why not the instance methods: a block reads {@code cpu.exitRequested}, a volatile, on every
 * loop back edge, and no field load may move across a volatile read, so C2 reloaded the memory's
 * fields on every access of a loop. Held in locals they stay in registers. The page index is checked
 * against the table's length, which also bounds the address: the table has one entry per page of the
 * window; the entry is then read without a second bounds check.
 *
 * <p>Each method takes the fast path for a naturally aligned access to a page that allows it (an
 * aligned access never crosses a page), and otherwise the instance method's slow path, which checks
 * again and traps, or does the misaligned or page-crossing access. As in QEMU's softmmu fast path,
 * alignment costs one test instead of a page-offset comparison.
 */
public final class TranslatedAccess {
    private TranslatedAccess() {}

    private static final long PAGES_BASE = RawMemory.U.arrayBaseOffset(byte[].class);

    private static boolean canRead(byte[] pages, long a, int n) {
        long page = a >>> PAGE_SHIFT;
        return page < pages.length && (RawMemory.U.getByte(pages, PAGES_BASE + page) & GuestMemory.READ) != 0
                && (a & (n - 1)) == 0;
    }

    private static boolean canWrite(byte[] pages, long a, int n) {
        long page = a >>> PAGE_SHIFT;
        return page < pages.length
                && (RawMemory.U.getByte(pages, PAGES_BASE + page) & (GuestMemory.WRITE | GuestMemory.CODE)) == GuestMemory.WRITE
                && (a & (n - 1)) == 0;
    }

    public static long ld8u(GuestMemory m, byte[] pages, long base, long a) {
        return canRead(pages, a, 1) ? RawMemory.U.getByte(base + a) & 0xffL : m.ld8u(a);
    }

    public static long ld8s(GuestMemory m, byte[] pages, long base, long a) {
        return canRead(pages, a, 1) ? RawMemory.U.getByte(base + a) : m.ld8s(a);
    }

    public static long ld16u(GuestMemory m, byte[] pages, long base, long a) {
        return canRead(pages, a, 2) ? RawMemory.U.getShort(base + a) & 0xffffL : m.ld16u(a);
    }

    public static long ld16s(GuestMemory m, byte[] pages, long base, long a) {
        return canRead(pages, a, 2) ? RawMemory.U.getShort(base + a) : m.ld16s(a);
    }

    public static long ld32u(GuestMemory m, byte[] pages, long base, long a) {
        return canRead(pages, a, 4) ? RawMemory.U.getInt(base + a) & 0xffffffffL : m.ld32u(a);
    }

    public static long ld32s(GuestMemory m, byte[] pages, long base, long a) {
        return canRead(pages, a, 4) ? RawMemory.U.getInt(base + a) : m.ld32s(a);
    }

    public static long ld64(GuestMemory m, byte[] pages, long base, long a) {
        return canRead(pages, a, 8) ? RawMemory.U.getLong(base + a) : m.ld64(a);
    }

    public static void st8(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (canWrite(pages, a, 1)) {
            RawMemory.U.putByte(base + a, (byte) v);
        } else {
            m.st8(a, v);
        }
    }

    public static void st16(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (canWrite(pages, a, 2)) {
            RawMemory.U.putShort(base + a, (short) v);
        } else {
            m.st16(a, v);
        }
    }

    public static void st32(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (canWrite(pages, a, 4)) {
            RawMemory.U.putInt(base + a, (int) v);
        } else {
            m.st32(a, v);
        }
    }

    public static void st64(GuestMemory m, byte[] pages, long base, long a, long v) {
        if (canWrite(pages, a, 8)) {
            RawMemory.U.putLong(base + a, v);
        } else {
            m.st64(a, v);
        }
    }
}
