package dev.tcg4j.frontend.riscv.fpu;

import java.math.BigInteger;

/**
 * An independent oracle for the tests: IEEE-754 binary32/binary64 operations computed on exact
 * rationals (BigInteger numerator and denominator) and rounded by definition, not by bit tricks.
 * Written from the RISC-V F/D chapters: canonical NaNs, NV for signaling NaNs and invalid
 * operations, tininess detected after rounding, saturating float-to-integer conversions.
 * Patterns are unboxed (a single is the low 32 bits). Each call returns the result bits and
 * leaves the raised flags in {@link #flags}.
 */
final class ExactReference {
    static final int NV = 0x10;
    static final int DZ = 0x08;
    static final int OF = 0x04;
    static final int UF = 0x02;
    static final int NX = 0x01;

    static final int RNE = 0;
    static final int RTZ = 1;
    static final int RDN = 2;
    static final int RUP = 3;
    static final int RMM = 4;

    /** A binary interchange format given by its precision and exponent width. */
    record Fmt(int precision, int expBits) {
        static final Fmt SINGLE = new Fmt(24, 8);
        static final Fmt DOUBLE = new Fmt(53, 11);

        int bias() {
            return (1 << (expBits - 1)) - 1;
        }

        int emin() {
            return 1 - bias();
        }

        int emax() {
            return bias();
        }

        long signBit() {
            return 1L << (expBits + precision - 1);
        }

        long expField(long x) {
            return (x >>> (precision - 1)) & ((1L << expBits) - 1);
        }

        long frac(long x) {
            return x & ((1L << (precision - 1)) - 1);
        }

        long inf() {
            return ((1L << expBits) - 1) << (precision - 1);
        }

        long canonicalNaN() {
            return inf() | (1L << (precision - 2));
        }

        boolean isNaN(long x) {
            return expField(x) == (1L << expBits) - 1 && frac(x) != 0;
        }

        boolean isSNaN(long x) {
            return isNaN(x) && (x & (1L << (precision - 2))) == 0;
        }

        boolean isInf(long x) {
            return expField(x) == (1L << expBits) - 1 && frac(x) == 0;
        }

        boolean isZero(long x) {
            return expField(x) == 0 && frac(x) == 0;
        }

        boolean neg(long x) {
            return (x & signBit()) != 0;
        }
    }

    /** |v| of a finite non-zero exact result, only through the queries rounding needs. */
    interface Magnitude {
        /** floor(log2 |v|). */
        int log2Floor();

        /** floor(|v| / 2^e). */
        BigInteger floorScaled(int e);

        /** Whether |v| is an integer multiple of 2^e. */
        boolean isMultipleOf(int e);
    }

    /** A positive rational num/den. */
    record Ratio(BigInteger num, BigInteger den) implements Magnitude {
        @Override
        public int log2Floor() {
            int e = num.bitLength() - den.bitLength();
            return floorScaled(e).signum() > 0 ? e : e - 1;
        }

        private BigInteger[] divScaled(int e) {
            BigInteger n = e < 0 ? num.shiftLeft(-e) : num;
            BigInteger d = e > 0 ? den.shiftLeft(e) : den;
            return n.divideAndRemainder(d);
        }

        @Override
        public BigInteger floorScaled(int e) {
            return divScaled(e)[0];
        }

        @Override
        public boolean isMultipleOf(int e) {
            return divScaled(e)[1].signum() == 0;
        }
    }

    /** The square root of a positive rational. */
    record Root(Ratio radicand) implements Magnitude {
        @Override
        public int log2Floor() {
            return Math.floorDiv(radicand.log2Floor(), 2);
        }

        @Override
        public BigInteger floorScaled(int e) {
            return radicand.floorScaled(2 * e).sqrt();
        }

        @Override
        public boolean isMultipleOf(int e) {
            if (!radicand.isMultipleOf(2 * e)) {
                return false;
            }
            BigInteger q = radicand.floorScaled(2 * e);
            BigInteger r = q.sqrt();
            return r.multiply(r).equals(q);
        }
    }

    int flags;

    // ---- values ---------------------------------------------------------------------------------

    /** |x| of a finite non-zero pattern as a ratio. */
    static Ratio magnitude(Fmt f, long x) {
        long e = f.expField(x);
        BigInteger m = BigInteger.valueOf(e == 0 ? f.frac(x) : f.frac(x) | (1L << (f.precision() - 1)));
        int scale = (int) (e == 0 ? f.emin() : e - f.bias()) - (f.precision() - 1);
        return scale >= 0 ? new Ratio(m.shiftLeft(scale), BigInteger.ONE)
                          : new Ratio(m, BigInteger.ONE.shiftLeft(-scale));
    }

