package dev.tcg4j.frontend.riscv.helpers;

import dev.tcg4j.ir.Helper;
import java.lang.invoke.MethodType;

/**
 * The bit-manipulation instructions that have no short IR spelling (Zbb counts, byte reversal and
 * or-combine, Zbc carry-less products, Zbkb/Zbkx byte and nibble shuffles). Each is a PURE static
 * helper whose body is a JDK method HotSpot intrinsifies where one exists
 * ({@link Long#numberOfLeadingZeros}, {@link Long#bitCount}, {@link Long#reverseBytes},
 * {@link Integer#rotateLeft}), so that the bytecode backend's {@code invokestatic} becomes one host
 * instruction. Word forms take the full register and return the 32-bit result sign-extended.
 */
public final class BitHelpers {
    private static final MethodType UNARY = MethodType.methodType(long.class, long.class);
    private static final MethodType BINARY = MethodType.methodType(long.class, long.class, long.class);

    public static final Helper CLZ = unary("clz");
    public static final Helper CTZ = unary("ctz");
    public static final Helper CPOP = unary("cpop");
    public static final Helper CLZW = unary("clzw");
    public static final Helper CTZW = unary("ctzw");
    public static final Helper CPOPW = unary("cpopw");
    public static final Helper ORC_B = unary("orcB");
    public static final Helper REV8 = unary("rev8");
    public static final Helper BREV8 = unary("brev8");
    public static final Helper ROLW = binary("rolw");
    public static final Helper RORW = binary("rorw");
    public static final Helper CLMUL = binary("clmul");
    public static final Helper CLMULH = binary("clmulh");
    public static final Helper CLMULR = binary("clmulr");
    public static final Helper XPERM4 = binary("xperm4");
    public static final Helper XPERM8 = binary("xperm8");

    private static final long LOW7_OF_EACH_BYTE = 0x7f7f7f7f7f7f7f7fL;

    private BitHelpers() {}

    private static Helper unary(String method) {
        return Helper.ofStatic(method, BitHelpers.class, method, UNARY, Helper.PURE);
    }

    private static Helper binary(String method) {
        return Helper.ofStatic(method, BitHelpers.class, method, BINARY, Helper.PURE);
    }

    public static long clz(long x) {
        return Long.numberOfLeadingZeros(x);
    }

    public static long ctz(long x) {
        return Long.numberOfTrailingZeros(x);
    }

    public static long cpop(long x) {
        return Long.bitCount(x);
    }

    public static long clzw(long x) {
        return Integer.numberOfLeadingZeros((int) x);
    }

    public static long ctzw(long x) {
        return Integer.numberOfTrailingZeros((int) x);
    }

    public static long cpopw(long x) {
        return Integer.bitCount((int) x);
    }

    /** Each byte becomes 0xff when it is not zero, 0x00 when it is. */
    public static long orcB(long x) {
        // bit 7 of a byte of t is set when the byte of x is not zero; no carry crosses bytes
        long t = ((x & LOW7_OF_EACH_BYTE) + LOW7_OF_EACH_BYTE | x) & ~LOW7_OF_EACH_BYTE;
        return (t >>> 7) * 0xff;
    }

    public static long rev8(long x) {
        return Long.reverseBytes(x);
    }

    /** The bits of each byte reversed, the bytes staying in place. */
    public static long brev8(long x) {
        return Long.reverse(Long.reverseBytes(x));
    }

    /** The shift counts use five bits, as the W shifts do. */
    public static long rolw(long x, long count) {
        return Integer.rotateLeft((int) x, (int) count);
    }

    public static long rorw(long x, long count) {
        return Integer.rotateRight((int) x, (int) count);
    }

    /** Bits 63:0 of the carry-less product. */
    public static long clmul(long a, long b) {
        long r = 0;
        for (long m = b; m != 0; m &= m - 1) {
            r ^= a << Long.numberOfTrailingZeros(m);
        }
        return r;
    }

    /** Bits 127:64 of the carry-less product. */
    public static long clmulh(long a, long b) {
        long r = 0;
        for (long m = b & ~1L; m != 0; m &= m - 1) {
            r ^= a >>> (64 - Long.numberOfTrailingZeros(m));
        }
        return r;
    }

    /** Bits 126:63 of the carry-less product. */
    public static long clmulr(long a, long b) {
        long r = 0;
        for (long m = b; m != 0; m &= m - 1) {
            r ^= a >>> (63 - Long.numberOfTrailingZeros(m));
        }
        return r;
    }

    /** Each nibble of {@code indices} selects a nibble of {@code table}. */
    public static long xperm4(long table, long indices) {
        long r = 0;
        for (int i = 0; i < 64; i += 4) {
            int index = (int) (indices >>> i) & 15;
            r |= ((table >>> (4 * index)) & 15) << i;
        }
        return r;
    }

    /** Each byte of {@code indices} selects a byte of {@code table}; an index above 7 gives 0. */
    public static long xperm8(long table, long indices) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int index = (int) (indices >>> i) & 0xff;
            if (index < 8) {
                r |= ((table >>> (8 * index)) & 0xff) << i;
            }
        }
        return r;
    }
}
