package dev.tcg4j.frontend.riscv.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-computed cases from the RISC-V F and D chapters and IEEE 754. */
class FpHelpersSpecTest {
    private static final int RNE = 0;
    private static final int RTZ = 1;
    private static final int RDN = 2;
    private static final int RUP = 3;
    private static final int RMM = 4;
    private static final int DYN = 7;
    private static final int NV = 0x10;
    private static final int DZ = 0x08;
    private static final int OF = 0x04;
    private static final int UF = 0x02;
    private static final int NX = 0x01;

    private static final long ONE = 0x3ff0000000000000L;
    private static final long MINUS_ONE = 0xbff0000000000000L;
    private static final long PLUS_ZERO = 0;
    private static final long MINUS_ZERO = 0x8000000000000000L;
    private static final long INF = 0x7ff0000000000000L;
    private static final long MINUS_INF = 0xfff0000000000000L;
    private static final long MAX = 0x7fefffffffffffffL;
    private static final long MIN_NORMAL = 0x0010000000000000L;
    private static final long MAX_SUBNORMAL = 0x000fffffffffffffL;
    private static final long QNAN = 0x7ff8000000000000L;
    private static final long QNAN_PAYLOAD = 0xfff8000000001234L;
    private static final long SNAN = 0x7ff0000000000001L;
    private static final long S_QNAN = 0xffffffff7fc00000L;
    private static final long S_SNAN = 0xffffffff7f800001L;
    private static final long S_ONE = 0xffffffff3f800000L;

    private final CpuState cpu = new CpuState(RiscvArch.SLOTS, 0, null);

    @BeforeEach
    void clearFlags() {
        cpu.regs[RiscvArch.FFLAGS] = 0;
        cpu.regs[RiscvArch.FRM] = RNE;
    }

    private static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static long s(float x) {
        return 0xffffffff00000000L | (Float.floatToRawIntBits(x) & 0xffffffffL);
    }

    private void assertResult(long expected, int expectedFlags, long actual) {
        assertEquals(Long.toHexString(expected), Long.toHexString(actual));
        assertEquals(Integer.toHexString(expectedFlags), Long.toHexString(cpu.regs[RiscvArch.FFLAGS]));
        cpu.regs[RiscvArch.FFLAGS] = 0;
    }

    // ---- rounding modes ---------------------------------------------------------------------------

    @Test
    void roundsAnExactTieInEachModeOnAddition() {
        long halfUlp = d(0x1p-53);
        long nextUp = 0x3ff0000000000001L;
        assertResult(ONE, NX, FpHelpers.fadd_d(cpu, ONE, halfUlp, RNE));
        assertResult(ONE, NX, FpHelpers.fadd_d(cpu, ONE, halfUlp, RTZ));
        assertResult(ONE, NX, FpHelpers.fadd_d(cpu, ONE, halfUlp, RDN));
        assertResult(nextUp, NX, FpHelpers.fadd_d(cpu, ONE, halfUlp, RUP));
        assertResult(nextUp, NX, FpHelpers.fadd_d(cpu, ONE, halfUlp, RMM));
        long minusHalfUlp = halfUlp | MINUS_ZERO;
        assertResult(MINUS_ONE, NX, FpHelpers.fadd_d(cpu, MINUS_ONE, minusHalfUlp, RNE));
        assertResult(MINUS_ONE, NX, FpHelpers.fadd_d(cpu, MINUS_ONE, minusHalfUlp, RTZ));
        assertResult(nextUp | MINUS_ZERO, NX, FpHelpers.fadd_d(cpu, MINUS_ONE, minusHalfUlp, RDN));
        assertResult(MINUS_ONE, NX, FpHelpers.fadd_d(cpu, MINUS_ONE, minusHalfUlp, RUP));
        assertResult(nextUp | MINUS_ZERO, NX, FpHelpers.fadd_d(cpu, MINUS_ONE, minusHalfUlp, RMM));
    }