    /** A signed rational for sums: num may be negative, den positive. */
    record Signed(BigInteger num, BigInteger den) {
        static Signed of(Fmt f, long x) {
            if (f.isZero(x)) {
                return new Signed(BigInteger.ZERO, BigInteger.ONE);
            }
            Ratio r = magnitude(f, x);
            return new Signed(f.neg(x) ? r.num().negate() : r.num(), r.den());
        }

        Signed plus(Signed o) {
            return new Signed(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Signed times(Signed o) {
            return new Signed(num.multiply(o.num), den.multiply(o.den));
        }

        Ratio abs() {
            return new Ratio(num.abs(), den);
        }
    }

    // ---- rounding -------------------------------------------------------------------------------

    private static boolean roundUp(int rm, boolean neg, boolean odd, boolean half, boolean sticky) {
        return switch (rm) {
            case RNE -> half && (sticky || odd);
            case RMM -> half;
            case RDN -> neg && (half || sticky);
            case RUP -> !neg && (half || sticky);
            default -> false;
        };
    }

    /** Rounds |v| to a multiple of 2^q; returns the multiple, sets inexact[0]. */
    private static BigInteger roundAt(Magnitude v, int q, int rm, boolean neg, boolean[] inexact) {
        BigInteger k2 = v.floorScaled(q - 1);
        boolean sticky = !v.isMultipleOf(q - 1);
        boolean half = k2.testBit(0);
        BigInteger k = k2.shiftRight(1);
        inexact[0] = half || sticky;
        return roundUp(rm, neg, k.testBit(0), half, sticky) ? k.add(BigInteger.ONE) : k;
    }

    /** Rounds ±v to format f by the definition of each mode. */
    long round(Fmt f, boolean neg, Magnitude v, int rm) {
        int p = f.precision();
        int e = v.log2Floor();
        int q = Math.max(e, f.emin()) - (p - 1);
        boolean[] inexact = new boolean[1];
        BigInteger m = roundAt(v, q, rm, neg, inexact);
        if (e < f.emin() && inexact[0]) {
            // Tininess after rounding: round with an unbounded exponent and compare to 2^emin.
            int qu = e - (p - 1);
            BigInteger mu = roundAt(v, qu, rm, neg, new boolean[1]);
            if (mu.compareTo(BigInteger.ONE.shiftLeft(f.emin() - qu)) < 0) {
                flags |= UF;
            }
        }
        if (m.bitLength() > p) {
            m = m.shiftRight(1);
            q++;
        }
        long sign = neg ? f.signBit() : 0;
        if (inexact[0]) {
            flags |= NX;
        }
        if (m.signum() != 0 && q + m.bitLength() - 1 > f.emax()) {
            flags |= OF | NX;
            boolean inf = switch (rm) {
                case RTZ -> false;
                case RDN -> neg;
                case RUP -> !neg;
                default -> true;
            };
            return sign | (inf ? f.inf() : f.inf() - 1);
        }
        long mant = m.longValueExact();
        if (m.bitLength() < p) {
            return sign | mant; // subnormal or zero: the exponent field is 0
        }
        long biased = q + (p - 1) + f.bias();
        return sign | (biased << (p - 1)) | (mant & ((1L << (p - 1)) - 1));
    }

    private long nan(Fmt f, long... in) {
        for (long x : in) {
            if (f.isSNaN(x)) {
                flags |= NV;
            }
        }
        return f.canonicalNaN();
    }

    private long invalid(Fmt f) {
        flags |= NV;
        return f.canonicalNaN();
    }

    private static long zero(Fmt f, boolean neg) {
        return neg ? f.signBit() : 0;
    }

    private long roundSigned(Fmt f, Signed s, int rm, boolean zeroNeg) {
        if (s.num().signum() == 0) {
            return zero(f, zeroNeg);
        }
        return round(f, s.num().signum() < 0, s.abs(), rm);
    }

    // ---- operations -----------------------------------------------------------------------------

    long add(Fmt f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(a) && f.isInf(b) && f.neg(a) != f.neg(b)) {
                return invalid(f);
            }
            return f.isInf(a) ? a : b;
        }
        // An exact zero sum is -0 only if both addends are -0, or in RDN when the signs differ.
        boolean zeroNeg = f.isZero(a) && f.isZero(b) && f.neg(a) == f.neg(b) ? f.neg(a) : rm == RDN;
        return roundSigned(f, Signed.of(f, a).plus(Signed.of(f, b)), rm, zeroNeg);
    }

