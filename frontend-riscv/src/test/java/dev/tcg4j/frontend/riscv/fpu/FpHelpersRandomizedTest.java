package dev.tcg4j.frontend.riscv.fpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.fpu.ExactReference.Fmt;
import dev.tcg4j.ir.cpu.CpuState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Every rounding operation against {@link ExactReference}, in all five rounding modes, on operands
 * from {@link FloatGen}. Results and accrued flags must match exactly. Half the calls pass the mode
 * statically, half through frm with rm = 7.
 */
class FpHelpersRandomizedTest {
    private static final int CASES = Integer.getInteger("fpu.cases", 1500);
    private static final Fmt S = Fmt.SINGLE;
    private static final Fmt D = Fmt.DOUBLE;
    private static final long BOX = 0xffffffff00000000L;

    private final CpuState cpu = new CpuState(RiscvArch.SLOTS, 0, null);
    private final List<String> failures = new ArrayList<>();

    /** The call under test, given the rm operand; it reads the operands it captured. */
    interface Call {
        long run(CpuState cpu, long rm);
    }

    private void check(String what, int mode, Call call, long expected, int expectedFlags, boolean dynamic) {
        cpu.regs[RiscvArch.FFLAGS] = 0;
        cpu.regs[RiscvArch.FRM] = dynamic ? mode : 0;
        long got = call.run(cpu, dynamic ? 7 : mode);
        long flags = cpu.regs[RiscvArch.FFLAGS];
        if ((got != expected || flags != expectedFlags) && failures.size() < 20) {
            failures.add(String.format("%s rm=%d: got %x flags %x, expected %x flags %x",
                what, mode, got, flags, expected, expectedFlags));
        }
    }

