package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * Turns a result computed by the host in round-to-nearest-even, plus what is known about its
 * error, into the correctly rounded result of any mode. The exact value lies strictly between the
 * host result and its neighbour on the side of the error, so each mode only has to pick one of
 * the two. Callers guarantee the result and both neighbours are normal and finite, so OF and UF
 * cannot arise here.
 */
final class DirectedRounding {
    /** Returned by the single-precision rounding when the fast path cannot decide. */
    static final long UNDECIDED = -1L;

    /** Binary64 results whose magnitude lies in [SAFE_MIN, SAFE_MAX) have normal finite neighbours. */
    static final double SAFE_MIN = 0x1p-1021;
    static final double SAFE_MAX = 0x1p1021;

    private static final long SINGLE_ROUND_BITS = (1L << 29) - 1;
    private static final long SINGLE_HALF = 1L << 28;

    private DirectedRounding() {}

    /**
     * {@code r = RNE(exact)} with {@code err = exact - r} known exactly and non-zero.
     * Needed when exact ties are possible (sums and products), which only RMM resolves differently.
     */
    static long fromExactError(CpuState cpu, double r, double err, int rm) {
        FpFlags.raise(cpu, FpFlags.NX);
        if (rm == RoundingModes.RNE) {
            return Double.doubleToRawLongBits(r);
        }
        double n = err > 0 ? Math.nextUp(r) : Math.nextDown(r);
        boolean takeNeighbour = switch (rm) {
            case RoundingModes.RTZ -> Math.abs(n) < Math.abs(r);
            case RoundingModes.RDN -> err < 0;
            case RoundingModes.RUP -> err > 0;
            default -> Math.abs(n) > Math.abs(r) && Math.abs(n - r) == 2 * Math.abs(err);
        };
        return Double.doubleToRawLongBits(takeNeighbour ? n : r);
    }

    /**
     * {@code r = RNE(exact)} where only the sign of {@code exact - r} is known (quotients and
     * roots, which are never exactly halfway between two doubles in the normal range).
     */
    static long fromErrorSign(CpuState cpu, double r, boolean exactAbove, int rm) {
        FpFlags.raise(cpu, FpFlags.NX);
        if (rm == RoundingModes.RNE || rm == RoundingModes.RMM) {
            return Double.doubleToRawLongBits(r);
        }
        double n = exactAbove ? Math.nextUp(r) : Math.nextDown(r);
        boolean takeNeighbour = switch (rm) {
            case RoundingModes.RTZ -> Math.abs(n) < Math.abs(r);
            case RoundingModes.RDN -> !exactAbove;
            default -> exactAbove;
        };
        return Double.doubleToRawLongBits(takeNeighbour ? n : r);
    }

    /**
     * Rounds {@code exact = d + e} to binary32 in mode rm, where {@code d = RNE53(exact)} and only
     * the sign of e is known ({@code errSign}, 0 when d is exact). This is where the double
     * rounding of single-precision results computed in double precision is undone: when d sits
     * exactly halfway between two singles, the sign of e decides. Returns the bit pattern, or
     * {@link #UNDECIDED} when the result would be subnormal, near overflow, or a zero whose sign
     * depends on the mode.
     */
    static long toSingle(CpuState cpu, double d, double errSign, int rm) {
        double ad = Math.abs(d);
        if (!(ad >= 0x1p-125 && ad < 0x1p127)) {
            if (d == 0 && errSign == 0 && rm != RoundingModes.RDN) {
                return Float.floatToRawIntBits((float) d) & 0xffffffffL;
            }
            return UNDECIDED;
        }
        if (rm == RoundingModes.RNE) {
            // The 29 bits of d below a single's lsb: unless d is exactly halfway between two
            // singles with a non-zero error, rounding d is rounding the exact value.
            long below = Double.doubleToRawLongBits(d) & SINGLE_ROUND_BITS;
            if (below != SINGLE_HALF || errSign == 0) {
                FpFlags.inexactIf(cpu, below != 0 || errSign != 0);
                return Float.floatToRawIntBits((float) d) & 0xffffffffL;
            }
        }
        return toSingleDirected(cpu, d, errSign, rm);
    }

    /** {@link #toSingle} for a d in range that is not the easy round-to-nearest case. */
    private static long toSingleDirected(CpuState cpu, double d, double errSign, int rm) {
        float f0 = (float) d;
        double diff = d - f0;
        double side = diff != 0 ? diff : errSign;
        if (side == 0) {
            return Float.floatToRawIntBits(f0) & 0xffffffffL;
        }
        FpFlags.raise(cpu, FpFlags.NX);
        float n = side > 0 ? Math.nextUp(f0) : Math.nextDown(f0);
        // d - f0 is a multiple of ulp53(d) and |e| < ulp53(d), so only an exact halfway d needs e.
        double halfGap = Math.abs((double) n - f0) * 0.5;
        int vsHalf;
        if (Math.abs(diff) < halfGap) {
            vsHalf = -1;
        } else if (errSign == 0) {
            vsHalf = 0;
        } else {
            vsHalf = (errSign > 0) == (diff > 0) ? 1 : -1;
        }
        boolean takeNeighbour = switch (rm) {
            case RoundingModes.RNE -> vsHalf > 0 || (vsHalf == 0 && (Float.floatToRawIntBits(f0) & 1) != 0);
            case RoundingModes.RMM -> vsHalf > 0 || (vsHalf == 0 && Math.abs(n) > Math.abs(f0));
            case RoundingModes.RTZ -> Math.abs(n) < Math.abs(f0);
            case RoundingModes.RDN -> side < 0;
            default -> side > 0;
        };
        return Float.floatToRawIntBits(takeNeighbour ? n : f0) & 0xffffffffL;
    }
}
