package dev.tcg4j.frontend.riscv.fpu;

/**
 * An IEEE-754 binary interchange format described by its field widths, so that the exact slow
 * path is written once for binary32 and binary64. Values are raw bit patterns in the low
 * {@code expBits + precision} bits of a long (a single is not NaN-boxed here).
 */
final class FpFormat {
    static final FpFormat HALF = new FpFormat(5, 11);
    static final FpFormat SINGLE = new FpFormat(8, 24);
    static final FpFormat DOUBLE = new FpFormat(11, 53);

    /** Significand bits including the implicit leading one. */
    final int precision;
    final int bias;
    /** Unbiased exponent of the smallest normal number. */
    final int emin;
    /** Unbiased exponent of the largest finite number. */
    final int emax;
    final long signBit;
    final long fracMask;
    final long infBits;
    final long maxFiniteBits;
    final long quietBit;
    final long canonicalNaN;
    private final int expFieldMask;

    private FpFormat(int expBits, int precision) {
        this.precision = precision;
        this.bias = (1 << (expBits - 1)) - 1;
        this.emin = 1 - bias;
        this.emax = bias;
        this.signBit = 1L << (expBits + precision - 1);
        this.fracMask = (1L << (precision - 1)) - 1;
        this.expFieldMask = (1 << expBits) - 1;
        this.infBits = (long) expFieldMask << (precision - 1);
        this.maxFiniteBits = infBits - 1;
        this.quietBit = 1L << (precision - 2);
        this.canonicalNaN = infBits | quietBit;
    }

    boolean isNaN(long x) {
        return (x & ~signBit) > infBits;
    }

    boolean isSignalingNaN(long x) {
        return isNaN(x) && (x & quietBit) == 0;
    }

    boolean isInf(long x) {
        return (x & ~signBit) == infBits;
    }

    boolean isZero(long x) {
        return (x & ~signBit) == 0;
    }

    boolean isNegative(long x) {
        return (x & signBit) != 0;
    }

    int biasedExponent(long x) {
        return (int) (x >>> (precision - 1)) & expFieldMask;
    }

    /** Largest finite magnitude or infinity, whichever the rounding mode picks on overflow. */
    long overflowResult(boolean negative, int rm) {
        boolean toInfinity = switch (rm) {
            case RoundingModes.RTZ -> false;
            case RoundingModes.RDN -> negative;
            case RoundingModes.RUP -> !negative;
            default -> true;
        };
        return (negative ? signBit : 0) | (toInfinity ? infBits : maxFiniteBits);
    }

    /**
     * The significand of a finite non-zero value, normalized so that its leading one is bit 62.
     * Together with {@link #unpackExponent} the value is {@code sig * 2^(exp - 62)}.
     */
    long unpackSignificand(long x) {
        long frac = x & fracMask;
        if (biasedExponent(x) != 0) {
            return (frac | (1L << (precision - 1))) << (63 - precision);
        }
        return frac << (Long.numberOfLeadingZeros(frac) - 1);
    }

    /** The exact value of a pattern of a format no wider than binary64, as a double. */
    double toDouble(long x) {
        if (isNaN(x)) {
            return Double.NaN;
        }
        boolean negative = isNegative(x);
        if (isInf(x)) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (isZero(x)) {
            return negative ? -0.0 : 0.0;
        }
        long integer = unpackSignificand(x) >>> (63 - precision);
        double magnitude = Math.scalb((double) integer, unpackExponent(x) - (precision - 1));
        return negative ? -magnitude : magnitude;
    }

    /** The unbiased exponent of the leading one of a finite non-zero value. */
    int unpackExponent(long x) {
        int e = biasedExponent(x);
        if (e != 0) {
            return e - bias;
        }
        long frac = x & fracMask;
        return emin - (precision - 1) + (63 - Long.numberOfLeadingZeros(frac));
    }
}
