package dev.tcg4j.frontend.riscv.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TranslationBlock;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the IR of single instructions on chosen operands. Expected values are the ISA
 * manual's: division by zero gives all ones (quotient) and the dividend (remainder), signed
 * overflow gives MIN and 0; W forms work on the low words and sign-extend.
 */
class ArithmeticSemanticsTest {
    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A2 = 12;
    private static final long MIN = Long.MIN_VALUE;
    private static final long MIN32 = Integer.MIN_VALUE;

    private final Blocks blocks = new Blocks();

    private long run(Insn insn, long rs1, long rs2) {
        int word = insn.match() | (A0 << 7) | (A1 << 15) | (A2 << 20);
        return evaluate(word, rs1, rs2)[A0];
    }

    private long[] evaluate(int word, long rs1, long rs2) {
        TranslationBlock tb = blocks.block(word & 0xffffffffL);
        long[] regs = new long[RiscvArch.SLOTS];
        regs[A1] = rs1;
        regs[A2] = rs2;
        StraightLineEvaluator eval = new StraightLineEvaluator(regs);
        Op stop = eval.run(tb.ops());
        assertEquals(Opcode.GOTO_TB, stop.opcode(), "straight-line code up to the fall-through exit");
        return regs;
    }

    @Test
    void divisionByZeroGivesAllOnesAndTheDividendAsRemainder() {
        assertEquals(-1, run(Insn.DIV, 42, 0));
        assertEquals(-1, run(Insn.DIVU, 42, 0));
        assertEquals(42, run(Insn.REM, 42, 0));
        assertEquals(-42, run(Insn.REMU, -42, 0));
        assertEquals(-1, run(Insn.DIVW, 42, 0));
        assertEquals(-1, run(Insn.DIVUW, 42, 0));
        assertEquals(-7, run(Insn.REMW, 0x1234_5678_ffff_fff9L, 0xffff_0000_0000_0000L));
        assertEquals(0xffff_ffff_8000_0000L, run(Insn.REMUW, 0x8000_0000L, 0));
    }

    @Test
    void signedOverflowGivesMinAndZero() {
        assertEquals(MIN, run(Insn.DIV, MIN, -1));
        assertEquals(0, run(Insn.REM, MIN, -1));
        assertEquals(MIN32, run(Insn.DIVW, MIN32, -1));
        assertEquals(0, run(Insn.REMW, MIN32, -1));
    }

    @Test
    void ordinaryDivisionRoundsTowardZero() {
        assertEquals(-3, run(Insn.DIV, -7, 2));
        assertEquals(-1, run(Insn.REM, -7, 2));
        assertEquals(Long.divideUnsigned(-7, 2), run(Insn.DIVU, -7, 2));
        assertEquals(-3, run(Insn.DIVW, 0x7777_0000_ffff_fff9L, 2)); // low word -7
        assertEquals(0x7fff_fffcL, run(Insn.DIVUW, 0xffff_fff9L, 2));
        assertEquals(1, run(Insn.REMUW, 0xffff_fff9L, 2));
    }

    @Test
    void highMultipliesMatchOneHundredTwentyEightBitProducts() {
        long[][] cases = {{-3, 5}, {MIN, -1}, {-1, -1}, {0x1234_5678_9abc_def0L, 0xfedc_ba98_7654_3210L}, {7, MIN}};
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        for (long[] c : cases) {
            BigInteger s1 = BigInteger.valueOf(c[0]);
            BigInteger s2 = BigInteger.valueOf(c[1]);
            BigInteger u1 = s1.signum() < 0 ? s1.add(twoTo64) : s1;
            BigInteger u2 = s2.signum() < 0 ? s2.add(twoTo64) : s2;
            assertEquals(s1.multiply(s2).shiftRight(64).longValue(), run(Insn.MULH, c[0], c[1]));
            assertEquals(u1.multiply(u2).shiftRight(64).longValue(), run(Insn.MULHU, c[0], c[1]));
            assertEquals(s1.multiply(u2).shiftRight(64).longValue(), run(Insn.MULHSU, c[0], c[1]));
        }
    }

