package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.PC_SLOT;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.GuestState;
import dev.tcg4j.testing.Outcome;
import java.lang.invoke.MethodType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** QEMU_LD/QEMU_ST on guest memory, and the trap exit with its pc and written-back globals. */
class GuestMemoryAndTrapsTest {
    private static final int PAGE = GuestMemory.PAGE_SIZE;
    /** Two readable and writable pages. */
    private static final long DATA = 0x10000;
    private static final long UNMAPPED = 0x20000;
    private static final long READ_ONLY = 0x30000;
    /** One writable page followed by an unmapped one. */
    private static final long LAST_PAGE = 0x40000;
    private static final MemOp[] EVERY_LOAD = {MemOp.UB, MemOp.SB, MemOp.UW, MemOp.SW, MemOp.UL, MemOp.SL, MemOp.UQ};

    private static GuestState memory() {
        return Ir.state()
                .map(DATA, 2 * PAGE, GuestMemory.READ | GuestMemory.WRITE)
                .map(READ_ONLY, PAGE, GuestMemory.READ)
                .map(LAST_PAGE, PAGE, GuestMemory.READ | GuestMemory.WRITE);
    }

    /** A little-endian load of {@code m} from {@code bytes} at {@code offset}, by the MemOp contract. */
    private static long expectedLoad(byte[] bytes, int offset, MemOp m) {
        long v = 0;
        for (int i = 0; i < m.size(); i++) {
            v |= (bytes[offset + i] & 0xffL) << (8 * i);
        }
        int unused = 64 - 8 * m.size();
        return m.signed() ? (v << unused) >> unused : v;
    }

    private static TranslationBlock loadEverySize(long pc) {
        return Ir.block(pc, e -> {
            e.insnStart(pc);
            for (int i = 0; i < EVERY_LOAD.length; i++) {
                e.qemuLd(X[10 + i], X[1], EVERY_LOAD[i]);
            }
            e.movi(PC, pc + 4);
            e.exitTb(0);
        });
    }

    @Test
    void loadsEverySizeWithZeroOrSignExtension() {
        byte[] bytes = {(byte) 0xf0, (byte) 0xde, (byte) 0xbc, (byte) 0x9a, 0x78, 0x56, 0x34, 0x12};
        Outcome o = BackendComparison.run(loadEverySize(0x1000), memory().write(DATA, bytes).reg(1, DATA));
        assertEquals(0, o.exit());
        long[] want = {0xf0L, 0xffff_ffff_ffff_fff0L, 0xdef0L, 0xffff_ffff_ffff_def0L, 0x9abc_def0L,
            0xffff_ffff_9abc_def0L, 0x1234_5678_9abc_def0L};
        for (int i = 0; i < EVERY_LOAD.length; i++) {
            assertEquals(want[i], o.reg(10 + i), EVERY_LOAD[i].toString());
        }
    }

