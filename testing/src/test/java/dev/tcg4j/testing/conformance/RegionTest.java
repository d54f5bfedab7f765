package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.PC_SLOT;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.CompiledRegion;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.testing.AllBackends;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.Outcome;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** compileRegion: several blocks in one unit, jumping to each other without leaving it. */
class RegionTest {
    private static final long A = 0x1000;
    private static final long B = 0x1010;
    private static final long AFTER = 0x1018;
    /** Never mapped. */
    private static final long UNMAPPED = 0x7_6000;

    /**
     * A: x2 += x1; if x1 is odd, x3 += 1; goto B. B: x1 -= 1; if x1 != 0 goto A, else leave by an
     * exit_tb with the syscall code, as an ecall after the loop would.
     */
    private static List<TranslationBlock> countdownWithIf() {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            e.add(X[2], X[2], X[1]);
            e.insnStart(A + 4);
            Temp odd = e.newTemp();
            e.andi(odd, X[1], 1);
            Label even = e.newLabel();
            e.brcond(Cond.EQ, odd, e.constant(0), even);
            e.insnStart(A + 8);
            e.addi(X[3], X[3], 1);
            e.setLabel(even);
            e.movi(PC, B);
            e.gotoTb(0, B);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            e.addi(X[1], X[1], -1);
            e.insnStart(B + 4);
            Label done = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), done);
            e.movi(PC, A);
            e.gotoTb(0, A);
            e.setLabel(done);
            e.movi(PC, AFTER);
            e.exitTb(ExitCodes.SYSCALL);
        });
        return List.of(a, b);
    }

    @Test
    void runsATwoBlockLoopToItsExitInOneExecute() {
        long n = 100_000;
        Outcome o = BackendComparison.runRegion(countdownWithIf(), 0, Ir.state().reg(1, n));
        assertEquals(ExitCodes.SYSCALL, o.exit());
        long sum = 0;
        long odd = 0;
        for (long i = n; i != 0; i--) {
            sum += i;
            odd += i & 1;
        }
        assertEquals(sum, o.reg(2));
        assertEquals(odd, o.reg(3));
        assertEquals(0, o.reg(1));
        assertEquals(AFTER, o.reg(PC_SLOT));
    }

    @ParameterizedTest
    @AllBackends
    void namesTheRegionByItsEntryBlocksAndInstructions(Backend backend) {
        ExecutableBlock region = backend.compileRegion(countdownWithIf()).entries().get(0);
        assertTrue(region.toString().startsWith("region@0x1000[2 blocks"), region.toString());
    }

    @Test
    void gotoTbToABlockOutsideTheRegionReturnsItsRegionExitNotTheSlot() {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            e.movi(X[4], 4);
            e.movi(PC, B);
            e.gotoTb(1, B);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            e.addi(X[4], X[4], 1);
            e.movi(PC, 0x3000);
            e.gotoTb(1, 0x3000);
        });
        Outcome o = BackendComparison.runRegion(List.of(a, b), 0, Ir.state());
        assertEquals(ExitCodes.regionExit(0), o.exit());
        assertEquals(0x3000, o.reg(PC_SLOT));
        assertEquals(5, o.reg(4));

        // a goto_tb without a static target and a goto_ptr leave by lookup too
        TranslationBlock c = Ir.block(B, e -> {
            e.insnStart(B);
            Label indirect = e.newLabel();
            e.brcond(Cond.NE, X[4], e.constant(0), indirect);
            e.movi(PC, 0x3004);
            e.gotoTb(0);
            e.setLabel(indirect);
            e.mov(PC, X[4]);
            e.gotoPtr(PC);
        });
        Outcome viaPtr = BackendComparison.runRegion(List.of(a, c), 0, Ir.state());
        assertEquals(ExitCodes.LOOKUP, viaPtr.exit());
        assertEquals(4, viaPtr.reg(PC_SLOT));
        Outcome viaGotoTb = BackendComparison.runRegion(List.of(a, c), 1, Ir.state());
        assertEquals(ExitCodes.LOOKUP, viaGotoTb.exit());
        assertEquals(0x3004, viaGotoTb.reg(PC_SLOT));
    }

    /**
     * A leaves to 0x3000 or goes to B; B leaves to 0x3004 or 0x3008. The exits to non-members are
     * numbered in member order, then op order; a goto_tb to a member is no exit.
     */
    @ParameterizedTest
    @AllBackends
    void chainableExitsAreNumberedInMemberThenOpOrder(Backend backend) {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            Label out = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), out);
            e.movi(PC, B);
            e.gotoTb(0, B);
            e.setLabel(out);
            e.movi(PC, 0x3000);
            e.gotoTb(1, 0x3000);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            Label second = e.newLabel();
            e.brcond(Cond.EQ, X[2], e.constant(0), second);
            e.movi(PC, 0x3004);
            e.gotoTb(0, 0x3004);
            e.setLabel(second);
            e.movi(PC, 0x3008);
            e.gotoTb(1, 0x3008);
        });
        CompiledRegion region = backend.compileRegion(List.of(a, b));
        assertEquals(3, region.chainableExits());
        List<ExecutableBlock> entries = region.entries();
        long[][] cases = {{0, 0, 0x3000, 0}, {1, 1, 0x3004, 1}, {1, 0, 0x3008, 2}};
        for (long[] c : cases) {
            CpuState cpu = Ir.state().reg(1, c[0]).reg(2, c[1]).newCpu();
            assertEquals(ExitCodes.regionExit((int) c[3]), entries.get(0).execute(cpu));
            assertEquals(c[2], cpu.regs[PC_SLOT]);
        }
        // entered at B, A never runs
        CpuState atB = Ir.state().reg(2, 1).newCpu();
        assertEquals(ExitCodes.regionExit(1), entries.get(1).execute(atB));
        assertEquals(0x3004, atB.regs[PC_SLOT]);
    }

    /** An unreachable goto_tb leaving the region still takes its number. */
    @ParameterizedTest
    @AllBackends
    void unreachableExitsAreNumberedToo(Backend backend) {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            e.movi(PC, 0x3000);
            e.gotoTb(0, 0x3000);
            e.movi(PC, 0x3004);
            e.gotoTb(1, 0x3004);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            e.movi(PC, 0x3008);
            e.gotoTb(0, 0x3008);
        });
        CompiledRegion region = backend.compileRegion(List.of(a, b));
        assertEquals(3, region.chainableExits());
        assertEquals(ExitCodes.regionExit(2), region.entries().get(1).execute(Ir.state().newCpu()));
    }

    /** A calls B through a goto_tb; B returns through a goto_ptr to A's pc, a member: the loop stays inside. */
    @Test
    void gotoPtrToAMemberStaysInsideTheRegion() {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            e.addi(X[3], X[3], 1);
            Label out = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), out);
            e.movi(X[5], A); // the "return address"
            e.movi(PC, B);
            e.gotoTb(0, B);
            e.setLabel(out);
            e.movi(PC, AFTER);
            e.gotoTb(1, AFTER);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            e.addi(X[1], X[1], -1);
            e.mov(PC, X[5]);
            e.gotoPtr(PC);
        });
        Outcome o = BackendComparison.runRegion(List.of(a, b), 0, Ir.state().reg(1, 100));
        assertEquals(ExitCodes.regionExit(0), o.exit());
        assertEquals(101, o.reg(3), "A ran once per call of B, and once more to leave");
        assertEquals(AFTER, o.reg(PC_SLOT));

        // entered at B with a stop requested: the goto_ptr leaves by lookup, the pc naming A
        Outcome stopped = BackendComparison.runRegion(List.of(a, b), 1,
                Ir.state().reg(1, 100).reg(5, A).stopRequested());
        assertEquals(ExitCodes.LOOKUP, stopped.exit());
        assertEquals(A, stopped.reg(PC_SLOT));
        assertEquals(99, stopped.reg(1), "B ran once");
        assertEquals(0, stopped.reg(3), "A did not run");

        // a target outside, even one sharing a member's low 32 bits, leaves by lookup
        long alias = A + (1L << 32);
        TranslationBlock far = Ir.block(B, e -> {
            e.insnStart(B);
            e.movi(PC, alias);
            e.gotoPtr(PC);
        });
        Outcome outside = BackendComparison.runRegion(List.of(a, far), 0, Ir.state().reg(1, 5));
        assertEquals(ExitCodes.LOOKUP, outside.exit());
        assertEquals(alias, outside.reg(PC_SLOT));
    }

    /**
     * A sets x5 and goes to B; B's first instruction sets x7, its second loads from an unmapped page,
     * its third would overwrite x5.
     */
    @Test
    void trapInTheSecondMemberReportsItsInstructionAndTheGlobalsAsOfTheTrap() {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            e.movi(X[5], 55);
            e.movi(PC, B);
            e.gotoTb(0, B);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            e.movi(X[7], 77);
            e.insnStart(B + 4);
            e.qemuLd(X[6], X[1], MemOp.UQ);
            e.insnStart(B + 8);
            e.movi(X[5], 66);
            e.movi(PC, AFTER);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.runRegion(List.of(a, b), 0, Ir.state().reg(1, UNMAPPED).reg(6, 123));
        assertEquals(ExitCodes.TRAP, o.exit());
        assertEquals(B + 4, o.cpu().trapPc);
        assertEquals(GuestTrap.Kind.UNMAPPED, o.cpu().trap.kind());
        assertEquals(UNMAPPED, o.cpu().trap.address());
        assertEquals(55, o.reg(5));
        assertEquals(77, o.reg(7));
        assertEquals(123, o.reg(6), "the faulting load wrote nothing");
        assertEquals(B, o.reg(PC_SLOT));
    }

    @Test
    void requestedStopLeavesAtTheNextMemberBoundaryWithThePcNamingThatBlock() {
        Outcome o = BackendComparison.runRegion(countdownWithIf(), 0, Ir.state().reg(1, 10).stopRequested());
        assertEquals(ExitCodes.LOOKUP, o.exit());
        assertEquals(B, o.reg(PC_SLOT));
        assertEquals(10, o.reg(2), "A ran once");
        assertEquals(10, o.reg(1), "B did not run");
    }

    /**
     * Both members allocate temp 0 (an EBB temp), temp 1 (a TB temp) and label 0, with different
     * meanings. A: if x1 is odd, x3 += x1. B: x4 += 2 * x1; x1 -= 1; loop to A while x1 != 0.
     */
    @Test
    void membersWithTheSameTempIdsAndLabelsComputeIndependently() {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            Temp bit = e.newTemp();
            Temp keep = e.newTbTemp();
            e.andi(bit, X[1], 1);
            e.mov(keep, X[1]);
            Label skip = e.newLabel();
            e.brcond(Cond.EQ, bit, e.constant(0), skip);
            assertEquals(List.of(0, 1, 0), List.of(bit.id(), keep.id(), skip.id()));
            e.add(X[3], X[3], keep);
            e.setLabel(skip);
            e.movi(PC, B);
            e.gotoTb(0, B);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            Temp twice = e.newTemp();
            Temp next = e.newTbTemp();
            e.add(twice, X[1], X[1]);
            e.add(X[4], X[4], twice);
            e.addi(next, X[1], -1);
            e.mov(X[1], next);
            Label done = e.newLabel();
            e.brcond(Cond.EQ, next, e.constant(0), done);
            assertEquals(List.of(0, 1, 0), List.of(twice.id(), next.id(), done.id()));
            e.movi(PC, A);
            e.gotoTb(0, A);
            e.setLabel(done);
            e.movi(PC, AFTER);
            e.gotoTb(1, AFTER);
        });
        long n = 1000;
        Outcome o = BackendComparison.runRegion(List.of(a, b), 0, Ir.state().reg(1, n));
        assertEquals(ExitCodes.regionExit(0), o.exit());
        long oddSum = 0;
        long doubled = 0;
        for (long i = n; i != 0; i--) {
            oddSum += (i & 1) != 0 ? i : 0;
            doubled += 2 * i;
        }
        assertEquals(oddSum, o.reg(3));
        assertEquals(doubled, o.reg(4));
        assertEquals(AFTER, o.reg(PC_SLOT));
    }

    /**
     * A writes x20 and leaves when x1 is 0; B alone writes x21. The region leaves from A, after B
     * ran: x21 must still reach CpuState, and x20 too although B never names it.
     */
    @Test
    void globalsWrittenByOneMemberSurviveAnExitFromAnother() {
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            e.addi(X[20], X[1], 100);
            Label done = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), done);
            e.movi(PC, B);
            e.gotoTb(0, B);
            e.setLabel(done);
            e.movi(PC, AFTER);
            e.exitTb(ExitCodes.LOOKUP);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            e.binaryImm(Opcode.MUL, X[21], X[1], 10);
            e.addi(X[1], X[1], -1);
            e.movi(PC, A);
            e.gotoTb(0, A);
        });
        Outcome o = BackendComparison.runRegion(List.of(a, b), 0, Ir.state().reg(1, 3));
        assertEquals(ExitCodes.LOOKUP, o.exit());
        assertEquals(10, o.reg(21), "B's last run had x1 = 1");
        assertEquals(100, o.reg(20));
        assertEquals(AFTER, o.reg(PC_SLOT));

        Outcome fromB = BackendComparison.runRegion(List.of(b, a), 0, Ir.state().reg(1, 2));
        assertEquals(10, fromB.reg(21));
        assertEquals(100, fromB.reg(20));
    }

    /**
     * A caches x6 and x5, calls a helper that writes x6 in CpuState, then reads x6; B reads x6 and
     * calls a helper that reads x5 from CpuState.
     */
    @Test
    void helperWritingGlobalsInOneMemberIsSeenByTheNext() {
        Helper writeX6 = Helper.ofStatic("write_x6", TestHelpers.class, "writeX6",
                MethodType.methodType(void.class, CpuState.class, long.class), Helper.WRITES_GLOBALS);
        Helper readX5 = Helper.ofStatic("read_x5", TestHelpers.class, "readX5",
                MethodType.methodType(long.class, CpuState.class), Helper.READS_GLOBALS);
        TranslationBlock a = Ir.block(A, e -> {
            e.insnStart(A);
            e.movi(X[6], 1);
            e.movi(X[5], 50);
            e.call(writeX6, null, e.constant(42));
            e.addi(X[7], X[6], 1);
            e.movi(PC, B);
            e.gotoTb(0, B);
        });
        TranslationBlock b = Ir.block(B, e -> {
            e.insnStart(B);
            e.addi(X[5], X[5], 1);
            e.call(readX5, X[8]);
            e.add(X[9], X[6], X[6]);
            e.movi(PC, AFTER);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.runRegion(List.of(a, b), 0, Ir.state());
        assertEquals(0, o.exit());
        assertEquals(42, o.reg(6), "the helper's write is not overwritten by the stale cached 1");
        assertEquals(43, o.reg(7));
        assertEquals(51, o.reg(8), "B's newer x5 reached CpuState before the reading helper");
        assertEquals(84, o.reg(9));
        assertEquals(51, o.reg(5));
    }

    @ParameterizedTest
    @AllBackends
    void refusesTwoMembersAtOnePcAndAnEmptyRegion(Backend backend) {
        List<TranslationBlock> twice = List.of(countdownWithIf().get(0), countdownWithIf().get(0));
        assertThrows(IllegalArgumentException.class, () -> backend.compileRegion(twice));
        assertThrows(IllegalArgumentException.class, () -> backend.compileRegion(List.of()));
    }
}