    @Test
    void wordOperationsSignExtendTheirLowWord() {
        assertEquals(MIN32, run(Insn.ADDW, 0x7fff_ffffL, 1));
        assertEquals(0x7fff_ffffL, run(Insn.SUBW, MIN32, 1));
        assertEquals(MIN32, run(Insn.MULW, 0x4000_0000L, 2));
    }

    @Test
    void shiftsMaskTheirCount() {
        assertEquals(2, run(Insn.SLL, 1, 65));
        assertEquals(MIN, run(Insn.SLL, 1, 63));
        assertEquals(-1, run(Insn.SRA, MIN, 127));
        assertEquals(2, run(Insn.SLLW, 1, 33));
        assertEquals(MIN32, run(Insn.SLLW, 1, 31));
        assertEquals(1, run(Insn.SRLW, 0xffff_ffff_8000_0000L, 31));
        assertEquals(0xffff_ffff_8000_0000L, run(Insn.SRLW, 0x1234_5678_8000_0000L, 32)); // count 0
        assertEquals(-1, run(Insn.SRAW, 0x0000_0000_8000_0000L, 63));
        assertEquals(1, run(Insn.SLTU, 5, -1));
        assertEquals(0, run(Insn.SLT, 5, -1));
    }

    @Test
    void immediateWordShiftsWorkOnTheLowWord() {
        // srliw a0,a1,0 sign-extends the low word; sraiw a0,a1,4; slliw a0,a1,31
        assertEquals(0xffff_ffff_8000_0000L, evaluate(0x0005d51b, 0x1_8000_0000L, 0)[A0]);
        assertEquals(0xffff_ffff_f800_0000L, evaluate(0x4045d51b, 0x8000_0000L, 0)[A0]);
        assertEquals(MIN32, evaluate(0x01f5951b, 0x3, 0)[A0]);
    }

    @Test
    void fcsrReadsComposeFrmAndFflagsAndWritesSplitThem() {
        TranslationBlock tb = blocks.block(0x00359573L); // csrrw a0,fcsr,a1
        long[] regs = new long[RiscvArch.SLOTS];
        regs[RiscvArch.FRM] = 3;
        regs[RiscvArch.FFLAGS] = 0x05;
        regs[A1] = 0xfff_ff8aL; // frm 4, fflags 0x0a, upper bits ignored
        new StraightLineEvaluator(regs).run(tb.ops());
        assertEquals(0x65, regs[A0]);
        assertEquals(4, regs[RiscvArch.FRM]);
        assertEquals(0x0a, regs[RiscvArch.FFLAGS]);
    }

    @Test
    void setAndClearCsrBitsReturnTheOldValue() {
        long[] regs = new long[RiscvArch.SLOTS];
        regs[RiscvArch.FFLAGS] = 0x01;
        regs[A1] = 0x30; // only the low five bits reach fflags
        new StraightLineEvaluator(regs).run(blocks.block(0x0015a573L).ops()); // csrrs a0,fflags,a1
        assertEquals(0x01, regs[A0]);
        assertEquals(0x11, regs[RiscvArch.FFLAGS]);

        regs[RiscvArch.FRM] = 7;
        new StraightLineEvaluator(regs).run(blocks.block(0x0021f573L).ops()); // csrrci a0,frm,3
        assertEquals(7, regs[A0]);
        assertEquals(4, regs[RiscvArch.FRM]);
    }

    @Test
    void floatBitMovesBoxAndSignExtend() {
        long[] regs = new long[RiscvArch.SLOTS];
        regs[A1] = 0x1234_5678_8765_4321L;
        new StraightLineEvaluator(regs).run(blocks.block(0xf0058553L).ops()); // fmv.w.x fa0,a1
        assertEquals(0xffff_ffff_8765_4321L, regs[RiscvArch.F0 + 10]);
        regs[RiscvArch.F0 + 10] = 0x0000_0000_8000_0001L;
        new StraightLineEvaluator(regs).run(blocks.block(0xe0050553L).ops()); // fmv.x.w a0,fa0
        assertEquals(0xffff_ffff_8000_0001L, regs[A0]);
    }
}