    @Test
    void roundsSingleTiesInEachMode() {
        long tie = s(0x1p-24f);
        assertResult(S_ONE, NX, FpHelpers.fadd_s(cpu, S_ONE, tie, RNE));
        assertResult(S_ONE, NX, FpHelpers.fadd_s(cpu, S_ONE, tie, RTZ));
        assertResult(S_ONE, NX, FpHelpers.fadd_s(cpu, S_ONE, tie, RDN));
        assertResult(0xffffffff3f800001L, NX, FpHelpers.fadd_s(cpu, S_ONE, tie, RUP));
        assertResult(0xffffffff3f800001L, NX, FpHelpers.fadd_s(cpu, S_ONE, tie, RMM));
    }

    @Test
    void dynamicModeComesFromFrm() {
        cpu.regs[RiscvArch.FRM] = RUP;
        assertResult(0x3ff0000000000001L, NX, FpHelpers.fadd_d(cpu, ONE, d(0x1p-60), DYN));
        cpu.regs[RiscvArch.FRM] = RMM;
        assertResult(3, NX, FpHelpers.fcvt_l_d(cpu, d(2.5), DYN));
    }

    @Test
    void roundsSquareRootOfTwoInEachMode() {
        // sqrt(2) = 1.41421356237309504880..., the nearest double 0x3ff6a09e667f3bcd is above it.
        long above = 0x3ff6a09e667f3bcdL;
        long below = 0x3ff6a09e667f3bccL;
        assertResult(above, NX, FpHelpers.fsqrt_d(cpu, d(2), RNE));
        assertResult(below, NX, FpHelpers.fsqrt_d(cpu, d(2), RTZ));
        assertResult(below, NX, FpHelpers.fsqrt_d(cpu, d(2), RDN));
        assertResult(above, NX, FpHelpers.fsqrt_d(cpu, d(2), RUP));
        assertResult(above, NX, FpHelpers.fsqrt_d(cpu, d(2), RMM));
        assertResult(d(3), 0, FpHelpers.fsqrt_d(cpu, d(9), RDN));
    }

    @Test
    void exactZeroSumIsNegativeOnlyWhenRoundingDown() {
        assertResult(PLUS_ZERO, 0, FpHelpers.fadd_d(cpu, ONE, MINUS_ONE, RNE));
        assertResult(PLUS_ZERO, 0, FpHelpers.fadd_d(cpu, ONE, MINUS_ONE, RUP));
        assertResult(MINUS_ZERO, 0, FpHelpers.fadd_d(cpu, ONE, MINUS_ONE, RDN));
        assertResult(MINUS_ZERO, 0, FpHelpers.fsub_d(cpu, PLUS_ZERO, PLUS_ZERO, RDN));
        assertResult(MINUS_ZERO, 0, FpHelpers.fadd_d(cpu, MINUS_ZERO, MINUS_ZERO, RNE));
        assertResult(0xffffffff80000000L, 0, FpHelpers.fsub_s(cpu, S_ONE, S_ONE, RDN));
        assertResult(0xffffffff00000000L, 0, FpHelpers.fsub_s(cpu, S_ONE, S_ONE, RMM));
    }

    // ---- overflow and underflow ------------------------------------------------------------------

    @Test
    void overflowGivesInfinityOrLargestFiniteByMode() {
        long two = d(2);
        assertResult(INF, OF | NX, FpHelpers.fmul_d(cpu, MAX, two, RNE));
        assertResult(MAX, OF | NX, FpHelpers.fmul_d(cpu, MAX, two, RTZ));
        assertResult(MAX, OF | NX, FpHelpers.fmul_d(cpu, MAX, two, RDN));
        assertResult(INF, OF | NX, FpHelpers.fmul_d(cpu, MAX, two, RUP));
        assertResult(INF, OF | NX, FpHelpers.fmul_d(cpu, MAX, two, RMM));
        long minusMax = MAX | MINUS_ZERO;
        assertResult(MINUS_INF, OF | NX, FpHelpers.fmul_d(cpu, minusMax, two, RDN));
        assertResult(minusMax, OF | NX, FpHelpers.fmul_d(cpu, minusMax, two, RUP));
        assertResult(0xffffffff7f800000L, OF | NX, FpHelpers.fcvt_s_d(cpu, d(1e300), RNE));
        assertResult(0xffffffff7f7fffffL, OF | NX, FpHelpers.fcvt_s_d(cpu, d(1e300), RTZ));
    }

