package dev.tcg4j.ir;

/**
 * Describes a guest memory access: its size and whether a load sign-extends. Guests here are
 * little-endian; the big-endian bit exists so that plugins see the same meminfo shape as QEMU's.
 *
 * <p>{@link #meminfo(boolean)} packs it like QEMU's {@code qemu_plugin_meminfo_t}: bits 0-3 the
 * size shift, bit 4 sign extension, bit 5 big endian, bit 6 store.
 */
public record MemOp(int sizeShift, boolean signed, boolean bigEndian) {
    public static final int MEMINFO_SIGN = 1 << 4;
    public static final int MEMINFO_BE = 1 << 5;
    public static final int MEMINFO_STORE = 1 << 6;

    public static final MemOp UB = new MemOp(0, false, false);
    public static final MemOp SB = new MemOp(0, true, false);
    public static final MemOp UW = new MemOp(1, false, false);
    public static final MemOp SW = new MemOp(1, true, false);
    public static final MemOp UL = new MemOp(2, false, false);
    public static final MemOp SL = new MemOp(2, true, false);
    public static final MemOp UQ = new MemOp(3, false, false);

    public MemOp {
        if (sizeShift < 0 || sizeShift > 3) {
            throw new IllegalArgumentException("size shift " + sizeShift);
        }
    }

    public int size() {
        return 1 << sizeShift;
    }

    public int meminfo(boolean store) {
        return sizeShift | (signed ? MEMINFO_SIGN : 0) | (bigEndian ? MEMINFO_BE : 0)
                | (store ? MEMINFO_STORE : 0);
    }

    @Override
    public String toString() {
        return (signed ? "s" : "u") + (8 << sizeShift) + (bigEndian ? "be" : "");
    }
}
