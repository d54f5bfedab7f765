package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.cpu.CpuState;

/**
 * The Zfa instructions that compute, with {@link FpHelpers}' conventions (fli is a constant and
 * needs no helper: see {@link #fliValue}). Expected behaviour is the Zfa chapter of the
 * unprivileged ISA manual: fminm/fmaxm return the canonical NaN for any NaN operand; fround
 * rounds to an integral value in the format without raising NX, froundnx raises it; fleq/fltq are
 * quiet; fcvtmod.w.d truncates to an integer and keeps its low 32 bits, raising NV (and not NX)
 * when the integer does not fit 32 bits, NX when only a fraction was dropped.
 */
public final class ZfaHelpers {
    private static final FpFormat H = FpFormat.HALF;
    private static final FpFormat S = FpFormat.SINGLE;
    private static final FpFormat D = FpFormat.DOUBLE;

    /** fli's constants as doubles, by rs1; entry 1 is the smallest normal of the format, 31 its canonical NaN. */
    private static final double[] FLI = {-1.0, Double.NaN, 0x1p-16, 0x1p-15, 0x1p-8, 0x1p-7, 0.0625, 0.125,
        0.25, 0.3125, 0.375, 0.4375, 0.5, 0.625, 0.75, 0.875, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 8.0, 16.0,
        128.0, 256.0, 0x1p15, 0x1p16, Double.POSITIVE_INFINITY, Double.NaN};

    private ZfaHelpers() {}

    /**
     * The NaN-boxed register value fli.h (precision 11), fli.s (24) or fli.d (53) writes for
     * {@code index}. 2^16 is beyond the half-precision range and reads as +inf there.
     */
    public static long fliValue(int precision, int index) {
        FpFormat f = precision == 11 ? H : precision == 24 ? S : D;
        long bits;
        if (index == 1) {
            bits = 1L << (f.precision - 1);
        } else if (index == 31) {
            bits = f.canonicalNaN;
        } else if (f == D) {
            bits = Double.doubleToRawLongBits(FLI[index]);
        } else {
            // the conversion's flags (overflow of 2^16 in half precision) go to a scratch state
            CpuState scratch = new CpuState(RiscvArch.SLOTS, 0, null);
            bits = SoftFloat.convert(scratch, D, f, Double.doubleToRawLongBits(FLI[index]), RoundingModes.RNE);
        }
        return f == H ? HalfHelpers.box(bits) : f == S ? FpHelpers.box(bits) : bits;
    }

    // ---- minimum / maximum ----------------------------------------------------------------------

    public static long fminm_s(CpuState cpu, long a, long b) {
        return FpHelpers.box(FpCompare.minimum(cpu, S, FpHelpers.unbox(a), FpHelpers.unbox(b)));
    }

    public static long fmaxm_s(CpuState cpu, long a, long b) {
        return FpHelpers.box(FpCompare.maximum(cpu, S, FpHelpers.unbox(a), FpHelpers.unbox(b)));
    }

    public static long fminm_d(CpuState cpu, long a, long b) {
        return FpCompare.minimum(cpu, D, a, b);
    }

    public static long fmaxm_d(CpuState cpu, long a, long b) {
        return FpCompare.maximum(cpu, D, a, b);
    }

    public static long fminm_h(CpuState cpu, long a, long b) {
        return HalfHelpers.box(FpCompare.minimum(cpu, H, HalfHelpers.unbox(a), HalfHelpers.unbox(b)));
    }

    public static long fmaxm_h(CpuState cpu, long a, long b) {
        return HalfHelpers.box(FpCompare.maximum(cpu, H, HalfHelpers.unbox(a), HalfHelpers.unbox(b)));
    }

    // ---- rounding to an integral value ----------------------------------------------------------

    public static long fround_s(CpuState cpu, long a, long rm) {
        return FpHelpers.box(roundToIntegral(cpu, S, FpHelpers.unbox(a), mode(cpu, rm), false));
    }

    public static long froundnx_s(CpuState cpu, long a, long rm) {
        return FpHelpers.box(roundToIntegral(cpu, S, FpHelpers.unbox(a), mode(cpu, rm), true));
    }

    public static long fround_d(CpuState cpu, long a, long rm) {
        return roundToIntegral(cpu, D, a, mode(cpu, rm), false);
    }