    @Test
    void detectsTininessAfterRounding() {
        long a = d(-0x1p-540);
        // 2^-1022 - 2^-1077 rounds to 2^-1022 with an unbounded exponent: not tiny, no UF.
        assertResult(MIN_NORMAL, NX, FpHelpers.fmadd_d(cpu, a, d(0x1p-537), MIN_NORMAL, RNE));
        assertResult(MAX_SUBNORMAL, UF | NX, FpHelpers.fmadd_d(cpu, a, d(0x1p-537), MIN_NORMAL, RTZ));
        // 2^-1022 - 2^-1075 has 53 bits below 2^-1022: tiny, although it rounds to 2^-1022.
        assertResult(MIN_NORMAL, UF | NX, FpHelpers.fmadd_d(cpu, a, d(0x1p-535), MIN_NORMAL, RNE));
        assertResult(MIN_NORMAL, UF | NX, FpHelpers.fmul_d(cpu, 0x3fefffffffffffffL, MIN_NORMAL, RNE));
    }

    @Test
    void exactSubnormalResultsRaiseNoUnderflow() {
        assertResult(0x0008000000000000L, 0, FpHelpers.fmul_d(cpu, MIN_NORMAL, d(0.5), RNE));
        assertResult(1, UF | NX, FpHelpers.fmul_d(cpu, 1, d(0.75), RNE));
        assertResult(PLUS_ZERO, UF | NX, FpHelpers.fmul_d(cpu, 1, d(0.25), RNE));
        assertResult(1, UF | NX, FpHelpers.fmul_d(cpu, 1, d(0.25), RUP));
    }

    @Test
    void divisionByZeroRaisesDzAndInvalidQuotientsRaiseNv() {
        assertResult(INF, DZ, FpHelpers.fdiv_d(cpu, ONE, PLUS_ZERO, RNE));
        assertResult(MINUS_INF, DZ, FpHelpers.fdiv_d(cpu, MINUS_ONE, PLUS_ZERO, RNE));
        assertResult(QNAN, NV, FpHelpers.fdiv_d(cpu, PLUS_ZERO, PLUS_ZERO, RNE));
        assertResult(QNAN, NV, FpHelpers.fdiv_d(cpu, INF, MINUS_INF, RNE));
        assertResult(MINUS_ZERO, 0, FpHelpers.fdiv_d(cpu, ONE, MINUS_INF, RNE));
        assertResult(0xffffffffff800000L, DZ, FpHelpers.fdiv_s(cpu, S_ONE, s(-0f), RNE));
    }

    // ---- NaNs and NaN-boxing ---------------------------------------------------------------------

    @Test
    void nanResultsAreCanonicalAndOnlySignalingNansRaiseNv() {
        assertResult(QNAN, 0, FpHelpers.fadd_d(cpu, QNAN_PAYLOAD, ONE, RNE));
        assertResult(QNAN, NV, FpHelpers.fmul_d(cpu, SNAN, ONE, RNE));
        assertResult(QNAN, NV, FpHelpers.fsqrt_d(cpu, MINUS_ONE, RNE));
        assertResult(MINUS_ZERO, 0, FpHelpers.fsqrt_d(cpu, MINUS_ZERO, RNE));
        assertResult(QNAN, NV, FpHelpers.fadd_d(cpu, INF, MINUS_INF, RNE));
        assertResult(S_QNAN, NV, FpHelpers.fadd_s(cpu, S_SNAN, S_ONE, RNE));
        assertResult(QNAN, NV, FpHelpers.fcvt_d_s(cpu, S_SNAN, RNE));
        assertResult(S_QNAN, NV, FpHelpers.fcvt_s_d(cpu, SNAN, RNE));
        assertResult(QNAN, 0, FpHelpers.fcvt_d_s(cpu, 0xffffffffffc01234L, RNE));
    }

