package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * The non-rounding operations on bit patterns of either format: comparisons, minimumNumber /
 * maximumNumber, classification. Singles are unboxed patterns in the low 32 bits.
 */
final class FpCompare {
    private FpCompare() {}

    private static boolean eitherSignaling(FpFormat f, long a, long b) {
        return f.isSignalingNaN(a) || f.isSignalingNaN(b);
    }

    /** Total order of non-NaN values with -0 below +0. */
    private static boolean orderedLess(FpFormat f, long a, long b) {
        boolean negA = f.isNegative(a);
        if (negA != f.isNegative(b)) {
            return negA;
        }
        return negA ? Long.compareUnsigned(a, b) > 0 : Long.compareUnsigned(a, b) < 0;
    }

    static long min(CpuState cpu, FpFormat f, long a, long b) {
        return minMax(cpu, f, a, b, true);
    }

    static long max(CpuState cpu, FpFormat f, long a, long b) {
        return minMax(cpu, f, a, b, false);
    }

    private static long minMax(CpuState cpu, FpFormat f, long a, long b, boolean min) {
        boolean nanA = f.isNaN(a);
        boolean nanB = f.isNaN(b);
        if (nanA || nanB) {
            if (eitherSignaling(f, a, b)) {
                FpFlags.raise(cpu, FpFlags.NV);
            }
            if (nanA && nanB) {
                return f.canonicalNaN;
            }
            return nanA ? b : a;
        }
        return orderedLess(f, a, b) == min ? a : b;
    }

    /**
     * Zfa's fminm/fmaxm, IEEE 754-2019 minimum and maximum: a NaN operand makes the result the
     * canonical NaN (NV only for a signaling one); -0 is below +0.
     */
    static long minimum(CpuState cpu, FpFormat f, long a, long b) {
        return f.isNaN(a) || f.isNaN(b) ? nanOf(cpu, f, a, b) : orderedLess(f, a, b) ? a : b;
    }

    static long maximum(CpuState cpu, FpFormat f, long a, long b) {
        return f.isNaN(a) || f.isNaN(b) ? nanOf(cpu, f, a, b) : orderedLess(f, a, b) ? b : a;
    }

    private static long nanOf(CpuState cpu, FpFormat f, long a, long b) {
        if (eitherSignaling(f, a, b)) {
            FpFlags.raise(cpu, FpFlags.NV);
        }
        return f.canonicalNaN;
    }

    /** Zfa's fltq: less-than that is quiet, NV only for signaling NaNs. */
    static long ltQuiet(CpuState cpu, FpFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return eq(cpu, f, a, b);
        }
        return lt(cpu, f, a, b);
    }

    /** Zfa's fleq: less-or-equal that is quiet. */
    static long leQuiet(CpuState cpu, FpFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return eq(cpu, f, a, b);
        }
        return le(cpu, f, a, b);
    }

    /** Quiet equality: NV only for signaling NaNs. */
    static long eq(CpuState cpu, FpFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            if (eitherSignaling(f, a, b)) {
                FpFlags.raise(cpu, FpFlags.NV);
            }
            return 0;
        }
        return a == b || (f.isZero(a) && f.isZero(b)) ? 1 : 0;
    }

    /** Signaling less-than: NV for any NaN. */
    static long lt(CpuState cpu, FpFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            FpFlags.raise(cpu, FpFlags.NV);
            return 0;
        }
        return !(f.isZero(a) && f.isZero(b)) && orderedLess(f, a, b) ? 1 : 0;
    }

    /** Signaling less-or-equal: NV for any NaN. */
    static long le(CpuState cpu, FpFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            FpFlags.raise(cpu, FpFlags.NV);
            return 0;
        }
        return a == b || (f.isZero(a) && f.isZero(b)) || orderedLess(f, a, b) ? 1 : 0;
    }

    /** The fclass mask: bit 0 -inf ... bit 7 +inf, 8 signaling NaN, 9 quiet NaN. */
    static long classify(FpFormat f, long a) {
        if (f.isNaN(a)) {
            return f.isSignalingNaN(a) ? 1 << 8 : 1 << 9;
        }
        boolean neg = f.isNegative(a);
        int bit;
        if (f.isInf(a)) {
            bit = neg ? 0 : 7;
        } else if (f.isZero(a)) {
            bit = neg ? 3 : 4;
        } else if (f.biasedExponent(a) == 0) {
            bit = neg ? 2 : 5;
        } else {
            bit = neg ? 1 : 6;
        }
        return 1L << bit;
    }
}
