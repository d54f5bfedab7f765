package dev.tcg4j.frontend.riscv.fpu;

import static dev.tcg4j.frontend.riscv.fpu.DirectedRounding.SAFE_MAX;
import static dev.tcg4j.frontend.riscv.fpu.DirectedRounding.SAFE_MIN;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * Binary64 arithmetic. The host computes the round-to-nearest result and an error-free
 * transformation tells whether it is exact and on which side the exact value lies; that decides
 * NX and the result of the other modes. Inputs or results outside the ranges where those error
 * terms are exact (NaN, infinity, zero results in RDN, near underflow or overflow) go to
 * {@link SoftFloat}.
 */
final class DoubleArith {
    private static final FpFormat D = FpFormat.DOUBLE;

    private DoubleArith() {}

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    static long add(CpuState cpu, long a, long b, int rm) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double s = x + y;
        if (Math.abs(s) < SAFE_MAX) {
            // TwoSum: err = (x + y) - s exactly. Inexact sums are at least 2^-1021 in magnitude.
            double yv = s - x;
            double err = (x - (s - yv)) + (y - yv);
            if (rm == RoundingModes.RNE) {
                FpFlags.inexactIf(cpu, err != 0);
                return bits(s);
            }
            if (err != 0) {
                return DirectedRounding.fromExactError(cpu, s, err, rm);
            }
            if (s != 0 || rm != RoundingModes.RDN) {
                return bits(s);
            }
        }
        return SoftFloat.add(cpu, D, a, b, rm);
    }

    static long sub(CpuState cpu, long a, long b, int rm) {
        return add(cpu, a, b ^ D.signBit, rm);
    }

    static long mul(CpuState cpu, long a, long b, int rm) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double p = x * y;
        double ap = Math.abs(p);
        if (ap >= 0x1p-968 && ap < SAFE_MAX) {
            // Above 2^-968 the product's low half is representable, so fma gives it exactly.
            double err = Math.fma(x, y, -p);
            if (rm == RoundingModes.RNE) {
                FpFlags.inexactIf(cpu, err != 0);
                return bits(p);
            }
            return err == 0 ? bits(p) : DirectedRounding.fromExactError(cpu, p, err, rm);
        }
        if (p == 0 && (x == 0 || y == 0)) {
            return bits(p);
        }
        return SoftFloat.mul(cpu, D, a, b, rm);
    }

    static long div(CpuState cpu, long a, long b, int rm) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double q = x / y;
        double aq = Math.abs(q);
        if (aq >= SAFE_MIN && aq < SAFE_MAX && Math.abs(x) >= 0x1p-960) {
            // x - q*y is exact above that bound; its sign and y's say where the exact quotient is.
            double rem = Math.fma(-q, y, x);
            if (rm == RoundingModes.RNE) {
                FpFlags.inexactIf(cpu, rem != 0);
                return bits(q);
            }
            return rem == 0 ? bits(q) : DirectedRounding.fromErrorSign(cpu, q, (rem > 0) == (y > 0), rm);
        }
        if (q == 0 && x == 0) {
            return bits(q);
        }
        return SoftFloat.div(cpu, D, a, b, rm);
    }

    static long sqrt(CpuState cpu, long a, int rm) {
        double x = Double.longBitsToDouble(a);
        if (x >= 0x1p-960 && x < Double.POSITIVE_INFINITY) {
            double s = Math.sqrt(x);
            double rem = Math.fma(-s, s, x);
            if (rm == RoundingModes.RNE) {
                FpFlags.inexactIf(cpu, rem != 0);
                return bits(s);
            }
            return rem == 0 ? bits(s) : DirectedRounding.fromErrorSign(cpu, s, rem > 0, rm);
        }
        if (x == 0) {
            return a;
        }
        return SoftFloat.sqrt(cpu, D, a, rm);
    }

    /**
     * {@code a*b + c}. The error of the host fma is recovered exactly with Boldo and Muller's
     * ErrFma (IEEE TC 2011): {@code a*b + c = r + r2 + r3} when the product's low half is
     * representable and nothing overflows.
     */
    static long fma(CpuState cpu, long a, long b, long c, int rm) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double z = Double.longBitsToDouble(c);
        double r = Math.fma(x, y, z);
        double u1 = x * y;
        double au = Math.abs(u1);
        if (au >= 0x1p-968 && au < SAFE_MAX && Math.abs(z) < SAFE_MAX && Math.abs(r) < SAFE_MAX) {
            double u2 = Math.fma(x, y, -u1);
            double alpha1 = z + u2;
            double t = alpha1 - z;
            double alpha2 = (z - (alpha1 - t)) + (u2 - t);
            double beta1 = u1 + alpha1;
            t = beta1 - u1;
            double beta2 = (u1 - (beta1 - t)) + (alpha1 - t);
            double gamma = (beta1 - r) + beta2;
            double r2 = gamma + alpha2;
            t = r2 - gamma;
            double r3 = (gamma - (r2 - t)) + (alpha2 - t);
            if (r2 == 0) {
                if (r != 0 || rm != RoundingModes.RDN) {
                    return bits(r);
                }
            } else if (Math.abs(r) >= SAFE_MIN) {
                // With r3 != 0 the error is not a power of two, so it cannot be half an ulp.
                return r3 == 0
                    ? DirectedRounding.fromExactError(cpu, r, r2, rm)
                    : DirectedRounding.fromErrorSign(cpu, r, r2 > 0, rm);
            }
        } else if (u1 == 0 && (x == 0 || y == 0) && Math.abs(r) < Double.POSITIVE_INFINITY
                   && (r != 0 || rm != RoundingModes.RDN)) {
            // A zero product leaves the addend, exactly.
            return bits(r);
        }
        return SoftFloat.fma(cpu, D, a, b, c, rm);
    }

    static long fromSingle(CpuState cpu, long singleBits) {
        FpFormat s = FpFormat.SINGLE;
        if (s.isNaN(singleBits)) {
            return SoftFloat.convert(cpu, s, D, singleBits, RoundingModes.RNE);
        }
        return bits(Float.intBitsToFloat((int) singleBits));
    }
}