    @Test
    void improperlyBoxedSinglesReadAsCanonicalNan() {
        long unboxed = 0x000000003f800000L;
        assertResult(S_QNAN, 0, FpHelpers.fadd_s(cpu, unboxed, S_ONE, RNE));
        assertResult(1 << 9, 0, FpHelpers.fclass_s(cpu, unboxed));
        assertResult(0xffffffffffc00000L, 0, FpHelpers.fsgnjn_s(cpu, unboxed, S_ONE));
        assertResult(QNAN, 0, FpHelpers.fcvt_d_s(cpu, 0xfffffffe3f800000L, RNE));
        assertResult(0, 0, FpHelpers.feq_s(cpu, unboxed, unboxed));
        assertResult(0, NV, FpHelpers.flt_s(cpu, unboxed, S_ONE));
        assertResult(0x7fffffffL, NV, FpHelpers.fcvt_w_s(cpu, unboxed, RTZ));
        assertResult(S_ONE, 0, FpHelpers.fmax_s(cpu, unboxed, S_ONE));
    }

    @Test
    void signInjectionIsABitOperationThatKeepsNanPayloads() {
        assertResult(0xfff0000000000001L, 0, FpHelpers.fsgnjn_d(cpu, SNAN, PLUS_ZERO));
        assertResult(SNAN, 0, FpHelpers.fsgnj_d(cpu, SNAN, PLUS_ZERO));
        assertResult(ONE, 0, FpHelpers.fsgnjx_d(cpu, MINUS_ONE, MINUS_ZERO));
        assertResult(0xffffffffff800001L, 0, FpHelpers.fsgnjx_s(cpu, S_SNAN, s(-2f)));
    }

    // ---- min, max, comparisons, classification ---------------------------------------------------

    @Test
    void minAndMaxOrderNegativeZeroBelowPositiveZero() {
        assertResult(MINUS_ZERO, 0, FpHelpers.fmin_d(cpu, PLUS_ZERO, MINUS_ZERO));
        assertResult(PLUS_ZERO, 0, FpHelpers.fmax_d(cpu, MINUS_ZERO, PLUS_ZERO));
        assertResult(0xffffffff80000000L, 0, FpHelpers.fmin_s(cpu, s(0f), s(-0f)));
        assertResult(0xffffffff00000000L, 0, FpHelpers.fmax_s(cpu, s(-0f), s(0f)));
    }

    @Test
    void minAndMaxReturnTheNumberWhenOneOperandIsNan() {
        assertResult(ONE, 0, FpHelpers.fmin_d(cpu, QNAN_PAYLOAD, ONE));
        assertResult(ONE, NV, FpHelpers.fmax_d(cpu, ONE, SNAN));
        assertResult(QNAN, 0, FpHelpers.fmin_d(cpu, QNAN_PAYLOAD, QNAN_PAYLOAD));
        assertResult(QNAN, NV, FpHelpers.fmax_d(cpu, SNAN, QNAN));
        assertResult(S_ONE, NV, FpHelpers.fmin_s(cpu, S_SNAN, S_ONE));
    }

    @Test
    void feqIsQuietWhileFltAndFleSignalOnAnyNan() {
        assertResult(0, 0, FpHelpers.feq_d(cpu, QNAN, ONE));
        assertResult(0, NV, FpHelpers.feq_d(cpu, SNAN, ONE));
        assertResult(0, NV, FpHelpers.flt_d(cpu, QNAN, ONE));
        assertResult(0, NV, FpHelpers.fle_d(cpu, ONE, QNAN));
        assertResult(1, 0, FpHelpers.feq_d(cpu, MINUS_ZERO, PLUS_ZERO));
        assertResult(0, 0, FpHelpers.flt_d(cpu, MINUS_ZERO, PLUS_ZERO));
        assertResult(1, 0, FpHelpers.fle_d(cpu, MINUS_ZERO, PLUS_ZERO));
        assertResult(1, 0, FpHelpers.flt_s(cpu, s(-1f), S_ONE));
        assertResult(0, NV, FpHelpers.fle_s(cpu, S_QNAN, S_ONE));
    }

