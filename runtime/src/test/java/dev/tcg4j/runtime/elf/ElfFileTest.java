package dev.tcg4j.runtime.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.runtime.testing.ElfImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ElfFileTest {
    private static final int RISCV = 243;

    private static ElfImage minimal() {
        return new ElfImage().segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_X, 0x10000,
                new byte[] {0x13, 0, 0, 0}, 4);
    }

    private static String reason(byte[] image) {
        return assertThrows(ElfFormatException.class, () -> ElfFile.parse(image, RISCV)).getMessage();
    }

    @Test
    void parsesHeaderProgramHeadersAndFunctionSymbols() throws Exception {
        byte[] image = minimal().entry(0x10000).function("main", 0x10000, 4).build();
        ElfFile elf = ElfFile.parse(image, RISCV);
        assertEquals(0x10000, elf.entry());
        assertEquals(ElfFile.ET_EXEC, elf.type());
        assertEquals(1, elf.programHeaders().size());
        ProgramHeader ph = elf.programHeaders().getFirst();
        assertTrue(ph.isLoad());
        assertEquals(4, ph.fileSize());
        assertEquals(new ElfSymbol("main", 0x10000, 4), elf.functions().getFirst());
    }

    @Test
    void rejectsAnEmptyFileAsNotElf() {
        assertEquals("not an ELF file", reason(new byte[0]));
    }

    @Test
    void rejectsATextFileAsNotElf() {
        assertEquals("not an ELF file", reason("#!/bin/sh\necho hi\n".getBytes()));
    }

    @Test
    void rejectsAHeaderCutShort() {
        byte[] image = Arrays.copyOf(minimal().build(), 40);
        assertTrue(reason(image).startsWith("truncated ELF file"));
    }

    @Test
    void rejectsA32BitFile() {
        byte[] image = minimal().build();
        image[4] = 1; // EI_CLASS = ELFCLASS32
        assertEquals("not a 64-bit ELF file", reason(image));
    }

    @Test
    void rejectsABigEndianFile() {
        byte[] image = minimal().build();
        image[5] = 2; // EI_DATA = ELFDATA2MSB
        assertEquals("not a little-endian ELF file", reason(image));
    }

    @Test
    void rejectsAnotherArchitectureNamingItsMachine() {
        byte[] image = minimal().machine(62).build();
        assertTrue(reason(image).contains("machine 62"));
    }

    @Test
    void rejectsARelocatableObject() {
        byte[] image = minimal().type(1).build();
        assertTrue(reason(image).startsWith("not an executable"));
    }

    @Test
    void namesTheInterpreterOfADynamicallyLinkedProgram() throws Exception {
        byte[] interp = "/lib/ld-linux-riscv64-lp64d.so.1\0".getBytes();
        byte[] image = minimal().segment(ProgramHeader.PT_INTERP, ProgramHeader.PF_R, 0x10100, interp, interp.length)
                .build();
        assertEquals("/lib/ld-linux-riscv64-lp64d.so.1", ElfFile.parse(image, 243).interpreter());
        assertNull(ElfFile.parse(minimal().build(), 243).interpreter());
    }

    @Test
    void rejectsAnInterpreterPathWithoutItsNul() {
        byte[] interp = "/lib/ld.so".getBytes();
        byte[] image = minimal().segment(ProgramHeader.PT_INTERP, ProgramHeader.PF_R, 0x10100, interp, interp.length)
                .build();
        assertEquals("Invalid PT_INTERP entry", reason(image));
    }

    @Test
    void rejectsTwoInterpreters() {
        byte[] interp = "/lib/ld.so\0".getBytes();
        byte[] image = minimal().segment(ProgramHeader.PT_INTERP, ProgramHeader.PF_R, 0x10100, interp, interp.length)
                .segment(ProgramHeader.PT_INTERP, ProgramHeader.PF_R, 0x10200, interp, interp.length)
                .build();
        assertEquals("Multiple PT_INTERP entries", reason(image));
    }

    @Test
    void rejectsProgramHeadersPastTheEnd() {
        byte[] image = minimal().build();
        byte[] cut = Arrays.copyOf(image, 64 + 20); // the first Elf64_Phdr needs 56 bytes
        assertTrue(reason(cut).contains("program headers"), reason(cut));
    }

    @Test
    void rejectsASegmentWhoseBytesAreMissing() {
        byte[] image = minimal().segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_W, 0x20000,
                new byte[300], 300).build();
        byte[] cut = Arrays.copyOf(image, image.length - 200);
        assertTrue(reason(cut).contains("segment"), reason(cut));
    }

    @Test
    void rejectsAFileWithoutLoadableSegments() {
        byte[] image = new ElfImage().segment(ProgramHeader.PT_GNU_STACK, ProgramHeader.PF_R, 0, new byte[0], 0)
                .build();
        assertEquals("no loadable segment", reason(image));
    }

    @Test
    void rejectsASegmentWithMoreFileThanMemoryBytes() {
        byte[] image = new ElfImage().segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R, 0x10000, new byte[16], 8)
                .build();
        assertTrue(reason(image).contains("file size over memory size"));
    }

    @Test
    void functionSymbolsCoverTheirRangeOnly() {
        FunctionSymbols syms = new FunctionSymbols(java.util.List.of(
                new ElfSymbol("a", 0x1000, 0x10), new ElfSymbol("b", 0x1010, 0x20), new ElfSymbol("marker", 0x2000, 0)),
                0);
        assertEquals("a", syms.symbolAt(0x1000));
        assertEquals("a", syms.symbolAt(0x100f));
        assertEquals("b", syms.symbolAt(0x1010));
        assertEquals("b", syms.symbolAt(0x102f));
        assertNull(syms.symbolAt(0x1030));
        assertNull(syms.symbolAt(0xfff));
        // as QEMU's symfind: a symbol of size zero covers nothing
        assertNull(syms.symbolAt(0x2000));
        assertNull(syms.symbolAt(0x2001));
    }

    @Test
    void aliasesAtOneAddressResolveAsGlibcsBsearchOverAStableSort() {
        // sorted: a(0x1000), m1(0x1010), m2(0x1010), m3(0x1010), z(0x1040); bsearch probes index 2 first
        FunctionSymbols syms = new FunctionSymbols(java.util.List.of(new ElfSymbol("z", 0x1040, 4),
                new ElfSymbol("m1", 0x1010, 0x20), new ElfSymbol("a", 0x1000, 0x10), new ElfSymbol("m2", 0x1010, 0x20),
                new ElfSymbol("m3", 0x1010, 0x20)), 0);
        assertEquals("m2", syms.symbolAt(0x1010));
        assertEquals("a", syms.symbolAt(0x1004));
        assertEquals("z", syms.symbolAt(0x1040));
    }

    @Test
    void functionSymbolsApplyTheLoadBias() {
        FunctionSymbols syms = new FunctionSymbols(java.util.List.of(new ElfSymbol("f", 0x100, 8)), 0x40000000L);
        assertEquals("f", syms.symbolAt(0x40000104L));
        assertNull(syms.symbolAt(0x104));
    }
}
