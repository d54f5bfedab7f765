package dev.tcg4j.frontend.riscv.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.memory.FlatGuestMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AtomicHelpersTest {
    private static final long DATA = 0x4000;
    private static final int LOAD_W = MemOp.SL.meminfo(false);
    private static final int STORE_W = MemOp.SL.meminfo(true);
    private static final int LOAD_D = MemOp.UQ.meminfo(false);
    private static final int STORE_D = MemOp.UQ.meminfo(true);

    private record Access(long vaddr, long value, int meminfo) {}

    private final GuestMemory memory = new FlatGuestMemory(20);
    private final CpuState cpu = new CpuState(RiscvArch.SLOTS, 0, memory);
    private final List<Access> accesses = new ArrayList<>();

    @BeforeEach
    void setUp() {
        memory.map(DATA, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
        cpu.memListener = (c, vaddr, value, meminfo) -> accesses.add(new Access(vaddr, value, meminfo));
        cpu.regs[RiscvArch.RESERVATION_ADDR] = -1;
    }

    @Test
    void amoAddWordReturnsTheOldValueSignExtendedAndReportsALoadThenAStore() {
        memory.st32(DATA, 0xffff_fff0L);
        assertEquals(-16, AtomicHelpers.amoadd_w(cpu, DATA, 0x20));
        assertEquals(0x10, memory.ld32u(DATA));
        assertEquals(List.of(new Access(DATA, -16, LOAD_W), new Access(DATA, 0x10, STORE_W)), accesses);
    }

    @Test
    void wordMinAndMaxCompareSignedOrUnsignedWords() {
        memory.st32(DATA, 0xffff_ffffL); // -1, or 2^32-1 unsigned
        AtomicHelpers.amominu_w(cpu, DATA, 5);
        assertEquals(5, memory.ld32u(DATA));
        AtomicHelpers.amomin_w(cpu, DATA, -3);
        assertEquals(0xffff_fffdL, memory.ld32u(DATA));
        AtomicHelpers.amomaxu_w(cpu, DATA, 7);
        assertEquals(0xffff_fffdL, memory.ld32u(DATA));
    }

    @Test
    void doublewordSwapStoresTheSourceAndReturnsTheOldValue() {
        memory.st64(DATA + 8, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, AtomicHelpers.amoswap_d(cpu, DATA + 8, -2));
        assertEquals(-2, memory.ld64(DATA + 8));
        assertEquals(List.of(new Access(DATA + 8, 0x1122_3344_5566_7788L, LOAD_D), new Access(DATA + 8, -2, STORE_D)),
                accesses);
    }

    @Test
    void misalignedAmoTrapsBeforeTouchingMemory() {
        GuestTrap trap = assertThrows(GuestTrap.class, () -> AtomicHelpers.amoor_d(cpu, DATA + 4, 1));
        assertEquals(GuestTrap.Kind.MISALIGNED, trap.kind());
        assertEquals(List.of(), accesses);
    }

    @Test
    void storeConditionalAfterLoadReservedSucceedsOnceAndReportsBothAccesses() {
        memory.st32(DATA, 0x8000_0000L);
        assertEquals(0xffff_ffff_8000_0000L, AtomicHelpers.lr_w(cpu, DATA));
        assertEquals(0, AtomicHelpers.sc_w(cpu, DATA, 9));
        assertEquals(9, memory.ld32u(DATA));
        assertEquals(List.of(new Access(DATA, 0xffff_ffff_8000_0000L, LOAD_W),
                new Access(DATA, 0xffff_ffff_8000_0000L, LOAD_W), new Access(DATA, 9, STORE_W)), accesses);
        accesses.clear();
        assertEquals(1, AtomicHelpers.sc_w(cpu, DATA, 10), "the reservation is gone");
        assertEquals(9, memory.ld32u(DATA));
        assertEquals(List.of(), accesses, "no access without a reservation");
    }

    @Test
    void storeConditionalFailsWhenTheReservedValueChanged() {
        AtomicHelpers.lr_d(cpu, DATA);
        memory.st64(DATA, 77); // another hart's store
        accesses.clear();
        assertEquals(1, AtomicHelpers.sc_d(cpu, DATA, 5));
        assertEquals(77, memory.ld64(DATA));
        assertEquals(List.of(new Access(DATA, 77, LOAD_D), new Access(DATA, 77, STORE_D)), accesses);
        assertEquals(-1, cpu.regs[RiscvArch.RESERVATION_ADDR]);
    }

    @Test
    void storeConditionalToAnotherAddressFailsWithoutAccess() {
        AtomicHelpers.lr_w(cpu, DATA);
        accesses.clear();
        assertEquals(1, AtomicHelpers.sc_w(cpu, DATA + 4, 1));
        assertEquals(List.of(), accesses);
        assertEquals(-1, cpu.regs[RiscvArch.RESERVATION_ADDR]);
    }

    @Test
    void misalignedLoadReservedTraps() {
        assertEquals(GuestTrap.Kind.MISALIGNED,
                assertThrows(GuestTrap.class, () -> AtomicHelpers.lr_w(cpu, DATA + 2)).kind());
    }
}
