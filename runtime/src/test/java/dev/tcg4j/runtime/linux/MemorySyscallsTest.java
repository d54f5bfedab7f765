package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.testing.GuestProcessHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brk, mmap, munmap, mprotect and mremap as Linux documents them (man 2 brk, mmap, mremap). */
class MemorySyscallsTest {
    static final int BRK = 214;
    static final int MUNMAP = 215;
    static final int MREMAP = 216;
    static final int MMAP = 222;
    static final int MPROTECT = 226;
    static final int MADVISE = 233;
    static final int OPENAT = 56;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_PRIVATE = 2;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_FIXED_NOREPLACE = 0x100000;
    static final long PAGE = 4096;

    private final GuestProcessHarness h = new GuestProcessHarness("/prog");

    private long anon(long addr, long len, int flags) {
        return h.syscall(MMAP, addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    }

    @Test
    void brkStartsAtTheHeapAndMovesBothWays() {
        long start = h.syscall(BRK, 0);
        assertEquals(GuestProcessHarness.HEAP, start);
        assertEquals(start + 10000, h.syscall(BRK, start + 10000));
        h.memory.st8(start + 9999, 7);
        assertEquals(0, h.memory.ld8u(start + 5000), "fresh heap reads zero");
        assertEquals(start + 100, h.syscall(BRK, start + 100));
        assertTrue(h.memory.isMapped(start + 99));
        assertFalse(h.memory.isMapped(start + PAGE), "pages past the new break are gone");
        assertEquals(start + 100, h.syscall(BRK, start - PAGE), "below the start: unchanged");
    }

    @Test
    void brkRefusesToGrowIntoAMapping() {
        long start = h.syscall(BRK, 0);
        assertEquals(start + PAGE, anon(start + PAGE, PAGE, MAP_FIXED));
        assertEquals(start, h.syscall(BRK, start + 3 * PAGE), "the kernel returns the old break on failure");
    }

    @Test
    void anonymousMappingsArePageAlignedZeroedAndDisjoint() {
        long a = anon(0, 10000, 0);
        long b = anon(0, PAGE, 0);
        assertEquals(0, a % PAGE);
        assertEquals(0, b % PAGE);
        assertTrue(b + PAGE <= a || a + 3 * PAGE <= b, "no overlap");
        assertTrue(a >= h.space.stackTop(), "mmaps go above the stack, as in qemu-riscv64");
        assertEquals(0, h.memory.ld64(a + 9992));
        h.memory.st64(a, 42);
        assertEquals(42, h.memory.ld64(a));
    }

    @Test
    void munmapMakesAccessesFault() {
        long a = anon(0, 2 * PAGE, 0);
        assertEquals(0, h.syscall(MUNMAP, a, PAGE));
        assertThrows(GuestTrap.class, () -> h.memory.ld8u(a));
        h.memory.st8(a + PAGE, 1);
        assertEquals(-Errno.EINVAL, h.syscall(MUNMAP, a + 1, PAGE), "unaligned");
    }

    @Test
    void mapFixedReplacesAndNoreplaceRefuses() {
        long a = anon(0, 2 * PAGE, 0);
        h.memory.st8(a, 9);
        assertEquals(a, anon(a, PAGE, MAP_FIXED));
        assertEquals(0, h.memory.ld8u(a), "MAP_FIXED gives fresh zero pages");
        assertEquals(-Errno.EEXIST, anon(a, PAGE, MAP_FIXED_NOREPLACE));
        assertEquals(-Errno.EINVAL, anon(a + 1, PAGE, MAP_FIXED));
        assertEquals(-Errno.EINVAL, anon(0, 0, 0), "zero length");
    }

    @Test
    void mprotectToReadOnlyMakesStoresFault() {
        long a = anon(0, PAGE, 0);
        assertEquals(0, h.syscall(MPROTECT, a, PAGE, PROT_READ));
        GuestTrap t = assertThrows(GuestTrap.class, () -> h.memory.st8(a, 1));
        assertEquals(GuestTrap.Kind.PROTECTION, t.kind());
        assertEquals(-Errno.ENOMEM, h.syscall(MPROTECT, 0x7000_0000L, PAGE, PROT_READ), "not mapped");
    }

    @Test
    void losingExecutePermissionDropsTranslatedCode() {
        java.util.List<Long> dropped = new java.util.ArrayList<>();
        h.space.setCodeInvalidator(dropped::add);
        long a = h.syscall(MMAP, 0, 2 * PAGE, PROT_READ | 4 /* PROT_EXEC */, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        assertEquals(0, h.syscall(MPROTECT, a, 2 * PAGE, PROT_READ | 4));
        assertEquals(java.util.List.of(), dropped, "still executable: nothing to drop");
        assertEquals(0, h.syscall(MPROTECT, a, 2 * PAGE, PROT_READ));
        assertEquals(java.util.List.of(a, a + PAGE), dropped);
    }

    @Test
    void mremapGrowsKeepingTheContents() {
        long a = anon(0, PAGE, 0);
        h.memory.st64(a + 8, 0x1234);
        anon(a + PAGE, PAGE, MAP_FIXED); // block growth in place
        assertEquals(-Errno.ENOMEM, h.syscall(MREMAP, a, PAGE, 3 * PAGE, 0), "cannot grow in place, may not move");
        long moved = h.syscall(MREMAP, a, PAGE, 3 * PAGE, 1);
        assertTrue(moved > 0 && moved != a);
        assertEquals(0x1234, h.memory.ld64(moved + 8));
        assertEquals(0, h.memory.ld64(moved + 2 * PAGE));
        assertFalse(h.memory.isMapped(a), "the old range is unmapped");
    }

    @Test
    void madviseDontneedZeroesAnonymousPages() {
        long a = anon(0, PAGE, 0);
        h.memory.st64(a, -1);
        assertEquals(0, h.syscall(MADVISE, a, PAGE, 4));
        assertEquals(0, h.memory.ld64(a));
    }

    @Test
    void fileMappingsReadTheFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("m"), "mapped contents");
        long fd = h.syscall(OPENAT, -100, h.cString(f.toString()), 0, 0);
        long a = h.syscall(MMAP, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
        assertEquals("mapped contents", h.memory.readCString(a, 100));
        assertEquals(GuestMemory.READ, h.memory.protection(a));
        assertEquals(-Errno.EBADF, h.syscall(MMAP, 0, PAGE, PROT_READ, MAP_PRIVATE, 99, 0));
    }
}
