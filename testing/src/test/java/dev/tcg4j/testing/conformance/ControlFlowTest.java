package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.PC_SLOT;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.PluginMarker;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.Outcome;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Conditions, labels, branches, exits and the skipping of unreachable ops, on every backend. */
class ControlFlowTest {
    private static final long[] VALUES = {0, 1, -1, 5, Long.MIN_VALUE, Long.MAX_VALUE};

    /** The expected truth of a condition, from signed and unsigned 128-bit comparisons. */
    private static boolean expected(Cond c, long a, long b) {
        int s = BigInteger.valueOf(a).compareTo(BigInteger.valueOf(b));
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        BigInteger ua = a < 0 ? BigInteger.valueOf(a).add(two64) : BigInteger.valueOf(a);
        BigInteger ub = b < 0 ? BigInteger.valueOf(b).add(two64) : BigInteger.valueOf(b);
        int u = ua.compareTo(ub);
        return switch (c) {
            case NEVER -> false;
            case ALWAYS -> true;
            case EQ -> s == 0;
            case NE -> s != 0;
            case LT -> s < 0;
            case GE -> s >= 0;
            case LE -> s <= 0;
            case GT -> s > 0;
            case LTU -> u < 0;
            case GEU -> u >= 0;
            case LEU -> u <= 0;
            case GTU -> u > 0;
        };
    }

    /** One block per condition computing setcond, movcond and brcond for every pair of edge values. */
    @ParameterizedTest
    @EnumSource(Cond.class)
    void evaluatesConditionsInSetcondMovcondAndBrcond(Cond c) {
        TranslationBlock tb = Ir.block(0x2000, e -> {
            e.insnStart(0x2000);
            e.setcond(c, X[3], X[1], X[2]);
            e.movcond(c, X[4], X[1], X[2], X[5], X[6]);
            Label taken = e.newLabel();
            Label join = e.newLabel();
            e.movi(X[7], 100);
            e.brcond(c, X[1], X[2], taken);
            e.movi(X[7], 200);
            e.br(join);
            e.setLabel(taken);
            e.movi(X[7], 300);
            e.setLabel(join);
            // the same conditions against a constant right operand
            e.setcond(c, X[8], X[1], e.constant(5));
            e.movcond(c, X[9], e.constant(5), X[2], X[5], e.constant(33));
            e.movi(PC, 0x2004);
            e.exitTb(0);
        });
        for (long a : VALUES) {
            for (long b : VALUES) {
                Outcome o = BackendComparison.run(tb, Ir.state().reg(1, a).reg(2, b).reg(5, 11).reg(6, 22));
                assertEquals(0, o.exit());
                boolean want = expected(c, a, b);
                String what = c + "(" + a + ", " + b + ")";
                assertEquals(want ? 1 : 0, o.reg(3), "setcond " + what);
                assertEquals(want ? 11 : 22, o.reg(4), "movcond " + what);
                assertEquals(want ? 300 : 200, o.reg(7), "brcond " + what);
                assertEquals(expected(c, a, 5) ? 1 : 0, o.reg(8), "setcond vs constant " + what);
                assertEquals(expected(c, 5, b) ? 11 : 33, o.reg(9), "movcond of constants " + what);
            }
        }
    }