    private void assertNoFailures() {
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    private static long box(long single) {
        return single | BOX;
    }

    private static long unboxedReference(Fmt f, long r) {
        return f == S ? box(r) : r;
    }

    private static long operand(Fmt f, long v) {
        return f == S ? box(v) : v;
    }

    interface Binary {
        long call(CpuState cpu, long a, long b, long rm);
    }

    interface BinaryRef {
        long call(ExactReference ref, Fmt f, long a, long b, int rm);
    }

    private void binary(Fmt f, String name, Binary op, BinaryRef ref, long seed) {
        FloatGen gen = new FloatGen(seed);
        for (int i = 0; i < CASES; i++) {
            long a = gen.value(f);
            long b = gen.partner(f, a);
            for (int rm = 0; rm <= 4; rm++) {
                ExactReference r = new ExactReference();
                long expected = unboxedReference(f, ref.call(r, f, a, b, rm));
                long ra = operand(f, a);
                long rb = operand(f, b);
                check(String.format("%s(%x, %x)", name, a, b), rm, (c, m) -> op.call(c, ra, rb, m),
                    expected, r.flags, (i & 1) == 0);
            }
        }
        assertNoFailures();
    }

    @Test
    void addMatchesReferenceInEveryMode() {
        binary(S, "fadd_s", FpHelpers::fadd_s, ExactReference::add, 1);
        binary(D, "fadd_d", FpHelpers::fadd_d, ExactReference::add, 2);
    }

    @Test
    void subMatchesReferenceInEveryMode() {
        binary(S, "fsub_s", FpHelpers::fsub_s, ExactReference::sub, 3);
        binary(D, "fsub_d", FpHelpers::fsub_d, ExactReference::sub, 4);
    }

    @Test
    void mulMatchesReferenceInEveryMode() {
        binary(S, "fmul_s", FpHelpers::fmul_s, ExactReference::mul, 5);
        binary(D, "fmul_d", FpHelpers::fmul_d, ExactReference::mul, 6);
    }

    @Test
    void divMatchesReferenceInEveryMode() {
        binary(S, "fdiv_s", FpHelpers::fdiv_s, ExactReference::div, 7);
        binary(D, "fdiv_d", FpHelpers::fdiv_d, ExactReference::div, 8);
    }

    /** Quotients that are exact or land on ties: a = q * b with a sparse q. */
    @Test
    void divOfProductsMatchesReferenceInEveryMode() {
        FloatGen gen = new FloatGen(9);
        for (int i = 0; i < CASES; i++) {
            double b = Double.longBitsToDouble(gen.value(D));
            double q = Double.longBitsToDouble(gen.withExponent(D, gen.nextBoolean(), gen.nextInt(60) - 30));
            long a = Double.doubleToRawLongBits(q * b);
            long bb = Double.doubleToRawLongBits(b);
            float bs = (float) b;
            long as = Float.floatToRawIntBits((float) q * bs) & 0xffffffffL;
            long bsBits = Float.floatToRawIntBits(bs) & 0xffffffffL;
            for (int rm = 0; rm <= 4; rm++) {
                ExactReference r = new ExactReference();
                long expected = r.div(D, a, bb, rm);
                check(String.format("fdiv_d(%x, %x)", a, bb), rm, (c, m) -> FpHelpers.fdiv_d(c, a, bb, m),
                    expected, r.flags, (i & 1) == 0);
                ExactReference rs = new ExactReference();
                long expectedS = box(rs.div(S, as, bsBits, rm));
                check(String.format("fdiv_s(%x, %x)", as, bsBits), rm,
                    (c, m) -> FpHelpers.fdiv_s(c, box(as), box(bsBits), m), expectedS, rs.flags, (i & 1) != 0);
            }
        }
        assertNoFailures();
    }

    @Test
    void sqrtMatchesReferenceInEveryMode() {
        for (Fmt f : new Fmt[] {S, D}) {
            FloatGen gen = new FloatGen(f == S ? 10 : 11);
            for (int i = 0; i < CASES; i++) {
                long a = gen.value(f);
                if (gen.nextInt(4) == 0) {
                    // An exact square or a near-square.
                    if (f == D) {
                        double s = Double.longBitsToDouble(gen.withExponent(D, false, gen.nextInt(200) - 100));
                        a = Double.doubleToRawLongBits(s * s) + gen.nextInt(3) - 1;
                    } else {
                        float s = Float.intBitsToFloat((int) gen.withExponent(S, false, gen.nextInt(60) - 30));
                        a = (Float.floatToRawIntBits(s * s) + gen.nextInt(3) - 1) & 0xffffffffL;
                    }
                }
                long in = a;
                for (int rm = 0; rm <= 4; rm++) {
                    ExactReference r = new ExactReference();
                    long expected = unboxedReference(f, r.sqrt(f, in, rm));
                    long ra = operand(f, in);
                    Call call = f == S ? (c, m) -> FpHelpers.fsqrt_s(c, ra, m) : (c, m) -> FpHelpers.fsqrt_d(c, ra, m);
                    check(String.format("fsqrt(%x)", in), rm, call, expected, r.flags, (i & 1) == 0);
                }
            }
        }
        assertNoFailures();
    }

    interface Ternary {
        long call(CpuState cpu, long a, long b, long c, long rm);
    }

    private void fused(Fmt f, String name, Ternary op, boolean negProduct, boolean negAddend, long seed) {
        FloatGen gen = new FloatGen(seed);
        for (int i = 0; i < CASES; i++) {
            long a = gen.value(f);
            long b = gen.partner(f, a);
            long c;
            int style = gen.nextInt(4);
            if (style == 0) {
                // Cancel most of the product: c = -(a*b rounded), perturbed in its last bits.
                long p = f == D
                    ? Double.doubleToRawLongBits(Double.longBitsToDouble(a) * Double.longBitsToDouble(b))
                    : Float.floatToRawIntBits(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b)) & 0xffffffffL;
                c = (p ^ (negProduct == negAddend ? f.signBit() : 0)) + gen.nextInt(5) - 2;
                c &= f == S ? 0xffffffffL : -1L;
            } else if (style == 1) {
                c = gen.partner(f, a);
            } else {
                c = gen.value(f);
            }
            long cc = c;
            for (int rm = 0; rm <= 4; rm++) {
                ExactReference r = new ExactReference();
                long expected = unboxedReference(f, r.fma(f, a, b, cc, negProduct, negAddend, rm));
                long ra = operand(f, a);
                long rb = operand(f, b);
                long rc = operand(f, cc);
                check(String.format("%s(%x, %x, %x)", name, a, b, cc), rm, (x, m) -> op.call(x, ra, rb, rc, m),
                    expected, r.flags, (i & 1) == 0);
            }
        }
        assertNoFailures();
    }

