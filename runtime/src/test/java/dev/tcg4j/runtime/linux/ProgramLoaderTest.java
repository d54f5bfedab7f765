package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ProgramHeader;
import dev.tcg4j.runtime.testing.ElfImage;
import dev.tcg4j.runtime.testing.GuestToolchain;
import dev.tcg4j.runtime.testing.GuestToolchain.LoadSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramLoaderTest {
    @TempDir
    static Path dir;
    static Path program;
    static byte[] image;

    @BeforeAll
    static void compile() throws Exception {
        program = GuestToolchain.compileStatic(dir, "hello", """
                #include <stdio.h>
                static char zeroes[100000];
                int counter = 42;
                int main(void) { printf("%d %d\\n", counter, zeroes[500]); return 0; }
                """);
        image = Files.readAllBytes(program);
    }

    private static LoadedProgram load(AddressSpace space) throws Exception {
        return ProgramLoader.load(ElfFile.parse(image, 243), space);
    }

    @Test
    void mapsEveryLoadSegmentWithTheProtectionReadelfShows() throws Exception {
        AddressSpace space = new AddressSpace(new FlatGuestMemory(37));
        load(space);
        List<LoadSegment> segments = GuestToolchain.loadSegments(program);
        assertFalse(segments.isEmpty());
        for (LoadSegment s : segments) {
            int prot = space.memory().protection(s.vaddr());
            assertEquals(s.flags().contains("R"), (prot & GuestMemory.READ) != 0, s.toString());
            assertEquals(s.flags().contains("W"), (prot & GuestMemory.WRITE) != 0, s.toString());
            assertEquals(s.flags().contains("E"), (prot & GuestMemory.EXEC) != 0, s.toString());
            assertTrue(space.memory().isMapped(s.vaddr() + s.memSize() - 1), "end of " + s);
        }
    }

    @Test
    void copiesFileBytesAndZeroesTheRestOfEachSegment() throws Exception {
        AddressSpace space = new AddressSpace(new FlatGuestMemory(37));
        load(space);
        for (LoadSegment s : GuestToolchain.loadSegments(program)) {
            int n = (int) Math.min(s.fileSize(), 4096);
            byte[] expected = Arrays.copyOfRange(image, (int) s.offset(), (int) s.offset() + n);
            byte[] actual = readRaw(space.memory(), s.vaddr(), n);
            assertArrayEquals(expected, actual, "file bytes of " + s);
            if (s.memSize() > s.fileSize()) {
                long bss = s.vaddr() + s.fileSize();
                int len = (int) Math.min(s.memSize() - s.fileSize(), 100000);
                assertArrayEquals(new byte[len], readRaw(space.memory(), bss, len), "bss of " + s);
            }
        }
    }

    private static byte[] readRaw(GuestMemory m, long addr, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) m.ld8u(addr + i);
        }
        return b;
    }

    @Test
    void startsTheHeapAtThePageAfterTheHighestSegment() throws Exception {
        AddressSpace space = new AddressSpace(new FlatGuestMemory(37));
        LoadedProgram p = load(space);
        long end = 0;
        for (LoadSegment s : GuestToolchain.loadSegments(program)) {
            end = Math.max(end, s.vaddr() + s.memSize());
        }
        assertEquals((end + 0xfff) & ~0xfffL, p.brkStart());
        assertEquals(p.brkStart(), space.brk(0));
    }

    @Test
    void reportsEntryProgramHeadersAndSymbolsAsTheToolchainSees() throws Exception {
        AddressSpace space = new AddressSpace(new FlatGuestMemory(37));
        LoadedProgram p = load(space);
        String header = GuestToolchain.run("riscv64-linux-gnu-readelf", "-hW", program.toString());
        String entry = header.lines().filter(l -> l.contains("Entry point address")).findFirst().orElseThrow();
        assertEquals(Long.decode(entry.substring(entry.indexOf(':') + 1).trim()), p.entry());
        assertEquals(56, p.phent());
        // AT_PHDR must point at a copy of the program headers in guest memory
        assertArrayEquals(Arrays.copyOfRange(image, 64, 64 + 56), readRaw(space.memory(), p.phdrAddr(), 56));
        long main = GuestToolchain.symbolAddress(program, "main");
        assertEquals("main", p.symbols().symbolAt(main));
        assertEquals("main", p.symbols().symbolAt(main + 2));
    }

    @Test
    void givesASharedPageTheUnionOfBothSegmentsPermissions() throws Exception {
        byte[] code = {0x13, 0, 0, 0};
        byte[] data = {1, 2, 3, 4};
        byte[] img = new ElfImage()
                .segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_X, 0x10000, code, 4)
                .segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_W, 0x10800, data, 0x1000)
                .build();
        AddressSpace space = new AddressSpace(new FlatGuestMemory(37));
        ProgramLoader.load(ElfFile.parse(img, 243), space);
        GuestMemory m = space.memory();
        assertEquals(GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC, m.protection(0x10000));
        assertEquals(0x13, m.ld8u(0x10000));
        assertEquals(0x04030201L, m.ld32u(0x10800));
        assertEquals(GuestMemory.READ | GuestMemory.WRITE, m.protection(0x11000));
        assertEquals(0, m.ld8u(0x11000));
    }
}