    @Test
    void fclassSetsOneBitPerClass() {
        long[] doubles = {MINUS_INF, MINUS_ONE, 0x8000000000000001L, MINUS_ZERO, PLUS_ZERO, 1, ONE, INF, SNAN, QNAN};
        for (int bit = 0; bit < doubles.length; bit++) {
            assertResult(1L << bit, 0, FpHelpers.fclass_d(cpu, doubles[bit]));
        }
        long[] singles = {s(Float.NEGATIVE_INFINITY), s(-1f), s(-Float.MIN_VALUE), s(-0f), s(0f), s(Float.MIN_VALUE),
            S_ONE, s(Float.POSITIVE_INFINITY), S_SNAN, S_QNAN};
        for (int bit = 0; bit < singles.length; bit++) {
            assertResult(1L << bit, 0, FpHelpers.fclass_s(cpu, singles[bit]));
        }
    }

    // ---- float to integer ------------------------------------------------------------------------

    @Test
    void floatToIntegerSaturatesPerTheSpecTable() {
        assertResult(0x7fffffffL, NV, FpHelpers.fcvt_w_d(cpu, QNAN, RTZ));
        assertResult(0x7fffffffL, NV, FpHelpers.fcvt_w_d(cpu, INF, RTZ));
        assertResult(0xffffffff80000000L, NV, FpHelpers.fcvt_w_d(cpu, MINUS_INF, RTZ));
        assertResult(0x7fffffffL, NV, FpHelpers.fcvt_w_d(cpu, d(3e9), RTZ));
        assertResult(0xffffffff80000000L, NV, FpHelpers.fcvt_w_d(cpu, d(-3e9), RTZ));
        assertResult(0xffffffff80000000L, NX, FpHelpers.fcvt_w_d(cpu, d(-2147483648.5), RTZ));
        assertResult(-1L, NV, FpHelpers.fcvt_wu_d(cpu, QNAN, RTZ));
        assertResult(-1L, NV, FpHelpers.fcvt_wu_d(cpu, INF, RTZ));
        assertResult(0, NV, FpHelpers.fcvt_wu_d(cpu, MINUS_INF, RTZ));
        assertResult(0, NV, FpHelpers.fcvt_wu_d(cpu, MINUS_ONE, RTZ));
        assertResult(0, NX, FpHelpers.fcvt_wu_d(cpu, d(-0.5), RTZ));
        assertResult(0, NV, FpHelpers.fcvt_wu_d(cpu, d(-0.5), RDN));
        assertResult(-1L, 0, FpHelpers.fcvt_wu_d(cpu, d(4294967295.0), RTZ));
        assertResult(-1L, NV, FpHelpers.fcvt_wu_d(cpu, d(4294967296.0), RTZ));
        assertResult(0xffffffff80000000L, 0, FpHelpers.fcvt_wu_d(cpu, d(2147483648.0), RTZ));
        assertResult(Long.MAX_VALUE, NV, FpHelpers.fcvt_l_d(cpu, QNAN, RTZ));
        assertResult(Long.MAX_VALUE, NV, FpHelpers.fcvt_l_d(cpu, d(0x1p63), RTZ));
        assertResult(Long.MIN_VALUE, 0, FpHelpers.fcvt_l_d(cpu, d(-0x1p63), RTZ));
        assertResult(Long.MIN_VALUE, NV, FpHelpers.fcvt_l_d(cpu, MINUS_INF, RTZ));
        assertResult(-1L, NV, FpHelpers.fcvt_lu_d(cpu, QNAN, RTZ));
        assertResult(-1L, NV, FpHelpers.fcvt_lu_d(cpu, d(0x1p64), RTZ));
        assertResult(Long.MIN_VALUE, 0, FpHelpers.fcvt_lu_d(cpu, d(0x1p63), RTZ));
        assertResult(0, NV, FpHelpers.fcvt_lu_d(cpu, MINUS_ONE, RTZ));
        assertResult(0x7fffffffL, NV, FpHelpers.fcvt_w_s(cpu, s(Float.NaN), RTZ));
        assertResult(-1L, NV, FpHelpers.fcvt_lu_s(cpu, s(Float.POSITIVE_INFINITY), RTZ));
    }

