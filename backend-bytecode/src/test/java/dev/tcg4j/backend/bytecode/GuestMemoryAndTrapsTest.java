package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.PC_SLOT;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** QEMU_LD/QEMU_ST on guest memory, and the trap exit with its pc and written-back globals. */
class GuestMemoryAndTrapsTest {
    private static final long DATA = 0x7000_0000L;
    private static final long UNMAPPED = 0x7100_0000L;
    private static final long READ_ONLY = 0x7200_0000L;

    @BeforeAll
    static void mapPages() {
        Harness.MEMORY.map(DATA, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
        Harness.MEMORY.map(READ_ONLY, GuestMemory.PAGE_SIZE, GuestMemory.READ);
    }

    @Test
    void loadsEverySizeWithZeroOrSignExtension() {
        Harness.MEMORY.write(DATA, new byte[] {(byte) 0xf0, (byte) 0xde, (byte) 0xbc, (byte) 0x9a,
                0x78, 0x56, 0x34, 0x12});
        MemOp[] ops = {MemOp.UB, MemOp.SB, MemOp.UW, MemOp.SW, MemOp.UL, MemOp.SL, MemOp.UQ};
        long[] want = {0xf0L, 0xffff_ffff_ffff_fff0L, 0xdef0L, 0xffff_ffff_ffff_def0L, 0x9abc_def0L,
                0xffff_ffff_9abc_def0L, 0x1234_5678_9abc_def0L};
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            for (int i = 0; i < ops.length; i++) {
                e.qemuLd(X[10 + i], X[1], ops[i]);
            }
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = DATA;
        assertEquals(0, Harness.compile(tb).execute(cpu));
        for (int i = 0; i < ops.length; i++) {
            assertEquals(want[i], cpu.regs[10 + i], ops[i].toString());
        }
    }

    @Test
    void storesTheLowBytesOfEachSizeLittleEndian() {
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.qemuSt(X[2], X[1], MemOp.UQ);
            e.addi(X[3], X[1], 8);
            e.qemuSt(X[2], X[3], MemOp.UL);
            e.addi(X[3], X[1], 12);
            e.qemuSt(X[2], X[3], MemOp.UW);
            e.addi(X[3], X[1], 14);
            e.qemuSt(X[2], X[3], MemOp.UB);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = DATA + 0x100;
        cpu.regs[2] = 0x1122_3344_5566_7788L;
        Harness.compile(tb).execute(cpu);
        byte[] got = Harness.MEMORY.read(DATA + 0x100, 15);
        byte[] want = {(byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
            (byte) 0x88, 0x77, 0x66, 0x55, (byte) 0x88, 0x77, (byte) 0x88};
        assertEquals(java.util.HexFormat.of().formatHex(want), java.util.HexFormat.of().formatHex(got));
    }

    @Test
    void bigEndianAccessesSwapBytes() {
        Harness.MEMORY.write(DATA + 0x200, new byte[] {(byte) 0x81, 0x02, 0x03, 0x04, 0, 0, 0, 0});
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.qemuLd(X[2], X[1], new MemOp(1, true, true));
            e.qemuLd(X[3], X[1], new MemOp(2, false, true));
            e.addi(X[4], X[1], 8);
            e.qemuSt(X[3], X[4], new MemOp(2, false, true));
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = DATA + 0x200;
        Harness.compile(tb).execute(cpu);
        assertEquals((short) 0x8102, cpu.regs[2]);
        assertEquals(0x8102_0304L, cpu.regs[3]);
        assertEquals(0x0403_0281L, Harness.MEMORY.ld32u(DATA + 0x208));
    }

    /**
     * Three instructions: the first writes x5 and the pc, the second loads from an unmapped page, the
     * third would overwrite x5. The trap must report the second instruction's pc and leave x5 as
     * the first instruction set it.
     */
    @Test
    void trapsOnUnmappedLoadWithThePcOfItsInstructionAndGlobalsAsOfTheTrap() {
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[5], 55);
            e.movi(PC, 0x1004);
            e.insnStart(0x1004);
            e.qemuLd(X[6], X[1], MemOp.UQ);
            e.insnStart(0x1008);
            e.movi(X[5], 66);
            e.qemuSt(X[5], X[2], MemOp.UQ);
            e.movi(PC, 0x100c);
            e.exitTb(0);
        });
        var block = Harness.compile(tb);
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = UNMAPPED + 8;
        cpu.regs[2] = DATA;
        cpu.regs[6] = 123;
        assertEquals(ExitCodes.TRAP, block.execute(cpu));
        assertEquals(0x1004, cpu.trapPc);
        assertEquals(GuestTrap.Kind.UNMAPPED, cpu.trap.kind());
        assertEquals(UNMAPPED + 8, cpu.trap.address());
        assertEquals(55, cpu.regs[5]);
        assertEquals(123, cpu.regs[6], "the faulting load wrote nothing");
        assertEquals(0x1004, cpu.regs[PC_SLOT]);

        // the same block with a readable address runs to its end; a read-only store target traps later
        CpuState ok = Harness.cpu();
        ok.regs[1] = DATA;
        ok.regs[2] = READ_ONLY;
        assertEquals(ExitCodes.TRAP, block.execute(ok));
        assertEquals(0x1008, ok.trapPc);
        assertEquals(GuestTrap.Kind.PROTECTION, ok.trap.kind());
        assertEquals(66, ok.regs[5]);

        CpuState done = Harness.cpu();
        done.regs[1] = DATA;
        done.regs[2] = DATA + 0x300;
        assertEquals(0, block.execute(done));
        assertNull(done.trap);
        assertEquals(66, Harness.MEMORY.ld64(DATA + 0x300));
        assertEquals(0x100c, done.regs[PC_SLOT]);
    }

    /** Raises a breakpoint trap, as an ebreak helper would. */
    public static void raise(long address) {
        throw new GuestTrap(GuestTrap.Kind.BREAKPOINT, address);
    }

    @Test
    void trapsFromAHelperFlaggedMayTrap() {
        Helper ebreak = Helper.ofStatic("ebreak", GuestMemoryAndTrapsTest.class, "raise",
                MethodType.methodType(void.class, long.class), Helper.MAY_TRAP);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[7], 7);
            e.insnStart(0x1004);
            e.insnStart(0x1008);
            e.call(ebreak, null, e.constant(0x1008));
            e.movi(X[7], 8);
            e.movi(PC, 0x100c);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        assertEquals(ExitCodes.TRAP, Harness.compile(tb).execute(cpu));
        assertEquals(0x1008, cpu.trapPc);
        assertEquals(GuestTrap.Kind.BREAKPOINT, cpu.trap.kind());
        assertEquals(7, cpu.regs[7]);
    }

    @Test
    void trapsBeforeTheFirstInsnStartReportTheBlockPc() {
        TranslationBlock tb = Harness.block(0x1230, e -> {
            e.qemuLd(X[6], X[1], MemOp.UB);
            e.insnStart(0x1230);
            e.movi(PC, 0x1234);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = UNMAPPED;
        assertEquals(ExitCodes.TRAP, Harness.compile(tb).execute(cpu));
        assertEquals(0x1230, cpu.trapPc);
        GuestTrap first = cpu.trap;
        cpu.regs[1] = UNMAPPED + 1;
        assertEquals(ExitCodes.TRAP, Harness.compile(tb).execute(cpu));
        assertSame(GuestTrap.class, cpu.trap.getClass());
        assertEquals(UNMAPPED + 1, cpu.trap.address());
        assertEquals(UNMAPPED, first.address());
    }
}
