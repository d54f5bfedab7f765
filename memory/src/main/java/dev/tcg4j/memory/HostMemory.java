package dev.tcg4j.memory;

/**
 * Unchecked host memory access for the guest memory fast paths, after their own bounds and
 * permission checks. MemorySegment accessors cost a liveness check and several calls in code that C1
 * compiled, and most translated blocks run as C1 code for a long time; these compile to one
 * instruction there.
 */
final class HostMemory {
    static final sun.misc.Unsafe U;
    /** Offset of element 0 of a {@code byte[]}, for reading the page table unchecked. */
    static final long BYTE_ARRAY_BASE;

    static {
        try {
            var f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            U = (sun.misc.Unsafe) f.get(null);
            BYTE_ARRAY_BASE = U.arrayBaseOffset(byte[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HostMemory() {}
}