    @Test
    void floatToIntegerRoundsHalvesInEachMode() {
        long twoHalf = d(2.5);
        long minusTwoHalf = d(-2.5);
        long[][] expected = {{2, -2}, {2, -2}, {2, -3}, {3, -2}, {3, -3}};
        for (int rm = 0; rm <= 4; rm++) {
            assertResult(expected[rm][0], NX, FpHelpers.fcvt_w_d(cpu, twoHalf, rm));
            assertResult(expected[rm][1], NX, FpHelpers.fcvt_l_d(cpu, minusTwoHalf, rm));
            assertResult(expected[rm][0], NX, FpHelpers.fcvt_lu_s(cpu, s(2.5f), rm));
        }
        assertResult(4, 0, FpHelpers.fcvt_w_d(cpu, d(4), RTZ));
    }

    // ---- integer to float ------------------------------------------------------------------------

    @Test
    void integerToFloatRoundsInEachMode() {
        long twoTo24Plus1 = (1 << 24) + 1;
        assertResult(0xffffffff4b800000L, NX, FpHelpers.fcvt_s_w(cpu, twoTo24Plus1, RNE));
        assertResult(0xffffffff4b800000L, NX, FpHelpers.fcvt_s_w(cpu, twoTo24Plus1, RTZ));
        assertResult(0xffffffff4b800001L, NX, FpHelpers.fcvt_s_w(cpu, twoTo24Plus1, RUP));
        assertResult(0xffffffff4b800001L, NX, FpHelpers.fcvt_s_w(cpu, twoTo24Plus1, RMM));
        assertResult(0xffffffffcb800001L, NX, FpHelpers.fcvt_s_w(cpu, -twoTo24Plus1, RDN));
        long twoTo53Plus1 = (1L << 53) + 1;
        assertResult(0x4340000000000000L, NX, FpHelpers.fcvt_d_l(cpu, twoTo53Plus1, RNE));
        assertResult(0x4340000000000001L, NX, FpHelpers.fcvt_d_l(cpu, twoTo53Plus1, RUP));
        assertResult(0x43f0000000000000L, NX, FpHelpers.fcvt_d_lu(cpu, -1L, RNE));
        assertResult(0x43efffffffffffffL, NX, FpHelpers.fcvt_d_lu(cpu, -1L, RTZ));
        assertResult(0xffffffff5f800000L, NX, FpHelpers.fcvt_s_lu(cpu, -1L, RNE));
        assertResult(0xffffffff5f7fffffL, NX, FpHelpers.fcvt_s_lu(cpu, -1L, RTZ));
        assertResult(0x41efffffffe00000L, 0, FpHelpers.fcvt_d_wu(cpu, 0xffffffffL, RNE));
        assertResult(0xc1e0000000000000L, 0, FpHelpers.fcvt_d_w(cpu, 0x80000000L, RNE));
        assertResult(0xffffffff00000000L, 0, FpHelpers.fcvt_s_l(cpu, 0, RDN));
    }

    // ---- fused multiply-add ----------------------------------------------------------------------

    @Test
    void infinityTimesZeroIsInvalidEvenWithAQuietNanAddend() {
        assertResult(QNAN, NV, FpHelpers.fmadd_d(cpu, INF, PLUS_ZERO, QNAN, RNE));
        assertResult(QNAN, NV, FpHelpers.fmadd_d(cpu, PLUS_ZERO, MINUS_INF, ONE, RNE));
        assertResult(S_QNAN, NV, FpHelpers.fnmadd_s(cpu, s(Float.POSITIVE_INFINITY), s(0f), S_QNAN, RNE));
        assertResult(QNAN, 0, FpHelpers.fmadd_d(cpu, INF, ONE, QNAN, RNE));
        assertResult(QNAN, NV, FpHelpers.fmadd_d(cpu, INF, ONE, MINUS_INF, RNE));
    }

