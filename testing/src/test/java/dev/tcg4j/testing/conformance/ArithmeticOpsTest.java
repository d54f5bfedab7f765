package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.Outcome;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each arithmetic opcode on every backend, with its operands in globals and with a constant second
 * operand; expected values from the opcode contract (Opcode's javadoc) and 128-bit arithmetic.
 */
class ArithmeticOpsTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** x3 = a OP b, through an EBB temp, with a and b in x1 and x2. */
    static long viaGlobals(Opcode opc, long a, long b) {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp t = e.newTemp();
            e.binary(opc, t, X[1], X[2]);
            e.mov(X[3], t);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(1, a).reg(2, b));
        assertEquals(0, o.exit());
        assertEquals(a, o.reg(1), "input global unchanged");
        return o.reg(3);
    }

    /** x3 = a OP b with b a constant temp. */
    static long viaConstant(Opcode opc, long a, long b) {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.binaryImm(opc, X[3], X[1], b);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        return BackendComparison.run(tb, Ir.state().reg(1, a)).reg(3);
    }

    static long unary(Opcode opc, long a) {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.unary(opc, X[3], X[1]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        return BackendComparison.run(tb, Ir.state().reg(1, a)).reg(3);
    }

    private static void assertBinary(long expected, Opcode opc, long a, long b) {
        assertEquals(expected, viaGlobals(opc, a, b), () -> opc + " via globals");
        assertEquals(expected, viaConstant(opc, a, b), () -> opc + " via constant");
    }

    @ParameterizedTest(name = "{0}({1}, {2}) = {3}")
    @CsvSource({
        "ADD, 0x7fffffffffffffff, 1, 0x8000000000000000",
        "ADD, 5, -7, -2",
        "SUB, 0, 1, -1",
        "SUB, 0x8000000000000000, 1, 0x7fffffffffffffff",
        "MUL, 0x100000001, 0x100000001, 0x200000001",
        "MUL, -3, 7, -21",
        "MULSH, -1, -1, 0",
        "MULSH, -1, 1, -1",
        "MULSH, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000",
        "MULUH, -1, -1, 0xfffffffffffffffe",
        "MULUH, 0x8000000000000000, 2, 1",
        "MULUH, -1, 1, 0",
        "DIV, -7, 2, -3",
        "DIV, 0x8000000000000000, -1, 0x8000000000000000",
        "REM, -7, 2, -1",
        "REM, 7, -2, 1",
        "REM, 0x8000000000000000, -1, 0",
        "DIVU, -1, 2, 0x7fffffffffffffff",
        "DIVU, 100, 7, 14",
        "REMU, -1, 10, 5",
        "REMU, 0x8000000000000000, 3, 2",
        "AND, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f000f000f000f00",
        "OR, 0xff00000000000000, 0xff, 0xff000000000000ff",
        "XOR, -1, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa",
        "SHL, 1, 40, 0x10000000000",
        "SHL, 1, 63, 0x8000000000000000",
        "SHL, 3, 64, 3",
        "SHL, 1, 100, 0x1000000000",
        "SHL, 1, -1, 0x8000000000000000",
        "SHR, 0x8000000000000000, 63, 1",
        "SHR, 0x8000000000000000, 32, 0x80000000",
        "SHR, -1, 33, 0x7fffffff",
        "SHR, -1, 64, -1",
        "SAR, 0x8000000000000000, 63, -1",
        "SAR, 0x8000000000000000, 33, 0xffffffffc0000000",
        "SAR, -256, 68, -16",
    })
    void computesBinaryOpsPerTheOpcodeContract(Opcode opc, String a, String b, String expected) {
        assertBinary(parse(expected), opc, parse(a), parse(b));
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource({
        "MOV, 0x123456789abcdef0, 0x123456789abcdef0",
        "NOT, 0, -1",
        "NOT, 0x00ff00ff00ff00ff, 0xff00ff00ff00ff00",
        "NEG, 1, -1",
        "NEG, 0x8000000000000000, 0x8000000000000000",
        "EXT8S, 0x123456789abcdef0, 0xfffffffffffffff0",
        "EXT8S, 0x7f, 0x7f",
        "EXT8U, 0x123456789abcdef0, 0xf0",
        "EXT16S, 0x123456789abcdef0, 0xffffffffffffdef0",
        "EXT16S, 0x7fff, 0x7fff",
        "EXT16U, 0x123456789abcdef0, 0xdef0",
        "EXT32S, 0x123456789abcdef0, 0xffffffff9abcdef0",
        "EXT32S, 0xffffffff12345678, 0x12345678",
        "EXT32U, 0x123456789abcdef0, 0x9abcdef0",
    })
    void computesUnaryOpsPerTheOpcodeContract(Opcode opc, String a, String expected) {
        assertEquals(parse(expected), unary(opc, parse(a)));
    }

    @Test
    void unsignedProductsAndQuotientsMatch128BitArithmetic() {
        Random r = new Random(42);
        for (int i = 0; i < 8; i++) {
            long a = r.nextLong() | Long.MIN_VALUE;
            long b = r.nextLong() | Long.MIN_VALUE;
            BigInteger ua = unsigned(a);
            BigInteger ub = unsigned(b);
            assertEquals(ua.multiply(ub).shiftRight(64).longValue(), viaGlobals(Opcode.MULUH, a, b));
            assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).shiftRight(64).longValue(),
                    viaGlobals(Opcode.MULSH, a, b));
            long d = r.nextLong() >>> 20 | 1;
            assertEquals(ua.divide(unsigned(d)).longValue(), viaGlobals(Opcode.DIVU, a, d));
            assertEquals(ua.mod(unsigned(d)).longValue(), viaGlobals(Opcode.REMU, a, d));
        }
    }

    /**
     * x3 = x1 / x2 and x4 = x1 % x2 guarded as the RISC-V frontend guards them (QEMU's gen_div and
     * gen_rem): a zero divisor or MIN / -1 divides by 1, a zero divisor makes the quotient all ones
     * and the remainder the dividend. Both directions of the guard's movconds are taken here.
     */
    private static TranslationBlock guardedSignedDivision() {
        return Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp zero = e.newTemp();
            e.setcond(Cond.EQ, zero, X[2], e.constant(0));
            Temp overflow = e.newTemp();
            e.setcond(Cond.EQ, overflow, X[1], e.constant(Long.MIN_VALUE));
            Temp minusOne = e.newTemp();
            e.setcond(Cond.EQ, minusOne, X[2], e.constant(-1));
            e.and(overflow, overflow, minusOne);
            Temp special = e.newTemp();
            e.or(special, zero, overflow);
            Temp divisor = e.newTemp();
            e.movcond(Cond.NE, divisor, special, e.constant(0), e.constant(1), X[2]);
            Temp dividend = e.newTemp();
            e.movcond(Cond.NE, dividend, zero, e.constant(0), e.constant(-1), X[1]);
            e.binary(Opcode.DIV, X[3], dividend, divisor);
            Temp r = e.newTemp();
            e.binary(Opcode.REM, r, X[1], divisor);
            e.movcond(Cond.EQ, X[4], X[2], e.constant(0), X[1], r);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
    }

    /** The unsigned form: a zero divisor divides by 1 with an all-ones dividend. */
    private static TranslationBlock guardedUnsignedDivision() {
        return Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp divisor = e.newTemp();
            e.movcond(Cond.EQ, divisor, X[2], e.constant(0), e.constant(1), X[2]);
            Temp dividend = e.newTemp();
            e.movcond(Cond.EQ, dividend, X[2], e.constant(0), e.constant(-1), X[1]);
            e.binary(Opcode.DIVU, X[3], dividend, divisor);
            Temp r = e.newTemp();
            e.binary(Opcode.REMU, r, X[1], divisor);
            e.movcond(Cond.EQ, X[4], X[2], e.constant(0), X[1], r);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
    }

    /** The RISC-V M table (ISA manual, "Division by zero and overflow"). */
    @ParameterizedTest(name = "{0} / {1}: div {2} rem {3}, divu {4} remu {5}")
    @CsvSource({
        "7, 0, -1, 7, -1, 7",
        "-7, 0, -1, -7, -1, -7",
        "0x8000000000000000, -1, 0x8000000000000000, 0, 0, 0x8000000000000000",
        "-7, 2, -3, -1, 0x7ffffffffffffffc, 1",
        "100, 7, 14, 2, 14, 2",
    })
    void divisionGuardedAsTheFrontendGuardsItFollowsTheRiscvTable(String a, String b, String div, String rem,
            String divu, String remu) {
        Outcome signed = BackendComparison.run(guardedSignedDivision(), Ir.state().reg(1, parse(a)).reg(2, parse(b)));
        assertEquals(parse(div), signed.reg(3), "div");
        assertEquals(parse(rem), signed.reg(4), "rem");
        Outcome unsigned = BackendComparison.run(guardedUnsignedDivision(),
                Ir.state().reg(1, parse(a)).reg(2, parse(b)));
        assertEquals(parse(divu), unsigned.reg(3), "divu");
        assertEquals(parse(remu), unsigned.reg(4), "remu");
    }

    /** The IR leaves an unguarded zero divisor undefined; on the JVM backends it throws alike. */
    @Test
    void unguardedDivisionByZeroFailsAlikeOnEveryBackend() {
        for (Opcode opc : new Opcode[] {Opcode.DIV, Opcode.DIVU, Opcode.REM, Opcode.REMU}) {
            TranslationBlock tb = Ir.block(0x1000, e -> {
                e.insnStart(0x1000);
                e.binary(opc, X[3], X[1], X[2]);
                e.movi(PC, 0x1004);
                e.exitTb(0);
            });
            Outcome o = BackendComparison.run(tb, Ir.state().reg(1, 5));
            assertInstanceOf(ArithmeticException.class, o.thrown(), opc::toString);
        }
    }

    /** RV64's word ops: the 64-bit result through a temp, then sign-extended from bit 31. */
    @ParameterizedTest(name = "{0}w({1}, {2}) = {3}")
    @CsvSource({
        "ADD, 0x7fffffff, 1, 0xffffffff80000000",
        "ADD, 0x1234567800000005, 0x10, 0x15",
        "SUB, 0, 1, -1",
        "SUB, 0x80000000, 1, 0x7fffffff",
        "MUL, 0x10000, 0x10000, 0",
        "MUL, 0xffff, 0x10001, 0xffffffffffffffff",
    })
    void wordOpsSignExtendTheirLow32Bits(Opcode opc, String a, String b, String expected) {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp t = e.newTemp();
            e.binary(opc, t, X[1], X[2]);
            e.ext32s(X[3], t);
            Temp u = e.newTemp();
            e.binaryImm(opc, u, X[1], parse(b));
            e.ext32s(X[4], u);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(1, parse(a)).reg(2, parse(b)));
        assertEquals(parse(expected), o.reg(3));
        assertEquals(parse(expected), o.reg(4));
    }

    /** The same shape where the temp is read again: its 64-bit value must still be there. */
    @Test
    void aWordOpsTempReadAgainKeepsAll64Bits() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp t = e.newTemp();
            e.add(t, X[1], X[2]);
            e.ext32s(X[3], t);
            e.mov(X[4], t);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(1, 0x1_0000_0000L).reg(2, 0x8000_0000L));
        assertEquals(0xffff_ffff_8000_0000L, o.reg(3));
        assertEquals(0x1_8000_0000L, o.reg(4));
    }

    @Test
    void anOpMayReadAndWriteTheSameTemp() {
        TbBuilder e = Ir.builder(0x1000);
        e.insnStart(0x1000);
        e.add(X[1], X[1], X[1]);
        e.binary(Opcode.MUL, X[1], X[1], X[1]);
        e.sub(X[2], X[1], X[1]);
        e.movi(PC, 0x1004);
        e.exitTb(0);
        Outcome o = BackendComparison.run(e.build(), Ir.state().reg(1, 3).reg(2, 9));
        assertEquals(36, o.reg(1));
        assertEquals(0, o.reg(2));
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v);
        return v < 0 ? b.add(TWO_64) : b;
    }

    static long parse(String s) {
        s = s.trim();
        if (s.startsWith("0x")) {
            return Long.parseUnsignedLong(s.substring(2), 16);
        }
        return Long.parseLong(s);
    }
}
