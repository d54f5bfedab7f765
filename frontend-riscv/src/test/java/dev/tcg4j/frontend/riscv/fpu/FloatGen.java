package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.frontend.riscv.fpu.ExactReference.Fmt;
import java.util.SplittableRandom;

/**
 * Random operands biased towards the cases that break floating point: specials, subnormals,
 * exponents at the ends of the range, sparse significands (exact results and ties), significands
 * of all ones (carries), and pairs that cancel or straddle the rounding position.
 */
final class FloatGen {
    private final SplittableRandom rnd;

    FloatGen(long seed) {
        rnd = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    long nextLong() {
        return rnd.nextLong();
    }

    boolean nextBoolean() {
        return rnd.nextBoolean();
    }

    /** A fraction field: random, sparse, dense (all ones with holes), or a tie pattern. */
    long fraction(Fmt f) {
        int fb = f.precision() - 1;
        long mask = (1L << fb) - 1;
        return switch (rnd.nextInt(6)) {
            case 0 -> (1L << rnd.nextInt(fb)) | (rnd.nextBoolean() ? 1L << rnd.nextInt(fb) : 0);
            case 1 -> mask & ~(1L << rnd.nextInt(fb));
            case 2 -> 0;
            case 3 -> (rnd.nextLong() & mask) & (-1L << rnd.nextInt(fb));
            default -> rnd.nextLong() & mask;
        };
    }

    /** A finite non-zero value with the given unbiased exponent (clamped into the format). */
    long withExponent(Fmt f, boolean neg, int exp) {
        long sign = neg ? f.signBit() : 0;
        long frac = fraction(f);
        int biased = exp + f.bias();
        if (biased >= (1 << f.expBits()) - 1) {
            biased = (1 << f.expBits()) - 2;
        }
        if (biased <= 0) {
            // Subnormal: shift the implicit one into the fraction field.
            int shift = 1 - biased;
            long m = (frac | (1L << (f.precision() - 1))) >>> Math.min(shift, 63);
            return sign | (m == 0 ? 1 : m);
        }
        return sign | ((long) biased << (f.precision() - 1)) | frac;
    }

    long special(Fmt f) {
        long sign = rnd.nextBoolean() ? f.signBit() : 0;
        long inf = f.inf();
        long quiet = 1L << (f.precision() - 2);
        return switch (rnd.nextInt(9)) {
            case 0 -> sign;
            case 1 -> sign | inf;
            case 2 -> f.canonicalNaN() | sign;
            case 3 -> inf | (1 + (rnd.nextLong() & (quiet - 2))); // signaling
            case 4 -> inf | quiet | (rnd.nextLong() & (quiet - 1)) | sign;
            case 5 -> sign | 1; // smallest subnormal
            case 6 -> sign | (inf - 1); // largest finite
            case 7 -> sign | (1L << (f.precision() - 1)); // smallest normal
            default -> sign | ((1L << (f.precision() - 1)) - 1); // largest subnormal
        };
    }

    long value(Fmt f) {
        boolean neg = rnd.nextBoolean();
        int k = rnd.nextInt(24);
        if (k == 0) {
            return special(f);
        }
        if (k <= 2) {
            return withExponent(f, neg, f.emin() - 1 - rnd.nextInt(f.precision()));
        }
        if (k == 3) {
            return withExponent(f, neg, f.emax() - rnd.nextInt(3));
        }
        if (k == 4) {
            return withExponent(f, neg, f.emin() + rnd.nextInt(3));
        }
        if (k == 5) {
            return withExponent(f, neg, f.emin() + rnd.nextInt(f.emax() - f.emin()));
        }
        return withExponent(f, neg, rnd.nextInt(41) - 20);
    }

    static int exponentOf(Fmt f, long x) {
        long e = f.expField(x);
        return e == 0 ? f.emin() : (int) e - f.bias();
    }

    /** A second operand related to the first: close (cancellation), far (sticky), or independent. */
    long partner(Fmt f, long a) {
        if (f.isNaN(a) || f.isInf(a) || f.isZero(a) || rnd.nextInt(4) == 0) {
            return value(f);
        }
        int ea = exponentOf(f, a);
        boolean neg = rnd.nextBoolean();
        return switch (rnd.nextInt(4)) {
            case 0 -> (a ^ (rnd.nextBoolean() ? f.signBit() : 0)) ^ (rnd.nextLong() & ((1L << rnd.nextInt(8)) - 1));
            case 1 -> withExponent(f, neg, ea - f.precision() + rnd.nextInt(7) - 3);
            case 2 -> withExponent(f, neg, ea + rnd.nextInt(5) - 2);
            default -> withExponent(f, neg, -ea + rnd.nextInt(7) - 3 + (rnd.nextBoolean() ? f.emin() : f.emax()));
        };
    }
}