    long sub(Fmt f, long a, long b, int rm) {
        return add(f, a, b ^ f.signBit(), rm);
    }

    long mul(Fmt f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        boolean neg = f.neg(a) != f.neg(b);
        if (f.isInf(a) || f.isInf(b)) {
            return f.isZero(a) || f.isZero(b) ? invalid(f) : zero(f, neg) | f.inf();
        }
        if (f.isZero(a) || f.isZero(b)) {
            return zero(f, neg);
        }
        Ratio x = magnitude(f, a);
        Ratio y = magnitude(f, b);
        return round(f, neg, new Ratio(x.num().multiply(y.num()), x.den().multiply(y.den())), rm);
    }

    long div(Fmt f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        boolean neg = f.neg(a) != f.neg(b);
        if (f.isInf(a)) {
            return f.isInf(b) ? invalid(f) : zero(f, neg) | f.inf();
        }
        if (f.isInf(b)) {
            return zero(f, neg);
        }
        if (f.isZero(b)) {
            if (f.isZero(a)) {
                return invalid(f);
            }
            flags |= DZ;
            return zero(f, neg) | f.inf();
        }
        if (f.isZero(a)) {
            return zero(f, neg);
        }
        Ratio x = magnitude(f, a);
        Ratio y = magnitude(f, b);
        return round(f, neg, new Ratio(x.num().multiply(y.den()), x.den().multiply(y.num())), rm);
    }

    long sqrt(Fmt f, long a, int rm) {
        if (f.isNaN(a)) {
            return nan(f, a);
        }
        if (f.isZero(a)) {
            return a;
        }
        if (f.neg(a)) {
            return invalid(f);
        }
        if (f.isInf(a)) {
            return a;
        }
        return round(f, false, new Root(magnitude(f, a)), rm);
    }

    /** (negProduct ? -1 : 1) * a * b + (negAddend ? -1 : 1) * c. */
    long fma(Fmt f, long a, long b, long c, boolean negProduct, boolean negAddend, int rm) {
        if (negProduct) {
            a ^= f.signBit();
        }
        if (negAddend) {
            c ^= f.signBit();
        }
        boolean infTimesZero = (f.isInf(a) && f.isZero(b)) || (f.isZero(a) && f.isInf(b));
        if (infTimesZero) {
            flags |= NV;
            nan(f, c);
            return f.canonicalNaN();
        }
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) {
            return nan(f, a, b, c);
        }
        boolean negP = f.neg(a) != f.neg(b);
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(c) && f.neg(c) != negP) {
                return invalid(f);
            }
            return zero(f, negP) | f.inf();
        }
        if (f.isInf(c)) {
            return c;
        }
        Signed product = Signed.of(f, a).times(Signed.of(f, b));
        boolean productZero = product.num().signum() == 0;
        boolean zeroNeg = productZero && f.isZero(c) && negP == f.neg(c) ? negP : rm == RDN;
        return roundSigned(f, product.plus(Signed.of(f, c)), rm, zeroNeg);
    }

    long convert(Fmt from, Fmt to, long a, int rm) {
        if (from.isNaN(a)) {
            nan(from, a);
            return to.canonicalNaN();
        }
        if (from.isInf(a)) {
            return zero(to, from.neg(a)) | to.inf();
        }
        if (from.isZero(a)) {
            return zero(to, from.neg(a));
        }
        return round(to, from.neg(a), magnitude(from, a), rm);
    }

    long fromInteger(Fmt f, BigInteger v, int rm) {
        if (v.signum() == 0) {
            return 0;
        }
        return round(f, v.signum() < 0, new Ratio(v.abs(), BigInteger.ONE), rm);
    }

    /** Float to integer in [min, max] with saturation; NaN gives max. */
    BigInteger toInteger(Fmt f, long a, int rm, BigInteger min, BigInteger max) {
        if (f.isNaN(a)) {
            flags |= NV;
            return max;
        }
        if (f.isInf(a)) {
            flags |= NV;
            return f.neg(a) ? min : max;
        }
        BigInteger r = BigInteger.ZERO;
        boolean inexact = false;
        if (!f.isZero(a)) {
            boolean neg = f.neg(a);
            boolean[] ix = new boolean[1];
            r = roundAt(magnitude(f, a), 0, rm, neg, ix);
            inexact = ix[0];
            if (neg) {
                r = r.negate();
            }
        }
        if (r.compareTo(min) < 0) {
            flags |= NV;
            return min;
        }
        if (r.compareTo(max) > 0) {
            flags |= NV;
            return max;
        }
        if (inexact) {
            flags |= NX;
        }
        return r;
    }
}
