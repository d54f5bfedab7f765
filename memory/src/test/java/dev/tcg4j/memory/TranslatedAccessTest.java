package dev.tcg4j.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The accesses translated code makes: the aligned fast path, and everything that must leave it. */
class TranslatedAccessTest {
    private final FlatGuestMemory mem = new FlatGuestMemory(36);
    private final long pages = mem.pageTable();
    private final long pageCount = mem.pageCount();
    private final long base = mem.hostBase();

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void alignedAccessesReadBackLittleEndianWithTheirExtension() {
        mem.map(0x10000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        TranslatedAccess.st64(mem, pages, pageCount, base, 0x10008, 0x80f0e0d0c0b0a090L);
        assertEquals(0x90L, TranslatedAccess.ld8u(mem, pages, pageCount, base, 0x10008));
        assertEquals((byte) 0x90, TranslatedAccess.ld8s(mem, pages, pageCount, base, 0x10008));
        assertEquals(0xa090L, TranslatedAccess.ld16u(mem, pages, pageCount, base, 0x10008));
        assertEquals((short) 0xa090, TranslatedAccess.ld16s(mem, pages, pageCount, base, 0x10008));
        assertEquals(0xc0b0a090L, TranslatedAccess.ld32u(mem, pages, pageCount, base, 0x10008));
        assertEquals((int) 0xc0b0a090, TranslatedAccess.ld32s(mem, pages, pageCount, base, 0x10008));
        assertEquals(0x80f0e0d0c0b0a090L, TranslatedAccess.ld64(mem, pages, pageCount, base, 0x10008));
        TranslatedAccess.st8(mem, pages, pageCount, base, 0x10010, 0x1ff);
        TranslatedAccess.st16(mem, pages, pageCount, base, 0x10012, 0x12345);
        TranslatedAccess.st32(mem, pages, pageCount, base, 0x10014, 0x123456789L);
        assertEquals(0x23456789_2345_00ffL, mem.ld64(0x10010));
    }

    @Test
    void misalignedAndPageCrossingAccessesTakeTheSlowPathAndWork() {
        mem.map(0x10000, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
        TranslatedAccess.st64(mem, pages, pageCount, base, 0x10003, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, TranslatedAccess.ld64(mem, pages, pageCount, base, 0x10003));
        assertEquals(0x0304L, TranslatedAccess.ld16u(mem, pages, pageCount, base, 0x10007));
        TranslatedAccess.st32(mem, pages, pageCount, base, 0x10ffe, 0xaabbccddL);
        assertEquals(0xaabbccddL, TranslatedAccess.ld32u(mem, pages, pageCount, base, 0x10ffe));
        assertEquals(0xaabbL, mem.ld16u(0x11000), "the upper half landed on the next page");
    }

    @Test
    void faultsTrapWithTheirKindAndAddress() {
        mem.map(0x10000, 0x1000, GuestMemory.READ);
        GuestTrap unmapped = assertThrows(GuestTrap.class, () -> TranslatedAccess.ld32s(mem, pages, pageCount, base, 0x20000));
        assertEquals(GuestTrap.Kind.UNMAPPED, unmapped.kind());
        assertEquals(0x20000, unmapped.address());
        GuestTrap readOnly = assertThrows(GuestTrap.class, () -> TranslatedAccess.st16(mem, pages, pageCount, base, 0x10010, 1));
        assertEquals(GuestTrap.Kind.PROTECTION, readOnly.kind());
        assertThrows(GuestTrap.class, () -> TranslatedAccess.ld64(mem, pages, pageCount, base, 0x10ffc), "its tail is unmapped");
        assertThrows(GuestTrap.class, () -> TranslatedAccess.ld8u(mem, pages, pageCount, base, 1L << 36), "past the window");
        assertThrows(GuestTrap.class, () -> TranslatedAccess.ld64(mem, pages, pageCount, base, -8L), "the top of the address space");
    }

    @Test
    void aStoreToACodePageInvalidatesIt() {
        List<Long> dropped = new ArrayList<>();
        mem.setCodeWriteListener(dropped::add);
        mem.map(0x10000, 0x1000, GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC);
        mem.markCode(0x10000, 4);
        TranslatedAccess.st32(mem, pages, pageCount, base, 0x10100, 0x13);
        assertEquals(List.of(0x10000L), dropped);
        assertEquals(0x13, mem.ld32u(0x10100));
        TranslatedAccess.st32(mem, pages, pageCount, base, 0x10104, 0x13);
        assertEquals(List.of(0x10000L), dropped, "the page holds no code any more");
    }
}
