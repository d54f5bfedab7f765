package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * Conversions between floating point and integers. Every single is exactly a double, so
 * float-to-integer works on doubles: round to an integral double in the requested mode, then
 * saturate with NV when that is out of range (NaN saturates to the largest value), else NX when
 * rounding changed the value.
 */
final class IntConversions {
    private static final double TWO_63 = 0x1p63;

    private IntConversions() {}

    static double roundToIntegral(double x, int rm) {
        return switch (rm) {
            case RoundingModes.RNE -> Math.rint(x);
            case RoundingModes.RTZ -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case RoundingModes.RDN -> Math.floor(x);
            case RoundingModes.RUP -> Math.ceil(x);
            default -> {
                double t = x < 0 ? Math.ceil(x) : Math.floor(x);
                // x - t is exact: the fraction of a double is representable.
                yield Math.abs(x - t) >= 0.5 ? t + Math.signum(x) : t;
            }
        };
    }

    private static long invalid(CpuState cpu, long saturated) {
        FpFlags.raise(cpu, FpFlags.NV);
        return saturated;
    }

    private static void inexactIfChanged(CpuState cpu, double rounded, double x) {
        if (rounded != x) {
            FpFlags.raise(cpu, FpFlags.NX);
        }
    }

    /** fcvt.w.*: the 32-bit result sign-extended. */
    static long toInt32(CpuState cpu, double x, int rm) {
        if (x != x) {
            return invalid(cpu, Integer.MAX_VALUE);
        }
        double r = roundToIntegral(x, rm);
        if (r < Integer.MIN_VALUE) {
            return invalid(cpu, Integer.MIN_VALUE);
        }
        if (r > Integer.MAX_VALUE) {
            return invalid(cpu, Integer.MAX_VALUE);
        }
        inexactIfChanged(cpu, r, x);
        return (long) r;
    }

    /** fcvt.wu.*: the 32-bit result, sign-extended as RV64 does for every 32-bit result. */
    static long toUint32(CpuState cpu, double x, int rm) {
        if (x != x) {
            return invalid(cpu, -1L);
        }
        double r = roundToIntegral(x, rm);
        if (r < 0) {
            return invalid(cpu, 0);
        }
        if (r > 0xffffffffL) {
            return invalid(cpu, -1L);
        }
        inexactIfChanged(cpu, r, x);
        return (int) (long) r;
    }

    static long toInt64(CpuState cpu, double x, int rm) {
        if (x != x) {
            return invalid(cpu, Long.MAX_VALUE);
        }
        double r = roundToIntegral(x, rm);
        if (r < -TWO_63) {
            return invalid(cpu, Long.MIN_VALUE);
        }
        if (r >= TWO_63) {
            return invalid(cpu, Long.MAX_VALUE);
        }
        inexactIfChanged(cpu, r, x);
        return (long) r;
    }

    static long toUint64(CpuState cpu, double x, int rm) {
        if (x != x) {
            return invalid(cpu, -1L);
        }
        double r = roundToIntegral(x, rm);
        if (r < 0) {
            return invalid(cpu, 0);
        }
        if (r >= 2 * TWO_63) {
            return invalid(cpu, -1L);
        }
        inexactIfChanged(cpu, r, x);
        return r >= TWO_63 ? (long) (r - TWO_63) | Long.MIN_VALUE : (long) r;
    }

    /** Signed 64-bit integer to format f; values of at most 53 (24) bits convert exactly on the host. */
    static long fromInt64(CpuState cpu, FpFormat f, long v, int rm) {
        if (f == FpFormat.HALF) {
            return v == 0 ? 0 : SoftFloat.roundPackInteger(cpu, f, v < 0, v < 0 ? -v : v, rm);
        }
        if (f == FpFormat.DOUBLE) {
            if ((v << 11) >> 11 == v) {
                return Double.doubleToRawLongBits((double) v);
            }
        } else if ((v << 40) >> 40 == v) {
            return Float.floatToRawIntBits((float) v) & 0xffffffffL;
        }
        return SoftFloat.roundPackInteger(cpu, f, v < 0, v < 0 ? -v : v, rm);
    }

    /** Unsigned 64-bit integer to format f. */
    static long fromUint64(CpuState cpu, FpFormat f, long v, int rm) {
        if (v >= 0) {
            return fromInt64(cpu, f, v, rm);
        }
        return SoftFloat.roundPackInteger(cpu, f, false, v, rm);
    }
}
