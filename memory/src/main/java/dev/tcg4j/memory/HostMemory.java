package dev.tcg4j.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Unchecked host memory access at raw addresses, for the guest memory fast paths after their own
 * bounds and permission checks. The one class of tcg4j that touches {@code sun.misc.Unsafe}.
 *
 * <p>Why Unsafe at all: MemorySegment accessors go through a VarHandle that C1 does not inline, and
 * most translated blocks run as C1 code for a long time; Unsafe compiles to one instruction there
 * (the figures are in docs/ARCHITECTURE.md). Its memory-access methods are deprecated for removal
 * (JEP 471), so they are used only when the JVM was told to allow them
 * ({@code --sun-misc-unsafe-memory-access=allow}, as the launcher does): otherwise the JVM would warn
 * on the guest's stderr or refuse, and the same accesses go through a MemorySegment spanning the
 * whole host address space. {@code -Dtcg4j.memory.access=ffm} forces that path.
 *
 * <p>{@link #UNSAFE} is a static final chosen at class initialisation, so both C1 and C2 fold the
 * test in every accessor away.
 */
final class HostMemory {
    /** The system property that, set to {@code ffm}, keeps Unsafe unused even when allowed. */
    static final String ACCESS_PROPERTY = "tcg4j.memory.access";
    static final boolean UNSAFE = unsafeAllowed();

    private static final sun.misc.Unsafe U = UNSAFE ? theUnsafe() : null;
    /** All of the host's memory, unscoped: the fast paths bound their addresses themselves. */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private HostMemory() {}

    /**
     * Unsafe only when the JVM allows its memory access without a word ({@code allow}), the host is
     * little-endian as the guests are (Unsafe reads in host order), and nobody asked for FFM.
     */
    private static boolean unsafeAllowed() {
        return "allow".equals(System.getProperty("sun.misc.unsafe.memory.access"))
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                && !"ffm".equals(System.getProperty(ACCESS_PROPERTY));
    }

    private static sun.misc.Unsafe theUnsafe() {
        try {
            var f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static byte getByte(long address) {
        return UNSAFE ? U.getByte(address) : ALL.get(ValueLayout.JAVA_BYTE, address);
    }

    static short getShort(long address) {
        return UNSAFE ? U.getShort(address) : ALL.get(SHORT, address);
    }

    static int getInt(long address) {
        return UNSAFE ? U.getInt(address) : ALL.get(INT, address);
    }

    static long getLong(long address) {
        return UNSAFE ? U.getLong(address) : ALL.get(LONG, address);
    }

    static void putByte(long address, byte v) {
        if (UNSAFE) {
            U.putByte(address, v);
        } else {
            ALL.set(ValueLayout.JAVA_BYTE, address, v);
        }
    }

    static void putShort(long address, short v) {
        if (UNSAFE) {
            U.putShort(address, v);
        } else {
            ALL.set(SHORT, address, v);
        }
    }

    static void putInt(long address, int v) {
        if (UNSAFE) {
            U.putInt(address, v);
        } else {
            ALL.set(INT, address, v);
        }
    }

    static void putLong(long address, long v) {
        if (UNSAFE) {
            U.putLong(address, v);
        } else {
            ALL.set(LONG, address, v);
        }
    }
}
