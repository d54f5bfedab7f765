package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.PC_SLOT;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.CompiledRegion;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compileRegion: several blocks in one method, jumping to each other without leaving it. */
class RegionTest {
    private static final long A = 0x1000;
    private static final long B = 0x1010;
    private static final long AFTER = 0x1018;
    /** Never mapped by any test. */
    private static final long UNMAPPED = 0x7600_0000L;

    /**
     * A: x2 += x1; if x1 is odd, x3 += 1; goto B. B: x1 -= 1; if x1 != 0 goto A, else leave by an
     * exit_tb with the syscall code, as an ecall after the loop would.
     */
    private static List<TranslationBlock> countdownWithIf() {
        TranslationBlock a = Harness.block(A, e -> {
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
        TranslationBlock b = Harness.block(B, e -> {
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
        ExecutableBlock region = Harness.compileRegion(countdownWithIf());
        CpuState cpu = Harness.cpu();
        long n = 100_000;
        cpu.regs[1] = n;
        assertEquals(ExitCodes.SYSCALL, region.execute(cpu));
        long sum = 0;
        long odd = 0;
        for (long i = n; i != 0; i--) {
            sum += i;
            odd += i & 1;
        }
        assertEquals(sum, cpu.regs[2]);
        assertEquals(odd, cpu.regs[3]);
        assertEquals(0, cpu.regs[1]);
        assertEquals(AFTER, cpu.regs[PC_SLOT]);
        assertTrue(region.toString().startsWith("region@0x1000[2 blocks"), region.toString());
    }

    @Test
    void gotoTbToABlockOutsideTheRegionReturnsItsRegionExitNotTheSlot() {
        TranslationBlock a = Harness.block(A, e -> {
            e.insnStart(A);
            e.movi(X[4], 4);
            e.movi(PC, B);
            e.gotoTb(1, B);
        });
        TranslationBlock b = Harness.block(B, e -> {
            e.insnStart(B);
            e.addi(X[4], X[4], 1);
            e.movi(PC, 0x3000);
            e.gotoTb(1, 0x3000);
        });
        CpuState cpu = Harness.cpu();
        assertEquals(ExitCodes.regionExit(0), Harness.compileRegion(List.of(a, b)).execute(cpu));
        assertEquals(0x3000, cpu.regs[PC_SLOT]);
        assertEquals(5, cpu.regs[4]);

        // a goto_tb without a static target and a goto_ptr leave by lookup too
        TranslationBlock c = Harness.block(B, e -> {
            e.insnStart(B);
            Label indirect = e.newLabel();
            e.brcond(Cond.NE, X[4], e.constant(0), indirect);
            e.movi(PC, 0x3004);
            e.gotoTb(0);
            e.setLabel(indirect);
            e.mov(PC, X[4]);
            e.gotoPtr(PC);
        });
        CpuState viaPtr = Harness.cpu();
        assertEquals(ExitCodes.LOOKUP, Harness.compileRegion(List.of(a, c)).execute(viaPtr));
        assertEquals(4, viaPtr.regs[PC_SLOT]);
    }

    /**
     * A leaves to 0x3000 or goes to B; B leaves to 0x3004 or 0x3008. The exits to non-members are
     * numbered in member order, then op order; a goto_tb to a member is no exit.
     */
    @Test
    void chainableExitsAreNumberedInMemberThenOpOrder() {
        TranslationBlock a = Harness.block(A, e -> {
            e.insnStart(A);
            Label out = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), out);
            e.movi(PC, B);
            e.gotoTb(0, B);
            e.setLabel(out);
            e.movi(PC, 0x3000);
            e.gotoTb(1, 0x3000);
        });
        TranslationBlock b = Harness.block(B, e -> {
            e.insnStart(B);
            Label second = e.newLabel();
            e.brcond(Cond.EQ, X[2], e.constant(0), second);
            e.movi(PC, 0x3004);
            e.gotoTb(0, 0x3004);
            e.setLabel(second);
            e.movi(PC, 0x3008);
            e.gotoTb(1, 0x3008);
        });
        CompiledRegion region = Harness.region(List.of(a, b));
        assertEquals(3, region.chainableExits());
        List<ExecutableBlock> entries = region.entries();
        long[][] cases = {{0, 0, 0x3000, 0}, {1, 1, 0x3004, 1}, {1, 0, 0x3008, 2}};
        for (long[] c : cases) {
            CpuState cpu = Harness.cpu();
            cpu.regs[1] = c[0];
            cpu.regs[2] = c[1];
            assertEquals(ExitCodes.regionExit((int) c[3]), entries.get(0).execute(cpu));
            assertEquals(c[2], cpu.regs[PC_SLOT]);
        }
        // entered at B, A never runs
        CpuState atB = Harness.cpu();
        atB.regs[2] = 1;
        assertEquals(ExitCodes.regionExit(1), entries.get(1).execute(atB));
        assertEquals(0x3004, atB.regs[PC_SLOT]);
    }

    /** A calls B through a goto_tb; B returns through a goto_ptr to A's pc, a member: the loop stays inside. */
    @Test
    void gotoPtrToAMemberStaysInsideTheRegion() {
        TranslationBlock a = Harness.block(A, e -> {
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
        TranslationBlock b = Harness.block(B, e -> {
            e.insnStart(B);
            e.addi(X[1], X[1], -1);
            e.mov(PC, X[5]);
            e.gotoPtr(PC);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 100;
        assertEquals(ExitCodes.regionExit(0), Harness.compileRegion(List.of(a, b)).execute(cpu));
        assertEquals(101, cpu.regs[3], "A ran once per call of B, and once more to leave");
        assertEquals(AFTER, cpu.regs[PC_SLOT]);

        // entered at B with a stop requested: the goto_ptr leaves by lookup, the pc naming A
        CpuState stopped = Harness.cpu();
        stopped.regs[1] = 100;
        stopped.regs[5] = A;
        stopped.exitRequested = true;
        assertEquals(ExitCodes.LOOKUP, Harness.regionEntries(List.of(a, b)).get(1).execute(stopped));
        assertEquals(A, stopped.regs[PC_SLOT]);
        assertEquals(99, stopped.regs[1], "B ran once");
        assertEquals(0, stopped.regs[3], "A did not run");

        // a target outside, even one sharing a member's low 32 bits, leaves by lookup
        CpuState outside = Harness.cpu();
        outside.regs[1] = 5;
        long alias = A + (1L << 32);
        TranslationBlock far = Harness.block(B, e -> {
            e.insnStart(B);
            e.movi(PC, alias);
            e.gotoPtr(PC);
        });
        assertEquals(ExitCodes.LOOKUP, Harness.compileRegion(List.of(a, far)).execute(outside));
        assertEquals(alias, outside.regs[PC_SLOT]);
    }

    /**
     * A sets x5 and goes to B; B's first instruction sets x7, its second loads from an unmapped page,
     * its third would overwrite x5.
     */
    @Test
    void trapInTheSecondMemberReportsItsInstructionAndTheGlobalsAsOfTheTrap() {
        TranslationBlock a = Harness.block(A, e -> {
            e.insnStart(A);
            e.movi(X[5], 55);
            e.movi(PC, B);
            e.gotoTb(0, B);
        });
        TranslationBlock b = Harness.block(B, e -> {
            e.insnStart(B);
            e.movi(X[7], 77);
            e.insnStart(B + 4);
            e.qemuLd(X[6], X[1], MemOp.UQ);
            e.insnStart(B + 8);
            e.movi(X[5], 66);
            e.movi(PC, AFTER);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = UNMAPPED;
        cpu.regs[6] = 123;
        assertEquals(ExitCodes.TRAP, Harness.compileRegion(List.of(a, b)).execute(cpu));
        assertEquals(B + 4, cpu.trapPc);
        assertEquals(GuestTrap.Kind.UNMAPPED, cpu.trap.kind());
        assertEquals(UNMAPPED, cpu.trap.address());
        assertEquals(55, cpu.regs[5]);
        assertEquals(77, cpu.regs[7]);
        assertEquals(123, cpu.regs[6], "the faulting load wrote nothing");
        assertEquals(B, cpu.regs[PC_SLOT]);
    }

    @Test
    void requestedStopLeavesAtTheNextMemberBoundaryWithThePcNamingThatBlock() {
        ExecutableBlock region = Harness.compileRegion(countdownWithIf());
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 10;
        cpu.exitRequested = true;
        assertEquals(ExitCodes.LOOKUP, region.execute(cpu));
        assertEquals(B, cpu.regs[PC_SLOT]);
        assertEquals(10, cpu.regs[2], "A ran once");
        assertEquals(10, cpu.regs[1], "B did not run");

        // resumed at B as the runtime would, by its own block; the region's entry is A
        cpu.exitRequested = false;
        cpu.regs[1] = 1;
        assertEquals(ExitCodes.SYSCALL, region.execute(cpu));
        assertEquals(11, cpu.regs[2]);
        assertEquals(1, cpu.regs[3]);
    }

    /**
     * Both members allocate temp 0 (an EBB temp), temp 1 (a TB temp) and label 0, with different
     * meanings. A: if x1 is odd, x3 += x1. B: x4 += 2 * x1; x1 -= 1; loop to A while x1 != 0.
     */
    @Test
    void membersWithTheSameTempIdsAndLabelsComputeIndependently() {
        TranslationBlock a = Harness.block(A, e -> {
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
        TranslationBlock b = Harness.block(B, e -> {
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
        CpuState cpu = Harness.cpu();
        long n = 1000;
        cpu.regs[1] = n;
        assertEquals(ExitCodes.regionExit(0), Harness.compileRegion(List.of(a, b)).execute(cpu));
        long oddSum = 0;
        long doubled = 0;
        for (long i = n; i != 0; i--) {
            oddSum += (i & 1) != 0 ? i : 0;
            doubled += 2 * i;
        }
        assertEquals(oddSum, cpu.regs[3]);
        assertEquals(doubled, cpu.regs[4]);
        assertEquals(AFTER, cpu.regs[PC_SLOT]);
    }

    /**
     * A writes x20 and leaves when x1 is 0; B alone writes x21. The region leaves from A, after B
     * ran: x21 must still reach CpuState, and x20 too although B never names it.
     */
    @Test
    void globalsWrittenByOneMemberSurviveAnExitFromAnother() {
        TranslationBlock a = Harness.block(A, e -> {
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
        TranslationBlock b = Harness.block(B, e -> {
            e.insnStart(B);
            e.binaryImm(Opcode.MUL, X[21], X[1], 10);
            e.addi(X[1], X[1], -1);
            e.movi(PC, A);
            e.gotoTb(0, A);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 3;
        assertEquals(ExitCodes.LOOKUP, Harness.compileRegion(List.of(a, b)).execute(cpu));
        assertEquals(10, cpu.regs[21], "B's last run had x1 = 1");
        assertEquals(100, cpu.regs[20]);
        assertEquals(AFTER, cpu.regs[PC_SLOT]);

        // entered at B, the region leaves from B's exit-less loop only through A
        CpuState fromB = Harness.cpu();
        fromB.regs[1] = 2;
        assertEquals(ExitCodes.LOOKUP, Harness.compileRegion(List.of(b, a)).execute(fromB));
        assertEquals(10, fromB.regs[21]);
        assertEquals(100, fromB.regs[20]);
    }

    /** n instructions of four ALU ops each at pc, continuing to next. */
    private static TranslationBlock straightLine(long pc, int n, long next) {
        TbBuilder e = Harness.builder(pc);
        for (int i = 0; i < n; i++) {
            long insn = pc + 4L * i;
            e.insnStart(insn);
            e.recordInsn(insn, 4, 0x13);
            e.add(X[1], X[1], X[2]);
            e.xor(X[3], X[3], X[1]);
            e.binaryImm(Opcode.SAR, X[4], X[3], 1);
            e.addi(X[2], X[2], 1);
        }
        e.movi(PC, next);
        e.gotoTb(0, next);
        return e.build();
    }

    @Test
    void refusesARegionWhoseWholeMethodIsOverTheLimit() {
        // each member alone is far under the limit: its own block compiles
        int n = 40;
        TranslationBlock first = straightLine(0x10000, n, 0x20000);
        TranslationBlock second = straightLine(0x20000, n, 0x30000);
        TranslationBlock third = straightLine(0x30000, n, 0x40000);
        Harness.compile(third);
        BytecodeTooLargeException e = assertThrows(BytecodeTooLargeException.class,
                () -> Harness.BACKEND.compileRegion(List.of(first, second, third)));
        assertEquals(0x10000, e.pc());
        assertEquals(3 * n, e.insnCount());
        assertTrue(e.codeSize() > BytecodeTooLargeException.REGION_LIMIT, () -> "size " + e.codeSize());

        // fewer members fit, and run through both
        CpuState cpu = Harness.cpu();
        cpu.regs[2] = 1;
        assertEquals(ExitCodes.regionExit(0), Harness.compileRegion(List.of(first, second)).execute(cpu));
        long x1 = 0;
        long x2 = 1;
        long x3 = 0;
        long x4 = 0;
        for (int i = 0; i < 2 * n; i++) {
            x1 += x2;
            x3 ^= x1;
            x4 = x3 >> 1;
            x2 += 1;
        }
        assertEquals(x1, cpu.regs[1]);
        assertEquals(x3, cpu.regs[3]);
        assertEquals(x4, cpu.regs[4]);
        assertEquals(0x30000, cpu.regs[PC_SLOT]);
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
        TranslationBlock a = Harness.block(A, e -> {
            e.insnStart(A);
            e.movi(X[6], 1);
            e.movi(X[5], 50);
            e.call(writeX6, null, e.constant(42));
            e.addi(X[7], X[6], 1);
            e.movi(PC, B);
            e.gotoTb(0, B);
        });
        TranslationBlock b = Harness.block(B, e -> {
            e.insnStart(B);
            e.addi(X[5], X[5], 1);
            e.call(readX5, X[8]);
            e.add(X[9], X[6], X[6]);
            e.movi(PC, AFTER);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        assertEquals(0, Harness.compileRegion(List.of(a, b)).execute(cpu));
        assertEquals(42, cpu.regs[6], "the helper's write is not overwritten by the stale cached 1");
        assertEquals(43, cpu.regs[7]);
        assertEquals(51, cpu.regs[8], "B's newer x5 reached CpuState before the reading helper");
        assertEquals(84, cpu.regs[9]);
        assertEquals(51, cpu.regs[5]);
    }

    @Test
    void refusesTwoMembersAtOnePc() {
        List<TranslationBlock> twice = List.of(countdownWithIf().get(0), countdownWithIf().get(0));
        assertThrows(IllegalArgumentException.class, () -> Harness.BACKEND.compileRegion(twice));
        assertThrows(IllegalArgumentException.class, () -> Harness.BACKEND.compileRegion(List.of()));
    }
}
