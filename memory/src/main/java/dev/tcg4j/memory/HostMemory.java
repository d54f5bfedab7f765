package dev.tcg4j.memory;

/**
 * Unchecked host memory access at raw addresses, for the guest memory fast paths after their own
 * bounds and permission checks. MemorySegment accessors cost a liveness check and several calls in
 * code that C1 compiled, and most translated blocks run as C1 code for a long time; these compile to
 * one instruction there.
 */
final class HostMemory {
    private static final sun.misc.Unsafe U;

    static {
        try {
            var f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            U = (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HostMemory() {}

    static byte getByte(long address) {
        return U.getByte(address);
    }

    static short getShort(long address) {
        return U.getShort(address);
    }

    static int getInt(long address) {
        return U.getInt(address);
    }

    static long getLong(long address) {
        return U.getLong(address);
    }

    static void putByte(long address, byte v) {
        U.putByte(address, v);
    }

    static void putShort(long address, short v) {
        U.putShort(address, v);
    }

    static void putInt(long address, int v) {
        U.putInt(address, v);
    }

    static void putLong(long address, long v) {
        U.putLong(address, v);
    }
}