    @Test
    void negatedFormsNegateProductAndAddendBeforeTheSingleRounding() {
        long two = d(2);
        long three = d(3);
        assertResult(d(5), 0, FpHelpers.fmadd_d(cpu, ONE, two, three, RNE));
        assertResult(d(-1), 0, FpHelpers.fmsub_d(cpu, ONE, two, three, RNE));
        assertResult(d(1), 0, FpHelpers.fnmsub_d(cpu, ONE, two, three, RNE));
        assertResult(d(-5), 0, FpHelpers.fnmadd_d(cpu, ONE, two, three, RNE));
        assertResult(PLUS_ZERO, 0, FpHelpers.fmsub_d(cpu, ONE, ONE, ONE, RNE));
        assertResult(MINUS_ZERO, 0, FpHelpers.fmsub_d(cpu, ONE, ONE, ONE, RDN));
        // -(+0 * 1) - (-0) = -0 + +0 = +0, but -0 in RDN.
        assertResult(PLUS_ZERO, 0, FpHelpers.fnmadd_d(cpu, PLUS_ZERO, ONE, MINUS_ZERO, RNE));
        assertResult(MINUS_ZERO, 0, FpHelpers.fnmadd_d(cpu, PLUS_ZERO, ONE, PLUS_ZERO, RNE));
    }

    @Test
    void singleFmaRoundsOnceWhereDoubleRoundingWouldBreakTheTie() {
        long a = s(1 + 0x1p-12f);
        // a*a = 1 + 2^-11 + 2^-24: exactly halfway between two singles.
        long tiny = s(0x1p-80f);
        long lower = 0xffffffff3f801000L;
        long upper = 0xffffffff3f801001L;
        assertResult(lower, NX, FpHelpers.fmadd_s(cpu, a, a, s(0f), RNE));
        assertResult(upper, NX, FpHelpers.fmadd_s(cpu, a, a, s(0f), RMM));
        assertResult(upper, NX, FpHelpers.fmadd_s(cpu, a, a, tiny, RNE));
        assertResult(lower, NX, FpHelpers.fmadd_s(cpu, a, a, tiny | 0x80000000L, RNE));
        assertResult(lower, NX, FpHelpers.fmadd_s(cpu, a, a, tiny | 0x80000000L, RMM));
    }

    // ---- flags and rounding-mode validity --------------------------------------------------------

    @Test
    void flagsAccrueIntoFflags() {
        cpu.regs[RiscvArch.FFLAGS] = NV;
        FpHelpers.fadd_d(cpu, ONE, d(0x1p-60), RNE);
        assertEquals(NV | NX, cpu.regs[RiscvArch.FFLAGS]);
    }

    @Test
    void reservedRoundingModesAreIllegalInstructions() {
        for (long rm : new long[] {5, 6}) {
            GuestTrap t = assertThrows(GuestTrap.class, () -> FpHelpers.fadd_d(cpu, ONE, ONE, rm));
            assertEquals(GuestTrap.Kind.ILLEGAL_INSTRUCTION, t.kind());
        }
        for (long frm : new long[] {5, 6, 7}) {
            cpu.regs[RiscvArch.FRM] = frm;
            assertThrows(GuestTrap.class, () -> FpHelpers.fmul_s(cpu, S_ONE, S_ONE, DYN));
            assertThrows(GuestTrap.class, () -> FpHelpers.fcvt_d_s(cpu, S_ONE, DYN));
        }
        cpu.regs[RiscvArch.FRM] = RMM;
        assertResult(ONE, 0, FpHelpers.fmul_d(cpu, ONE, ONE, DYN));
        assertThrows(GuestTrap.class, () -> FpHelpers.fcvt_w_d(cpu, ONE, 5));
    }
}
