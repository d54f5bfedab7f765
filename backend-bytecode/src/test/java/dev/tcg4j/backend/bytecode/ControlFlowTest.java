package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.PC_SLOT;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.PluginMarker;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Conditions, labels, branches, exits and the skipping of unreachable ops. */
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

    static Stream<Arguments> everyConditionOnEdgeValues() {
        List<Arguments> args = new ArrayList<>();
        for (Cond c : Cond.values()) {
            args.add(Arguments.of(c));
        }
        return args.stream();
    }

    /** One block per condition computing setcond, movcond and brcond for every pair of edge values. */
    @ParameterizedTest
    @MethodSource("everyConditionOnEdgeValues")
    void evaluatesConditionsInSetcondMovcondAndBrcond(Cond c) {
        TranslationBlock tb = Harness.block(0x2000, e -> {
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
            e.movi(PC, 0x2004);
            e.exitTb(0);
        });
        var block = Harness.compile(tb);
        for (long a : VALUES) {
            for (long b : VALUES) {
                CpuState cpu = Harness.cpu();
                cpu.regs[1] = a;
                cpu.regs[2] = b;
                cpu.regs[5] = 11;
                cpu.regs[6] = 22;
                assertEquals(0, block.execute(cpu));
                boolean want = expected(c, a, b);
                String what = c + "(" + a + ", " + b + ")";
                assertEquals(want ? 1 : 0, cpu.regs[3], "setcond " + what);
                assertEquals(want ? 11 : 22, cpu.regs[4], "movcond " + what);
                assertEquals(want ? 300 : 200, cpu.regs[7], "brcond " + what);
                assertEquals(expected(c, a, 5) ? 1 : 0, cpu.regs[8], "setcond vs constant " + what);
            }
        }
    }

    @Test
    void returnsTheGotoTbSlotOfTheExitTakenWithThePcGlobalSet() {
        TranslationBlock tb = Harness.block(0x3000, e -> {
            e.insnStart(0x3000);
            Label notTaken = e.newLabel();
            e.brcond(Cond.NE, X[1], X[2], notTaken);
            e.movi(PC, 0x4000);
            e.gotoTb(1);
            e.setLabel(notTaken);
            e.movi(PC, 0x3004);
            e.gotoTb(0);
        });
        var block = Harness.compile(tb);
        CpuState taken = Harness.cpu();
        taken.regs[1] = 9;
        taken.regs[2] = 9;
        assertEquals(1, block.execute(taken));
        assertEquals(0x4000, taken.regs[PC_SLOT]);
        CpuState fallthrough = Harness.cpu();
        fallthrough.regs[1] = 9;
        assertEquals(0, block.execute(fallthrough));
        assertEquals(0x3004, fallthrough.regs[PC_SLOT]);
    }

    @Test
    void returnsTheExitTbCodeAndLookupForGotoPtr() {
        var syscall = Harness.compile(Harness.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.movi(PC, 0x3000);
            e.exitTb(ExitCodes.SYSCALL);
        }));
        CpuState cpu = Harness.cpu();
        assertEquals(ExitCodes.SYSCALL, syscall.execute(cpu));
        assertEquals(0x3000, cpu.regs[PC_SLOT]);

        var jalr = Harness.compile(Harness.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.andi(PC, X[1], -2);
            e.gotoPtr(PC);
        }));
        CpuState cpu2 = Harness.cpu();
        cpu2.regs[1] = 0x5001;
        assertEquals(ExitCodes.LOOKUP, jalr.execute(cpu2));
        assertEquals(0x5000, cpu2.regs[PC_SLOT]);
    }

    @Test
    void skipsOpsAfterAnExitAndIgnoresLeftoverPluginMarkers() {
        TranslationBlock tb = Harness.block(0x3000, e -> {
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
        CpuState cpu = Harness.cpu();
        assertEquals(0, Harness.compile(tb).execute(cpu));
        assertEquals(1, cpu.regs[1]);
        assertEquals(0, cpu.regs[2]);
    }

    @Test
    void keepsCodeAfterAnExitWhenALabelThereIsBranchedTo() {
        TranslationBlock tb = Harness.block(0x3000, e -> {
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
        CpuState cpu = Harness.cpu();
        assertEquals(ExitCodes.INTERRUPT, Harness.compile(tb).execute(cpu));
        assertEquals(2, cpu.regs[2]);
    }

    @Test
    void tbTempsKeepTheirValueAcrossLabels() {
        TranslationBlock tb = Harness.block(0x3000, e -> {
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
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 7;
        cpu.regs[2] = 6;
        Harness.compile(tb).execute(cpu);
        assertEquals(42, cpu.regs[3]);
        assertEquals(0, cpu.regs[2]);
    }

    @Test
    void refusesABlockThatFallsOffItsEnd() {
        TranslationBlock tb = Harness.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.movi(X[1], 1);
        });
        assertThrows(IllegalArgumentException.class, () -> Harness.BACKEND.compile(tb));
    }
}