    @Test
    void returnsTheGotoTbSlotOfTheExitTakenWithThePcGlobalSet() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            Label notTaken = e.newLabel();
            e.brcond(Cond.NE, X[1], X[2], notTaken);
            e.movi(PC, 0x4000);
            e.gotoTb(1);
            e.setLabel(notTaken);
            e.movi(PC, 0x3004);
            e.gotoTb(0, 0x3004);
        });
        Outcome taken = BackendComparison.run(tb, Ir.state().reg(1, 9).reg(2, 9));
        assertEquals(1, taken.exit());
        assertEquals(0x4000, taken.reg(PC_SLOT));
        Outcome fallthrough = BackendComparison.run(tb, Ir.state().reg(1, 9));
        assertEquals(0, fallthrough.exit());
        assertEquals(0x3004, fallthrough.reg(PC_SLOT));
    }

    @Test
    void returnsTheExitTbCodeAndLookupForGotoPtr() {
        TranslationBlock syscall = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.movi(PC, 0x3000);
            e.exitTb(ExitCodes.SYSCALL);
        });
        Outcome o = BackendComparison.run(syscall, Ir.state());
        assertEquals(ExitCodes.SYSCALL, o.exit());
        assertEquals(0x3000, o.reg(PC_SLOT));

        // a goto_ptr to the block's own pc leaves too: only a region stays inside on goto_ptr
        TranslationBlock jalr = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.andi(PC, X[1], -2);
            e.gotoPtr(PC);
        });
        for (long target : new long[] {0x5001, 0x3000}) {
            Outcome j = BackendComparison.run(jalr, Ir.state().reg(1, target));
            assertEquals(ExitCodes.LOOKUP, j.exit());
            assertEquals(target & -2, j.reg(PC_SLOT));
        }
    }

    @Test
    void skipsOpsAfterAnExitAndIgnoresLeftoverPluginMarkers() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.pluginMarker(PluginMarker.FROM_TB);
            e.insnStart(0x3000);
            e.pluginMarker(PluginMarker.FROM_INSN);
            e.movi(X[1], 1);
            e.pluginMem(X[1], X[1], MemOp.UQ.meminfo(false));
            e.movi(PC, 0x3004);
            e.gotoTb(0);
            // unreachable: nothing jumps here, and it reads an EBB temp that no path defines
            e.pluginMarker(PluginMarker.AFTER_INSN);
            Temp undefined = e.newTemp();
            e.mov(X[2], undefined);
            e.exitTb(7);
        });
        Outcome o = BackendComparison.run(tb, Ir.state());
        assertEquals(0, o.exit());
        assertEquals(1, o.reg(1));
        assertEquals(0, o.reg(2));
    }

    @Test
    void keepsCodeAfterAnExitWhenALabelThereIsBranchedTo() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            Label far = e.newLabel();
            e.brcond(Cond.ALWAYS, X[1], X[1], far);
            e.movi(X[2], 1); // unreachable
            e.exitTb(9);
            e.setLabel(far);
            e.movi(X[2], 2);
            e.brcond(Cond.NEVER, X[1], X[1], far);
            e.movi(PC, 0x3004);
            e.exitTb(ExitCodes.INTERRUPT);
        });
        Outcome o = BackendComparison.run(tb, Ir.state());
        assertEquals(ExitCodes.INTERRUPT, o.exit());
        assertEquals(2, o.reg(2));
    }

    @Test
    void branchesBackwardsToALabelAfterAnExit() {
        // the label after the exit is reached only by the later backward branch
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            Label back = e.newLabel();
            Label loop = e.newLabel();
            e.br(loop);
            e.setLabel(back);
            e.addi(X[3], X[3], 100);
            e.movi(PC, 0x3004);
            e.exitTb(0);
            e.setLabel(loop);
            e.addi(X[1], X[1], -1);
            e.brcond(Cond.EQ, X[1], e.constant(0), back);
            e.addi(X[3], X[3], 1);
            e.br(loop);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(1, 5));
        assertEquals(0, o.exit());
        assertEquals(104, o.reg(3));
    }

    @Test
    void tbTempsKeepTheirValueAcrossLabels() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            Temp acc = e.newTbTemp();
            e.movi(acc, 0);
            Label loop = e.newLabel();
            e.setLabel(loop);
            e.add(acc, acc, X[1]);
            e.addi(X[2], X[2], -1);
            e.brcond(Cond.NE, X[2], e.constant(0), loop);
            e.mov(X[3], acc);
            e.movi(PC, 0x3004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(1, 7).reg(2, 6));
        assertEquals(42, o.reg(3));
        assertEquals(0, o.reg(2));
    }

    /** Within an extended basic block an EBB temp survives a conditional branch on the fall-through path. */
    @Test
    void ebbTempsLiveOnTheFallThroughOfAConditionalBranch() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            Temp t = e.newTemp();
            e.addi(t, X[1], 10);
            Label skip = e.newLabel();
            e.brcond(Cond.EQ, X[2], e.constant(0), skip);
            e.mov(X[3], t);
            e.setLabel(skip);
            e.movi(PC, 0x3004);
            e.exitTb(0);
        });
        assertEquals(15, BackendComparison.run(tb, Ir.state().reg(1, 5).reg(2, 1)).reg(3));
        assertEquals(0, BackendComparison.run(tb, Ir.state().reg(1, 5)).reg(3));
    }

    @Test
    void instructionsThatEmitNothingChangeNothing() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.insnStart(0x3002);
            e.mov(X[1], X[1]);
            e.insnStart(0x3004);
            e.movi(PC, 0x3008);
            e.exitTb(ExitCodes.LOOKUP);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(1, 77));
        assertEquals(ExitCodes.LOOKUP, o.exit());
        assertEquals(77, o.reg(1));
        assertEquals(0x3008, o.reg(PC_SLOT));
    }

    @Test
    void refusesABlockThatFallsOffItsEnd() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.movi(X[1], 1);
        });
        assertInstanceOf(IllegalArgumentException.class, BackendComparison.run(tb, Ir.state()).thrown());
    }

    @Test
    void refusesAnOpThatWritesAConstant() {
        TranslationBlock tb = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.mov(e.constant(4), X[1]);
            e.exitTb(0);
        });
        assertInstanceOf(IllegalArgumentException.class, BackendComparison.run(tb, Ir.state()).thrown());
    }
}
