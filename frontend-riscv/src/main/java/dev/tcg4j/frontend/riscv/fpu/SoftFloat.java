package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.ir.cpu.CpuState;
import java.math.BigInteger;

/**
 * The exact path: every operation of both formats on integer significands, rounded once in any
 * mode, with the flags RISC-V specifies (tininess after rounding, canonical NaNs). It handles every
 * input, including the special values and the ranges the fast paths leave to it.
 *
 * <p>Intermediate values are a sign, an exponent and a 64-bit significand whose leading one is bit
 * 62; the value is {@code sig * 2^(exp - 62)}. Bits shifted out on the right are ORed into bit 0
 * ("jamming"), so that with at least two bits below the rounding position a single rounding of the
 * truncated value gives the correctly rounded result.
 */
final class SoftFloat {
    private SoftFloat() {}

    // ---- rounding -------------------------------------------------------------------------------

    static long shiftRightJam(long sig, int count) {
        if (count == 0) {
            return sig;
        }
        if (count >= 63) {
            return sig != 0 ? 1 : 0;
        }
        return (sig >>> count) | ((sig & ((1L << count) - 1)) != 0 ? 1 : 0);
    }

    private static boolean roundsUp(long roundBits, long half, boolean lsbOdd, boolean negative, int rm) {
        return switch (rm) {
            case RoundingModes.RNE -> roundBits > half || (roundBits == half && lsbOdd);
            case RoundingModes.RMM -> roundBits >= half;
            case RoundingModes.RDN -> negative && roundBits != 0;
            case RoundingModes.RUP -> !negative && roundBits != 0;
            default -> false;
        };
    }

    /**
     * Rounds {@code (-1)^negative * sig * 2^(exp - 62)} (sig normalized, bit 62 set) to format
     * {@code f}, raising OF, UF and NX as needed, and returns the bit pattern.
     */
    static long roundPack(CpuState cpu, FpFormat f, boolean negative, int exp, long sig, int rm) {
        int extra = 63 - f.precision;
        long roundMask = (1L << extra) - 1;
        long half = 1L << (extra - 1);
        long sign = negative ? f.signBit : 0;
        int flags = 0;
        if (exp < f.emin) {
            // Tiny unless rounding to full precision with an unbounded exponent reaches 2^emin.
            boolean tiny = true;
            if (exp == f.emin - 1) {
                long kept = sig >>> extra;
                boolean up = roundsUp(sig & roundMask, half, (kept & 1) != 0, negative, rm);
                tiny = !(up && kept + 1 == (1L << f.precision));
            }
            sig = shiftRightJam(sig, f.emin - exp);
            long roundBits = sig & roundMask;
            long kept = sig >>> extra;
            if (roundBits != 0) {
                flags |= FpFlags.NX | (tiny ? FpFlags.UF : 0);
            }
            if (roundsUp(roundBits, half, (kept & 1) != 0, negative, rm)) {
                kept++;
            }
            FpFlags.raise(cpu, flags);
            // A carry into bit precision-1 turns the subnormal into the smallest normal.
            return sign | kept;
        }
        long roundBits = sig & roundMask;
        long kept = sig >>> extra;
        if (roundsUp(roundBits, half, (kept & 1) != 0, negative, rm)) {
            kept++;
            if (kept == (1L << f.precision)) {
                kept >>>= 1;
                exp++;
            }
        }
        if (exp > f.emax) {
            FpFlags.raise(cpu, FpFlags.OF | FpFlags.NX);
            return f.overflowResult(negative, rm);
        }
        if (roundBits != 0) {
            FpFlags.raise(cpu, FpFlags.NX);
        }
        // The implicit one of kept adds 1 to the exponent field.
        return sign | (((long) (exp + f.bias - 1) << (f.precision - 1)) + kept);
    }

    /** Rounds a non-zero unsigned 64-bit magnitude. */
    static long roundPackInteger(CpuState cpu, FpFormat f, boolean negative, long magnitude, int rm) {
        int lz = Long.numberOfLeadingZeros(magnitude);
        long top = magnitude << lz;
        return roundPack(cpu, f, negative, 63 - lz, (top >>> 1) | (top & 1), rm);
    }

    // ---- NaNs -----------------------------------------------------------------------------------

