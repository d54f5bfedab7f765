package dev.tcg4j.runtime.linux.syscall;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Converts the host's {@code struct statx} into the guest's asm-generic {@code struct stat}
 * (128 bytes: dev, ino, mode, nlink, uid, gid, rdev, pad, size, blksize, pad, blocks, then
 * atime/mtime/ctime as seconds and nanoseconds, then two unused words).
 */
final class StatLayout {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong HOST_LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort HOST_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private StatLayout() {}

    /** glibc's makedev: the 64-bit dev_t encoding the guest's C library decodes. */
    static long makedev(long major, long minor) {
        return (major & 0xfffL) << 8 | (major & ~0xfffL) << 32 | (minor & 0xffL) | (minor & ~0xffL) << 12;
    }

    static void fromStatx(MemorySegment stx, MemorySegment st) {
        long dev = makedev(stx.get(HOST_INT, 136) & 0xffffffffL, stx.get(HOST_INT, 140) & 0xffffffffL);
        long rdev = makedev(stx.get(HOST_INT, 128) & 0xffffffffL, stx.get(HOST_INT, 132) & 0xffffffffL);
        st.fill((byte) 0);
        st.set(U64, 0, dev);
        st.set(U64, 8, stx.get(HOST_LONG, 32));
        st.set(U32, 16, stx.get(HOST_SHORT, 28) & 0xffff);
        st.set(U32, 20, stx.get(HOST_INT, 16));
        st.set(U32, 24, stx.get(HOST_INT, 20));
        st.set(U32, 28, stx.get(HOST_INT, 24));
        st.set(U64, 32, rdev);
        st.set(U64, 48, stx.get(HOST_LONG, 40));
        st.set(U32, 56, stx.get(HOST_INT, 4));
        st.set(U64, 64, stx.get(HOST_LONG, 48));
        copyTime(stx, 64, st, 72);   // atime
        copyTime(stx, 112, st, 88);  // mtime
        copyTime(stx, 96, st, 104);  // ctime
    }

    private static void copyTime(MemorySegment stx, long from, MemorySegment st, long to) {
        st.set(U64, to, stx.get(HOST_LONG, from));
        st.set(U64, to + 8, stx.get(HOST_INT, from + 8) & 0xffffffffL);
    }
}