    public static long froundnx_d(CpuState cpu, long a, long rm) {
        return roundToIntegral(cpu, D, a, mode(cpu, rm), true);
    }

    public static long fround_h(CpuState cpu, long a, long rm) {
        return HalfHelpers.box(roundToIntegral(cpu, H, HalfHelpers.unbox(a), mode(cpu, rm), false));
    }

    public static long froundnx_h(CpuState cpu, long a, long rm) {
        return HalfHelpers.box(roundToIntegral(cpu, H, HalfHelpers.unbox(a), mode(cpu, rm), true));
    }

    /**
     * Every value of the three formats is exactly a double, and so is its integral rounding, which
     * then fits the format again (it is not larger in magnitude than the next power of two).
     */
    private static long roundToIntegral(CpuState cpu, FpFormat f, long a, int rm, boolean raiseInexact) {
        if (f.isNaN(a)) {
            if (f.isSignalingNaN(a)) {
                FpFlags.raise(cpu, FpFlags.NV);
            }
            return f.canonicalNaN;
        }
        if (f.isInf(a) || f.isZero(a)) {
            return a;
        }
        double x = f.toDouble(a);
        double r = IntConversions.roundToIntegral(x, rm);
        if (r == x) {
            return a;
        }
        if (raiseInexact) {
            FpFlags.raise(cpu, FpFlags.NX);
        }
        long bits = Double.doubleToRawLongBits(r);
        if (f == D) {
            return bits;
        }
        // exact: r is integral and no wider than the format's precision
        return SoftFloat.convert(cpu, D, f, bits, RoundingModes.RNE);
    }

    // ---- quiet comparisons ----------------------------------------------------------------------

    public static long fleq_s(CpuState cpu, long a, long b) {
        return FpCompare.leQuiet(cpu, S, FpHelpers.unbox(a), FpHelpers.unbox(b));
    }

    public static long fltq_s(CpuState cpu, long a, long b) {
        return FpCompare.ltQuiet(cpu, S, FpHelpers.unbox(a), FpHelpers.unbox(b));
    }

    public static long fleq_d(CpuState cpu, long a, long b) {
        return FpCompare.leQuiet(cpu, D, a, b);
    }

    public static long fltq_d(CpuState cpu, long a, long b) {
        return FpCompare.ltQuiet(cpu, D, a, b);
    }

    public static long fleq_h(CpuState cpu, long a, long b) {
        return FpCompare.leQuiet(cpu, H, HalfHelpers.unbox(a), HalfHelpers.unbox(b));
    }

    public static long fltq_h(CpuState cpu, long a, long b) {
        return FpCompare.ltQuiet(cpu, H, HalfHelpers.unbox(a), HalfHelpers.unbox(b));
    }

    // ---- modular conversion ---------------------------------------------------------------------

    /** The encoding fixes rm to rtz, so the field needs no check. */
    public static long fcvtmod_w_d(CpuState cpu, long a, long rm) {
        if (D.isNaN(a) || D.isInf(a)) {
            FpFlags.raise(cpu, FpFlags.NV);
            return 0;
        }
        if (D.isZero(a)) {
            return 0;
        }
        int exp = D.unpackExponent(a);
        if (exp < 0) {
            FpFlags.raise(cpu, FpFlags.NX);
            return 0;
        }
        long significand = D.unpackSignificand(a) >>> (63 - D.precision);
        int shift = exp - (D.precision - 1);
        long integer;
        boolean inexact = false;
        if (shift >= 0) {
            integer = shift >= 64 ? 0 : significand << shift;
        } else {
            integer = significand >>> -shift;
            inexact = (significand & ((1L << -shift) - 1)) != 0;
        }
        boolean negative = D.isNegative(a);
        // in range: |value| < 2^31, or exactly -2^31
        boolean overflow = exp > 31 || (exp == 31 && !(negative && integer == 1L << 31));
        if (negative) {
            integer = -integer;
        }
        if (overflow) {
            FpFlags.raise(cpu, FpFlags.NV);
        } else if (inexact) {
            FpFlags.raise(cpu, FpFlags.NX);
        }
        return (int) integer;
    }

    private static int mode(CpuState cpu, long rm) {
        return RoundingModes.resolve(cpu, rm);
    }
}