    private static long nanResult(CpuState cpu, FpFormat f, long a, long b) {
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
            FpFlags.raise(cpu, FpFlags.NV);
        }
        return f.canonicalNaN;
    }

    private static long invalid(CpuState cpu, FpFormat f) {
        FpFlags.raise(cpu, FpFlags.NV);
        return f.canonicalNaN;
    }

    private static long exactZero(FpFormat f, int rm) {
        return rm == RoundingModes.RDN ? f.signBit : 0;
    }

    // ---- arithmetic -----------------------------------------------------------------------------

    static long add(CpuState cpu, FpFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(cpu, f, a, b);
        }
        boolean negA = f.isNegative(a);
        boolean negB = f.isNegative(b);
        if (f.isInf(a)) {
            return f.isInf(b) && negA != negB ? invalid(cpu, f) : a;
        }
        if (f.isInf(b)) {
            return b;
        }
        if (f.isZero(a)) {
            if (f.isZero(b)) {
                return negA == negB ? a : exactZero(f, rm);
            }
            return b;
        }
        if (f.isZero(b)) {
            return a;
        }
        return addFinite(cpu, f, negA, f.unpackExponent(a), f.unpackSignificand(a),
            negB, f.unpackExponent(b), f.unpackSignificand(b), rm);
    }

    /**
     * Adds two non-zero values in unpacked form. Significands may carry jammed low bits; there must
     * be at least two zero bits below bit 62 minus the precision, which holds for unpacked inputs.
     */
    private static long addFinite(CpuState cpu, FpFormat f, boolean negA, int expA, long sigA,
                                  boolean negB, int expB, long sigB, int rm) {
        if (expA < expB || (expA == expB && Long.compareUnsigned(sigA, sigB) < 0)) {
            boolean n = negA; negA = negB; negB = n;
            int e = expA; expA = expB; expB = e;
            long s = sigA; sigA = sigB; sigB = s;
        }
        int d = expA - expB;
        if (negA == negB) {
            long sum = (sigA >>> 1) + shiftRightJam(sigB, Math.min(d + 1, 63));
            if ((sum & (1L << 62)) != 0) {
                return roundPack(cpu, f, negA, expA + 1, sum, rm);
            }
            return roundPack(cpu, f, negA, expA, sum << 1, rm);
        }
        if (d == 0 && sigA == sigB) {
            return exactZero(f, rm);
        }
        long diff = sigA - shiftRightJam(sigB, Math.min(d, 63));
        int shift = Long.numberOfLeadingZeros(diff) - 1;
        return roundPack(cpu, f, negA, expA - shift, diff << shift, rm);
    }

    static long mul(CpuState cpu, FpFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(cpu, f, a, b);
        }
        boolean neg = f.isNegative(a) != f.isNegative(b);
        long sign = neg ? f.signBit : 0;
        if (f.isInf(a) || f.isInf(b)) {
            return f.isZero(a) || f.isZero(b) ? invalid(cpu, f) : sign | f.infBits;
        }
        if (f.isZero(a) || f.isZero(b)) {
            return sign;
        }
        long sigA = f.unpackSignificand(a);
        long sigB = f.unpackSignificand(b);
        long hi = Math.multiplyHigh(sigA, sigB);
        long lo = sigA * sigB;
        int exp = f.unpackExponent(a) + f.unpackExponent(b);
        // The 128-bit product has its leading one at bit 124 or 125.
        long sig;
        if ((hi & (1L << 61)) != 0) {
            sig = (hi << 1) | (lo >>> 63) | ((lo << 1) != 0 ? 1 : 0);
            exp++;
        } else {
            sig = (hi << 2) | (lo >>> 62) | ((lo << 2) != 0 ? 1 : 0);
        }
        return roundPack(cpu, f, neg, exp, sig, rm);
    }

    static long div(CpuState cpu, FpFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nanResult(cpu, f, a, b);
        }
        boolean neg = f.isNegative(a) != f.isNegative(b);
        long sign = neg ? f.signBit : 0;
        if (f.isInf(a)) {
            return f.isInf(b) ? invalid(cpu, f) : sign | f.infBits;
        }
        if (f.isInf(b)) {
            return sign;
        }
        if (f.isZero(b)) {
            if (f.isZero(a)) {
                return invalid(cpu, f);
            }
            FpFlags.raise(cpu, FpFlags.DZ);
            return sign | f.infBits;
        }
        if (f.isZero(a)) {
            return sign;
        }
        int toInteger = 63 - f.precision;
        long num = f.unpackSignificand(a) >>> toInteger;
        long den = f.unpackSignificand(b) >>> toInteger;
        int exp = f.unpackExponent(a) - f.unpackExponent(b);
        if (num < den) {
            num <<= 1;
            exp--;
        }
        // Long division, 10 quotient bits at a time: the remainder stays below den < 2^53.
        long q = num / den;
        long r = num % den;
        for (int bits = 62; bits > 0; ) {
            int step = Math.min(10, bits);
            long n = r << step;
            q = (q << step) | (n / den);
            r = n % den;
            bits -= step;
        }
        return roundPack(cpu, f, neg, exp, q | (r != 0 ? 1 : 0), rm);
    }

    static long sqrt(CpuState cpu, FpFormat f, long a, int rm) {
        if (f.isNaN(a)) {
            return nanResult(cpu, f, a, a);
        }
        if (f.isZero(a)) {
            return a;
        }
        if (f.isNegative(a)) {
            return invalid(cpu, f);
        }
        if (f.isInf(a)) {
            return a;
        }
        // a = m * 2^e with m an integer and e even; the root of m * 2^(2k) has 58 or more bits.
        long m = f.unpackSignificand(a) >>> (63 - f.precision);
        int e = f.unpackExponent(a) - (f.precision - 1);
        if ((e & 1) != 0) {
            m <<= 1;
            e--;
        }
        // m < 2^(precision+1), so the root of m * 2^(2k) is below 2^63 and has at least 61 bits.
        int k = (125 - f.precision) / 2;
        BigInteger[] rootRem = BigInteger.valueOf(m).shiftLeft(2 * k).sqrtAndRemainder();
        long root = rootRem[0].longValueExact();
        int shift = Long.numberOfLeadingZeros(root) - 1;
        long sig = (root << shift) | (rootRem[1].signum() != 0 ? 1 : 0);
        return roundPack(cpu, f, false, e / 2 - k + (62 - shift), sig, rm);
    }

    /** {@code ±(a*b) ± c} rounded once; the negations are applied to the inputs first. */
    static long fma(CpuState cpu, FpFormat f, long a, long b, long c, int rm) {
        boolean nanIn = f.isNaN(a) || f.isNaN(b) || f.isNaN(c);
        boolean infTimesZero = (f.isInf(a) && f.isZero(b)) || (f.isZero(a) && f.isInf(b));
        if (nanIn || infTimesZero) {
            // RISC-V signals invalid for inf*0 even when the addend is a quiet NaN.
            if (infTimesZero || f.isSignalingNaN(a) || f.isSignalingNaN(b) || f.isSignalingNaN(c)) {
                FpFlags.raise(cpu, FpFlags.NV);
            }
            return f.canonicalNaN;
        }
        boolean negP = f.isNegative(a) != f.isNegative(b);
        boolean negC = f.isNegative(c);
        if (f.isInf(a) || f.isInf(b)) {
            if (f.isInf(c) && negC != negP) {
                return invalid(cpu, f);
            }
            return (negP ? f.signBit : 0) | f.infBits;
        }
        if (f.isInf(c)) {
            return c;
        }
        if (f.isZero(a) || f.isZero(b)) {
            if (f.isZero(c)) {
                return negP == negC ? c : exactZero(f, rm);
            }
            return c;
        }
        int p = f.precision;
        BigInteger product = BigInteger.valueOf(f.unpackSignificand(a) >>> (63 - p))
            .multiply(BigInteger.valueOf(f.unpackSignificand(b) >>> (63 - p)));
        int productExp = f.unpackExponent(a) + f.unpackExponent(b) - 2 * (p - 1);
        if (negP) {
            product = product.negate();
        }
        BigInteger sum = product;
        int sumExp = productExp;
        if (!f.isZero(c)) {
            BigInteger addend = BigInteger.valueOf(f.unpackSignificand(c) >>> (63 - p));
            int addendExp = f.unpackExponent(c) - (p - 1);
            if (negC) {
                addend = addend.negate();
            }
            sumExp = Math.min(productExp, addendExp);
            sum = product.shiftLeft(productExp - sumExp).add(addend.shiftLeft(addendExp - sumExp));
        }
        if (sum.signum() == 0) {
            return exactZero(f, rm);
        }
        return roundPackBig(cpu, f, sum.signum() < 0, sum.abs(), sumExp, rm);
    }

    /** Rounds {@code ±magnitude * 2^exp}. */
    private static long roundPackBig(CpuState cpu, FpFormat f, boolean negative, BigInteger magnitude,
                                     int exp, int rm) {
        int len = magnitude.bitLength();
        long sig;
        if (len > 63) {
            int drop = len - 63;
            sig = magnitude.shiftRight(drop).longValue() | (magnitude.getLowestSetBit() < drop ? 1 : 0);
        } else {
            sig = magnitude.longValue() << (63 - len);
        }
        return roundPack(cpu, f, negative, exp + len - 1, sig, rm);
    }

    // ---- conversions ----------------------------------------------------------------------------

    /** Converts between the formats, rounding when narrowing. */
    static long convert(CpuState cpu, FpFormat from, FpFormat to, long a, int rm) {
        if (from.isNaN(a)) {
            nanResult(cpu, from, a, a);
            return to.canonicalNaN;
        }
        long sign = from.isNegative(a) ? to.signBit : 0;
        if (from.isInf(a)) {
            return sign | to.infBits;
        }
        if (from.isZero(a)) {
            return sign;
        }
        return roundPack(cpu, to, from.isNegative(a), from.unpackExponent(a), from.unpackSignificand(a), rm);
    }
}