    @Test
    void fusedMultiplyAddMatchesReferenceInEveryMode() {
        fused(S, "fmadd_s", FpHelpers::fmadd_s, false, false, 12);
        fused(D, "fmadd_d", FpHelpers::fmadd_d, false, false, 13);
    }

    @Test
    void negatedFusedFormsMatchReferenceInEveryMode() {
        fused(S, "fmsub_s", FpHelpers::fmsub_s, false, true, 14);
        fused(D, "fmsub_d", FpHelpers::fmsub_d, false, true, 15);
        fused(S, "fnmsub_s", FpHelpers::fnmsub_s, true, false, 16);
        fused(D, "fnmsub_d", FpHelpers::fnmsub_d, true, false, 17);
        fused(S, "fnmadd_s", FpHelpers::fnmadd_s, true, true, 18);
        fused(D, "fnmadd_d", FpHelpers::fnmadd_d, true, true, 19);
    }

    @Test
    void conversionsBetweenFormatsMatchReferenceInEveryMode() {
        FloatGen gen = new FloatGen(20);
        for (int i = 0; i < CASES * 2; i++) {
            long d = gen.nextInt(3) == 0
                ? gen.withExponent(D, gen.nextBoolean(), S.emin() - gen.nextInt(30) + (gen.nextBoolean() ? 0 : S.emax() - S.emin() + 25))
                : gen.value(D);
            long s = gen.value(S);
            for (int rm = 0; rm <= 4; rm++) {
                ExactReference r = new ExactReference();
                long expected = box(r.convert(D, S, d, rm));
                check(String.format("fcvt_s_d(%x)", d), rm, (c, m) -> FpHelpers.fcvt_s_d(c, d, m), expected, r.flags,
                    (i & 1) == 0);
                ExactReference r2 = new ExactReference();
                long expected2 = r2.convert(S, D, s, rm);
                check(String.format("fcvt_d_s(%x)", s), rm, (c, m) -> FpHelpers.fcvt_d_s(c, box(s), m), expected2,
                    r2.flags, (i & 1) == 0);
            }
        }
        assertNoFailures();
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Inputs around integers, halves and the saturation bounds of each destination width. */
    private static double integerish(FloatGen gen) {
        double[] bounds = {0, 1, 0x1p31, 0x1p32, 0x1p63, 0x1p64, 0x1p24, 0x1p53, 1e10};
        double base = bounds[gen.nextInt(bounds.length)] * (gen.nextBoolean() ? 1 : -1);
        double[] fractions = {0, 0.5, 0.25, 0.75, -0.5, -0.25, 1.5, 2.5, -1.5};
        double x = base + gen.nextInt(5) - 2 + fractions[gen.nextInt(fractions.length)];
        if (gen.nextInt(4) == 0) {
            x = Math.nextAfter(x, gen.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        }
        return x;
    }

    @Test
    void floatToIntegerConversionsMatchReferenceInEveryMode() {
        BigInteger[][] ranges = {
            {BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)},
            {BigInteger.ZERO, BigInteger.valueOf(0xffffffffL)},
            {BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)},
            {BigInteger.ZERO, TWO_64.subtract(BigInteger.ONE)},
        };
        String[] names = {"w", "wu", "l", "lu"};
        Binary[] singleOps = {(c, a, u, m) -> FpHelpers.fcvt_w_s(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_wu_s(c, a, m),
            (c, a, u, m) -> FpHelpers.fcvt_l_s(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_lu_s(c, a, m)};
        Binary[] doubleOps = {(c, a, u, m) -> FpHelpers.fcvt_w_d(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_wu_d(c, a, m),
            (c, a, u, m) -> FpHelpers.fcvt_l_d(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_lu_d(c, a, m)};
        FloatGen gen = new FloatGen(21);
        for (int i = 0; i < CASES * 2; i++) {
            double x = gen.nextInt(3) == 0 ? Double.longBitsToDouble(gen.value(D)) : integerish(gen);
            long dBits = Double.doubleToRawLongBits(x);
            long sBits = gen.nextInt(8) == 0 ? gen.value(S) : Float.floatToRawIntBits((float) x) & 0xffffffffL;
            for (int k = 0; k < 4; k++) {
                for (int rm = 0; rm <= 4; rm++) {
                    for (Fmt f : new Fmt[] {S, D}) {
                        long in = f == S ? sBits : dBits;
                        ExactReference r = new ExactReference();
                        BigInteger v = r.toInteger(f, in, rm, ranges[k][0], ranges[k][1]);
                        // 32-bit results are sign-extended, wu included.
                        long expected = k < 2 ? (long) v.intValue() : v.longValue();
                        Binary op = (f == S ? singleOps : doubleOps)[k];
                        long reg = operand(f, in);
                        check(String.format("fcvt_%s_%s(%x)", names[k], f == S ? "s" : "d", in), rm,
                            (c, m) -> op.call(c, reg, 0, m), expected, r.flags, (i & 1) == 0);
                    }
                }
            }
        }
        assertNoFailures();
    }

    @Test
    void integerToFloatConversionsMatchReferenceInEveryMode() {
        FloatGen gen = new FloatGen(22);
        for (int i = 0; i < CASES * 2; i++) {
            long v = switch (gen.nextInt(4)) {
                case 0 -> gen.nextLong();
                case 1 -> gen.nextLong() >> gen.nextInt(64);
                // A short significand placed so that its low bits sit at the rounding position.
                case 2 -> (gen.nextLong() >>> (64 - 20 - gen.nextInt(40))) << gen.nextInt(20);
                default -> (gen.nextInt(3) - 1L) + (1L << gen.nextInt(64));
            };
            BigInteger signed64 = BigInteger.valueOf(v);
            BigInteger unsigned64 = signed64.signum() < 0 ? signed64.add(TWO_64) : signed64;
            BigInteger signed32 = BigInteger.valueOf((int) v);
            BigInteger unsigned32 = BigInteger.valueOf(v & 0xffffffffL);
            BigInteger[] sources = {signed32, unsigned32, signed64, unsigned64};
            Binary[] singleOps = {(c, a, u, m) -> FpHelpers.fcvt_s_w(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_s_wu(c, a, m),
                (c, a, u, m) -> FpHelpers.fcvt_s_l(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_s_lu(c, a, m)};
            Binary[] doubleOps = {(c, a, u, m) -> FpHelpers.fcvt_d_w(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_d_wu(c, a, m),
                (c, a, u, m) -> FpHelpers.fcvt_d_l(c, a, m), (c, a, u, m) -> FpHelpers.fcvt_d_lu(c, a, m)};
            for (int k = 0; k < 4; k++) {
                for (int rm = 0; rm <= 4; rm++) {
                    for (Fmt f : new Fmt[] {S, D}) {
                        ExactReference r = new ExactReference();
                        long expected = unboxedReference(f, r.fromInteger(f, sources[k], rm));
                        Binary op = (f == S ? singleOps : doubleOps)[k];
                        check(String.format("fcvt_%s_%d(%x)", f == S ? "s" : "d", k, v), rm,
                            (c, m) -> op.call(c, v, 0, m), expected, r.flags, (i & 1) == 0);
                    }
                }
            }
        }
        assertNoFailures();
    }
}