    /** Misaligned within a page and across the boundary of two mapped pages: the slow path, same values. */
    @Test
    void loadsMisalignedAndPageCrossingValues() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0x81 + 0x11 * i);
        }
        for (long address : new long[] {DATA + 3, DATA + PAGE - 5, DATA + PAGE - 1}) {
            long start = address - 3;
            Outcome o = BackendComparison.run(loadEverySize(0x1000), memory().write(start, bytes).reg(1, address));
            assertEquals(0, o.exit());
            for (int i = 0; i < EVERY_LOAD.length; i++) {
                assertEquals(expectedLoad(bytes, 3, EVERY_LOAD[i]), o.reg(10 + i),
                        EVERY_LOAD[i] + " at 0x" + Long.toHexString(address));
            }
        }
    }

    @Test
    void storesTheLowBytesOfEachSizeLittleEndianAlsoMisalignedAndAcrossPages() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
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
        byte[] want = {(byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
            (byte) 0x88, 0x77, 0x66, 0x55, (byte) 0x88, 0x77, (byte) 0x88};
        for (long address : new long[] {DATA + 0x100, DATA + 0x101, DATA + PAGE - 9, DATA + PAGE - 3}) {
            Outcome o = BackendComparison.run(tb, memory().reg(1, address).reg(2, 0x1122_3344_5566_7788L));
            assertEquals(0, o.exit());
            byte[] got = o.cpu().memory.read(address, 15);
            assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(got), "at 0x" + Long.toHexString(address));
        }
    }

    @Test
    void bigEndianAccessesSwapBytes() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.qemuLd(X[2], X[1], new MemOp(1, true, true));
            e.qemuLd(X[3], X[1], new MemOp(2, false, true));
            e.qemuLd(X[4], X[1], new MemOp(1, false, true));
            e.qemuLd(X[5], X[1], new MemOp(2, true, true));
            e.qemuLd(X[6], X[1], new MemOp(3, false, true));
            e.qemuLd(X[7], X[1], new MemOp(0, true, true));
            e.addi(X[8], X[1], 8);
            e.qemuSt(X[3], X[8], new MemOp(2, false, true));
            e.addi(X[8], X[1], 12);
            e.qemuSt(X[3], X[8], new MemOp(1, false, true));
            e.addi(X[8], X[1], 16);
            e.qemuSt(X[6], X[8], new MemOp(3, false, true));
            e.addi(X[8], X[1], 24);
            e.qemuSt(X[6], X[8], new MemOp(0, false, true));
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, memory().reg(1, DATA + 0x200)
                .write(DATA + 0x200, HexFormat.of().parseHex("8182030405060788")));
        assertEquals((short) 0x8182, o.reg(2));
        assertEquals(0x8182_0304L, o.reg(3));
        assertEquals(0x8182L, o.reg(4));
        assertEquals((int) 0x8182_0304, o.reg(5));
        assertEquals(0x8182_0304_0506_0788L, o.reg(6));
        assertEquals((byte) 0x81, o.reg(7));
        GuestMemory m = o.cpu().memory;
        assertEquals(0x0403_8281L, m.ld32u(DATA + 0x208));
        assertEquals(0x0403L, m.ld16u(DATA + 0x20c));
        assertEquals(0x8807_0605_0403_8281L, m.ld64(DATA + 0x210));
        assertEquals(0x88L, m.ld8u(DATA + 0x218));
    }

    /**
     * Three instructions: the first writes x5 and the pc, the second loads from an unmapped page, the
     * third would overwrite x5. The trap must report the second instruction's pc and leave x5 as
     * the first instruction set it.
     */
    @Test
    void trapsOnUnmappedLoadWithThePcOfItsInstructionAndGlobalsAsOfTheTrap() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
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
        Outcome o = BackendComparison.run(tb, memory().reg(1, UNMAPPED + 8).reg(2, DATA).reg(6, 123));
        assertEquals(ExitCodes.TRAP, o.exit());
        CpuState cpu = o.cpu();
        assertEquals(0x1004, cpu.trapPc);
        assertEquals(GuestTrap.Kind.UNMAPPED, cpu.trap.kind());
        assertEquals(UNMAPPED + 8, cpu.trap.address());
        assertEquals(55, cpu.regs[5]);
        assertEquals(123, cpu.regs[6], "the faulting load wrote nothing");
        assertEquals(0x1004, cpu.regs[PC_SLOT]);

        // a read-only store target traps in the third instruction
        Outcome readOnly = BackendComparison.run(tb, memory().reg(1, DATA).reg(2, READ_ONLY));
        assertEquals(ExitCodes.TRAP, readOnly.exit());
        assertEquals(0x1008, readOnly.cpu().trapPc);
        assertEquals(GuestTrap.Kind.PROTECTION, readOnly.cpu().trap.kind());
        assertEquals(66, readOnly.reg(5));

        Outcome done = BackendComparison.run(tb, memory().reg(1, DATA).reg(2, DATA + 0x300));
        assertEquals(0, done.exit());
        assertNull(done.cpu().trap);
        assertEquals(66, done.cpu().memory.ld64(DATA + 0x300));
        assertEquals(0x100c, done.reg(PC_SLOT));
    }

    /** An 8-byte store whose last bytes fall on an unmapped page faults there and writes nothing. */
    @Test
    void pageCrossingStoreIntoAnUnmappedPageTrapsWithoutWritingAnything() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.qemuSt(X[2], X[1], MemOp.UQ);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        long address = LAST_PAGE + PAGE - 4;
        Outcome o = BackendComparison.run(tb, memory().reg(1, address).reg(2, -1));
        assertEquals(ExitCodes.TRAP, o.exit());
        assertEquals(GuestTrap.Kind.UNMAPPED, o.cpu().trap.kind());
        assertEquals(LAST_PAGE + PAGE, o.cpu().trap.address());
        assertEquals(0, o.cpu().memory.ld32u(address));
    }

    @Test
    void trapsFromAHelperFlaggedMayTrap() {
        Helper ebreak = Helper.ofStatic("ebreak", TestHelpers.class, "raise",
                MethodType.methodType(void.class, long.class), Helper.MAY_TRAP);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[7], 7);
            e.insnStart(0x1004);
            e.insnStart(0x1008);
            e.call(ebreak, null, e.constant(0x1008));
            e.movi(X[7], 8);
            e.movi(PC, 0x100c);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state());
        assertEquals(ExitCodes.TRAP, o.exit());
        assertEquals(0x1008, o.cpu().trapPc);
        assertEquals(GuestTrap.Kind.BREAKPOINT, o.cpu().trap.kind());
        assertEquals(0x1008, o.cpu().trap.address());
        assertEquals(7, o.reg(7));
    }

    /** A helper that touches guest memory (an AMO) faults like a load of its instruction. */
    @Test
    void trapsFromAHelperTouchingGuestMemory() {
        Helper amo = Helper.ofStatic("amo", TestHelpers.class, "loadThroughHelper",
                MethodType.methodType(long.class, CpuState.class, long.class), Helper.TOUCHES_GUEST_MEMORY);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[7], 7);
            e.insnStart(0x1004);
            e.call(amo, X[8], X[1]);
            e.movi(X[7], 8);
            e.movi(PC, 0x1008);
            e.exitTb(0);
        });
        Outcome fault = BackendComparison.run(tb, memory().reg(1, READ_ONLY - 8).reg(8, 3));
        assertEquals(ExitCodes.TRAP, fault.exit());
        assertEquals(0x1004, fault.cpu().trapPc);
        assertEquals(READ_ONLY - 8, fault.cpu().trap.address());
        assertEquals(7, fault.reg(7));
        assertEquals(3, fault.reg(8));
        Outcome ok = BackendComparison.run(tb, memory().reg(1, READ_ONLY).write64(READ_ONLY, 99));
        assertEquals(0, ok.exit());
        assertEquals(99, ok.reg(8));
        assertEquals(8, ok.reg(7));
    }

    @Test
    void trapsBeforeTheFirstInsnStartReportTheBlockPc() {
        TranslationBlock tb = Ir.block(0x1230, e -> {
            e.qemuLd(X[6], X[1], MemOp.UB);
            e.insnStart(0x1230);
            e.movi(PC, 0x1234);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(1, UNMAPPED));
        assertEquals(ExitCodes.TRAP, o.exit());
        assertEquals(0x1230, o.cpu().trapPc);
        assertEquals(UNMAPPED, o.cpu().trap.address());
    }

    /**
     * As a frontend emits a load or store: the address summed into a temp only the access reads.
     * (A backend may fuse the two; the trap still belongs to the access's instruction.)
     */
    @Test
    void accessesAtAComputedAddressLoadStoreAndTrapAsTheirInstruction() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            for (int i = 0; i < EVERY_LOAD.length; i++) {
                e.insnStart(0x1000 + 4 * i);
                Temp a = e.newTemp();
                e.addi(a, X[1], i);
                e.qemuLd(X[10 + i], a, EVERY_LOAD[i]);
            }
            for (int i = 0; i < 4; i++) {
                e.insnStart(0x1100 + 4 * i);
                Temp a = e.newTemp();
                e.add(a, X[2], e.constant(16 * i));
                e.qemuSt(X[3], a, new MemOp(i, false, false));
            }
            e.insnStart(0x1200);
            e.movi(PC, 0x1204);
            e.exitTb(0);
        });
        byte[] bytes = HexFormat.of().parseHex("f1e2d3c4b5a69788796a5b4c3d2e1f00");
        Outcome o = BackendComparison.run(tb, memory().write(DATA, bytes).reg(1, DATA).reg(2, DATA + 0x400)
                .reg(3, 0x0102_0304_0506_0708L));
        assertEquals(0, o.exit());
        for (int i = 0; i < EVERY_LOAD.length; i++) {
            assertEquals(expectedLoad(bytes, i, EVERY_LOAD[i]), o.reg(10 + i), EVERY_LOAD[i].toString());
        }
        GuestMemory m = o.cpu().memory;
        assertEquals(0x08L, m.ld64(DATA + 0x400));
        assertEquals(0x0708L, m.ld64(DATA + 0x410));
        assertEquals(0x0506_0708L, m.ld64(DATA + 0x420));
        assertEquals(0x0102_0304_0506_0708L, m.ld64(DATA + 0x430));

        // the third load crosses into the unmapped page: its instruction's pc, the first two loads
        // done, the stores not
        long nearEnd = LAST_PAGE + PAGE - 3;
        Outcome fault = BackendComparison.run(tb, memory().write(nearEnd, (byte) 0x85, (byte) 0x86)
                .reg(1, nearEnd).reg(2, DATA + 0x400).reg(3, 1).reg(12, 77));
        assertEquals(ExitCodes.TRAP, fault.exit());
        assertEquals(0x1008, fault.cpu().trapPc);
        assertEquals(LAST_PAGE + PAGE, fault.cpu().trap.address());
        assertEquals(0x85, fault.reg(10));
        assertEquals((byte) 0x86, fault.reg(11));
        assertEquals(77, fault.reg(12));
        assertEquals(0, fault.cpu().memory.ld64(DATA + 0x400));
    }

    @Test
    void usesTheGuestMemoryOfTheCpuItRunsOn() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.qemuLd(X[2], e.constant(DATA), MemOp.UQ);
            e.addi(X[2], X[2], 1);
            e.qemuSt(X[2], e.constant(DATA + 8), MemOp.UQ);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, memory().write64(DATA, 77));
        assertEquals(78, o.reg(2));
        assertEquals(78, o.cpu().memory.ld64(DATA + 8));
    }
}
