package dev.tcg4j.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlatGuestMemoryTest {
    private final FlatGuestMemory mem = new FlatGuestMemory(36);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void readsBackWhatItStoresLittleEndian() {
        mem.map(0x10000, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
        mem.st64(0x10008, 0x1122334455667788L);
        assertEquals(0x88, mem.ld8u(0x10008));
        assertEquals(0x7788, mem.ld16u(0x10008));
        assertEquals(0x55667788L, mem.ld32u(0x10008));
        assertEquals(0x1122334455667788L, mem.ld64(0x10008));
        mem.st32(0x10010, 0xfffffff0L);
        assertEquals(-16L, mem.ld32s(0x10010));
        assertEquals(0xfffffff0L, mem.ld32u(0x10010));
    }

    @Test
    void accessesCrossingIntoTheNextPageWork() {
        mem.map(0x10000, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
        mem.st64(0x10ffc, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, mem.ld64(0x10ffc));
        assertEquals(0x0102L, mem.ld16u(0x11002));
    }

    @Test
    void unmappedAndReadOnlyPagesTrap() {
        mem.map(0x10000, 0x1000, GuestMemory.READ);
        GuestTrap t = assertThrows(GuestTrap.class, () -> mem.ld64(0x20000));
        assertEquals(GuestTrap.Kind.UNMAPPED, t.kind());
        assertEquals(0x20000, t.address());
        GuestTrap w = assertThrows(GuestTrap.class, () -> mem.st8(0x10000, 1));
        assertEquals(GuestTrap.Kind.PROTECTION, w.kind());
        assertThrows(GuestTrap.class, () -> mem.ld64(0x10ffc), "tail of the access is unmapped");
        assertThrows(GuestTrap.class, () -> mem.ld8u(-1L));
    }

    @Test
    void unmapForgetsContents() {
        mem.map(0x10000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        mem.st64(0x10000, 42);
        mem.unmap(0x10000, 0x1000);
        mem.map(0x10000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        assertEquals(0, mem.ld64(0x10000));
    }

    @Test
    void writesToCodePagesNotifyOncePerMarking() {
        List<Long> pages = new ArrayList<>();
        mem.setCodeWriteListener(pages::add);
        mem.map(0x10000, 0x2000, GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC);
        mem.markCode(0x10000, 4);
        mem.st32(0x10100, 1);
        mem.st32(0x10104, 2);
        assertEquals(List.of(0x10000L), pages);
        assertEquals(1, mem.ld32u(0x10100));
    }

    @Test
    void fetchNeedsExecPermission() {
        mem.map(0x10000, 0x1000, GuestMemory.READ);
        assertEquals(GuestTrap.Kind.PROTECTION, assertThrows(GuestTrap.class, () -> mem.fetch16(0x10000)).kind());
    }

    @Test
    void codeOutsideTheWindowIsUnmappedNotAnError() {
        for (long pc : new long[] {0x892ae05afc06e456L, -4096L, 1L << 41, (1L << 41) - 2}) {
            mem.markCode(pc, 4);
            GuestTrap t = assertThrows(GuestTrap.class, () -> mem.fetch16(pc));
            assertEquals(GuestTrap.Kind.UNMAPPED, t.kind());
            assertEquals(pc, t.address());
        }
    }

    @Test
    void casExchangesOnlyOnMatchAndRejectsMisalignment() {
        mem.map(0x10000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        mem.st64(0x10000, 5);
        assertEquals(5, mem.cas64(0x10000, 5, 9));
        assertEquals(9, mem.cas64(0x10000, 5, 11));
        assertEquals(9, mem.ld64(0x10000));
        assertEquals(GuestTrap.Kind.MISALIGNED, assertThrows(GuestTrap.class, () -> mem.cas64(0x10004, 0, 1)).kind());
    }

    @Test
    void closeGivesTheWindowAndItsTableBackAndLaterCheckedAccessesFail() throws IOException {
        int bits = 40;
        long before = vmSizeBytes();
        FlatGuestMemory big = new FlatGuestMemory(bits);
        long reserved = vmSizeBytes() - before;
        long window = 1L << bits;
        long table = window >>> GuestMemory.PAGE_SHIFT;
        assertTrue(reserved >= window + table, "reserved " + reserved);
        big.map(0x10000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        big.close();
        big.close();
        assertTrue(vmSizeBytes() - before < table, "still reserved after close: " + (vmSizeBytes() - before));
        assertThrows(IllegalStateException.class, () -> big.read(0x10000, 8));
        assertThrows(IllegalStateException.class, () -> big.map(0x20000, 0x1000, GuestMemory.READ));
    }

    /** This JVM's virtual size, as Linux reports it in /proc/self/status ("VmSize:  123 kB"). */
    private static long vmSizeBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmSize in /proc/self/status");
    }

    /** A store as an observer saw it: where, and the bytes it overwrote, as hex. */
    private record Seen(long address, String overwritten) {
        static Seen of(long address, byte[] old) {
            StringBuilder sb = new StringBuilder();
            for (byte b : old) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return new Seen(address, sb.toString());
        }
    }

    @Test
    void anObserverSeesEveryStoreWithTheBytesItOverwritesOnTheFastPathsToo() {
        mem.map(0x10000, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
        mem.st64(0x10000, 0x1122334455667788L);
        List<Seen> seen = new ArrayList<>();
        mem.observeStores((a, old) -> seen.add(Seen.of(a, old)));
        // an aligned store that would take the translated fast path, a page-crossing one, an atomic, a bulk write
        TranslatedAccess.st32(mem, mem.pageTable(), mem.pageCount(), mem.hostBase(), 0x10000, 0xaabbccddL);
        mem.st16(0x10fff, 0x0102);
        mem.cas64(0x10008, 0, 7);
        mem.write(0x10010, new byte[] {9, 9});
        mem.observeStores(null);
        mem.st8(0x10020, 1);

        assertEquals(List.of(new Seen(0x10000, "88776655"), new Seen(0x10fff, "0000"), new Seen(0x10008, "0000000000000000"),
                new Seen(0x10010, "0000")), seen);
        assertEquals(0x11223344aabbccddL, mem.ld64(0x10000), "observed stores still happen");
        assertEquals(7, mem.ld64(0x10008));
    }

    @Test
    void aStoreThatFaultsIsNotObserved() {
        mem.map(0x10000, 0x1000, GuestMemory.READ);
        List<Long> seen = new ArrayList<>();
        mem.observeStores((a, old) -> seen.add(a));
        assertThrows(GuestTrap.class, () -> mem.st64(0x10000, 1));
        assertThrows(GuestTrap.class, () -> mem.cas32(0x10000, 0, 1));
        assertEquals(List.of(), seen);
    }

    @Test
    void pagesMappedOrProtectedWhileObservedAreObservedToo() {
        List<Long> seen = new ArrayList<>();
        mem.observeStores((a, old) -> seen.add(a));
        mem.map(0x30000, 0x1000, GuestMemory.READ);
        mem.protect(0x30000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        TranslatedAccess.st64(mem, mem.pageTable(), mem.pageCount(), mem.hostBase(), 0x30008, 5);
        assertEquals(List.of(0x30008L), seen);
        assertEquals(GuestMemory.READ | GuestMemory.WRITE, mem.protection(0x30000), "the observed bit is no permission");
    }

    @Test
    void aPageMappedWithoutAccessThenMadeWritableIsObserved() {
        // glibc's thread stacks: mmap(PROT_NONE), then mprotect(PROT_READ | PROT_WRITE)
        List<Long> seen = new ArrayList<>();
        mem.observeStores((a, old) -> seen.add(a));
        mem.map(0x40000, 0x1000, 0);
        mem.protect(0x40000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        TranslatedAccess.st64(mem, mem.pageTable(), mem.pageCount(), mem.hostBase(), 0x40008, 5);
        assertEquals(List.of(0x40008L), seen);
    }

    @Test
    void aReservationOpenedBeforeTheFirstObserverIsObserved() {
        // a loader's way: the program's reservation mapped PROT_NONE, its segments opened, then
        // lockstep starts observing; in a 1 GiB chunk nothing else was ever mapped in
        long reservation = 0x8000_0000L;
        mem.map(reservation, 0x4000, 0);
        mem.protect(reservation + 0x1000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        List<Long> seen = new ArrayList<>();
        mem.observeStores((a, old) -> seen.add(a));
        TranslatedAccess.st64(mem, mem.pageTable(), mem.pageCount(), mem.hostBase(), reservation + 0x1008, 5);
        assertEquals(List.of(reservation + 0x1008), seen);
    }

    @Test
    void copyPagesGivesAForkTheParentsContentsAndPermissionsButNoSharing() {
        mem.map(0x10000, 0x3000, GuestMemory.READ | GuestMemory.WRITE);
        mem.st64(0x10008, 0x1122334455667788L);
        mem.st8(0x12fff, 0x5a);
        mem.protect(0x12000, 0x1000, GuestMemory.READ);
        FlatGuestMemory child = new FlatGuestMemory(36);
        try {
            child.copyPages(mem, 0x10000, 0x4000);
            assertEquals(0x1122334455667788L, child.ld64(0x10008));
            assertEquals(0, child.ld64(0x11000), "a page of zeros reads as zeros");
            assertEquals(0x5a, child.ld8u(0x12fff));
            assertEquals(GuestMemory.READ, child.protection(0x12000));
            assertEquals(GuestMemory.READ | GuestMemory.WRITE, child.protection(0x11000));
            assertEquals(0, child.protection(0x13000), "an unmapped page stays unmapped");
            assertThrows(GuestTrap.class, () -> child.st8(0x12000, 1));
            child.st64(0x10008, 7);
            assertEquals(0x1122334455667788L, mem.ld64(0x10008), "the parent's page is its own");
        } finally {
            child.close();
        }
    }

    /** A file of {@code pages} pages whose every 8-byte word holds its own file offset plus one. */
    private static Path numberedFile(int pages) throws IOException {
        Path file = Files.createTempFile("tcg4j-mapped", ".bin");
        java.nio.ByteBuffer words = java.nio.ByteBuffer.allocate(pages * GuestMemory.PAGE_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < words.capacity(); off += 8) {
            words.putLong(off, off + 1);
        }
        Files.write(file, words.array());
        file.toFile().deleteOnExit();
        return file;
    }

    @Test
    void aMappedFileReadsAsTheFileAndAWriteStaysInMemory() throws IOException {
        Path file = numberedFile(3);
        mem.map(0x20000, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
        assertTrue(mem.mapFile(0x20000, 0x2000, file, GuestMemory.PAGE_SIZE));
        assertEquals(GuestMemory.PAGE_SIZE + 1, mem.ld64(0x20000), "the mapping starts at the file offset");
        assertEquals(2 * GuestMemory.PAGE_SIZE + 8 + 1, mem.ld64(0x21008));
        mem.st64(0x21008, 42);
        assertEquals(42, mem.ld64(0x21008));
        assertEquals(2 * GuestMemory.PAGE_SIZE + 8 + 1, java.nio.ByteBuffer.wrap(Files.readAllBytes(file))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(2 * GuestMemory.PAGE_SIZE + 8), "the file is not written");
        mem.unmap(0x21000, 0x1000);
        mem.map(0x21000, 0x1000, GuestMemory.READ);
        assertEquals(0, mem.ld64(0x21008), "a page mapped again reads zeros, not the file");
        assertEquals(GuestMemory.PAGE_SIZE + 1, mem.ld64(0x20000), "the rest of the mapping stays");
    }

    /** A host fd of {@code file}, as the runtime has one for a guest's open file. */
    private static int openHostFd(Path file, int flags) throws Throwable {
        var linker = java.lang.foreign.Linker.nativeLinker();
        var open = linker.downcallHandle(linker.defaultLookup().find("open").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                        java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_INT));
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            int fd = (int) open.invokeExact(arena.allocateFrom(file.toString()), flags);
            assertTrue(fd >= 0, "open " + file);
            return fd;
        }
    }

    private static void closeHostFd(int fd) throws Throwable {
        var linker = java.lang.foreign.Linker.nativeLinker();
        var close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                        java.lang.foreign.ValueLayout.JAVA_INT));
        assertEquals(0, (int) close.invokeExact(fd));
    }

    private static long fileWord(Path file, int offset) throws IOException {
        return java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    @Test
    void aSharedMappingsStoresReachTheFileAndAForksChildWhichSharesIt() throws Throwable {
        Path file = numberedFile(3);
        int fd = openHostFd(file, 2 /* O_RDWR */);
        mem.map(0x60000, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
        assertTrue(mem.mapOpenFile(0x60000, 0x2000, fd, GuestMemory.PAGE_SIZE, true));
        closeHostFd(fd); // as programs close theirs after mmap
        assertEquals(GuestMemory.PAGE_SIZE + 1, mem.ld64(0x60000), "the mapping starts at the file offset");
        mem.st64(0x61008, 42);
        assertEquals(0, mem.syncMapped(0x60000, 0x2000, 4 /* MS_SYNC */));
        assertEquals(42, fileWord(file, 2 * GuestMemory.PAGE_SIZE + 8), "the store reached the file");
        FlatGuestMemory child = new FlatGuestMemory(36);
        try {
            child.copyPages(mem, 0x60000, 0x2000);
            child.st64(0x60010, 77);
            assertEquals(77, mem.ld64(0x60010), "the child's store is the parent's");
            mem.unmap(0x60000, 0x2000);
            child.st64(0x61010, 78);
            assertEquals(78, fileWord(file, 2 * GuestMemory.PAGE_SIZE + 16),
                    "the child's mapping outlives the parent's and the fd it was made from");
        } finally {
            child.close();
        }
    }

    @Test
    void aPrivateMappingOfAnOpenFileKeepsItsStoresAndAForkCopiesThem() throws Throwable {
        Path file = numberedFile(2);
        int fd = openHostFd(file, 0 /* O_RDONLY */);
        mem.map(0x70000, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
        assertTrue(mem.mapOpenFile(0x70000, 0x2000, fd, 0, false));
        closeHostFd(fd);
        mem.st64(0x71000, 5);
        assertEquals(GuestMemory.PAGE_SIZE + 1, fileWord(file, GuestMemory.PAGE_SIZE), "the file is not written");
        FlatGuestMemory child = new FlatGuestMemory(36);
        try {
            child.copyPages(mem, 0x70000, 0x2000);
            mem.st64(0x71000, 6);
            assertEquals(5, child.ld64(0x71000), "the parent's store before the fork, not after");
            assertEquals(9, child.ld64(0x70008), "an unwritten page reads the file");
        } finally {
            child.close();
        }
    }

    @Test
    void aForkSeesTheParentsWritesToAMappedFileAndNotItsLaterOnes() throws IOException {
        Path file = numberedFile(4);
        mem.map(0x40000, 0x5000, GuestMemory.READ | GuestMemory.WRITE);
        assertTrue(mem.mapFile(0x40000, 0x4000, file, 0));
        mem.st64(0x41010, 7);
        mem.st64(0x44000, 9); // past the file: a page of its own
        mem.protect(0x42000, 0x2000, GuestMemory.READ | GuestMemory.EXEC);
        FlatGuestMemory child = new FlatGuestMemory(36);
        try {
            child.copyPages(mem, 0x40000, 0x5000);
            mem.protect(0x42000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
            mem.st64(0x42000, 5);
            mem.st64(0x40000, 6);
            assertEquals(7, child.ld64(0x41010), "the parent's write before the fork");
            assertEquals(0x1018 + 1, child.ld64(0x41018), "the rest of that page");
            assertEquals(1, child.ld64(0x40000), "a page the parent wrote after the fork reads as before");
            assertEquals(0x2000 + 1, child.ld64(0x42000));
            assertEquals(9, child.ld64(0x44000));
            assertEquals(GuestMemory.READ | GuestMemory.EXEC, child.protection(0x43000));
            child.protect(0x43000, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
            child.st64(0x43000, 11);
            assertEquals(0x3000 + 1, mem.ld64(0x43000), "the child's write is its own");
            child.unmap(0x40000, 0x5000);
            child.map(0x40000, 0x5000, GuestMemory.READ);
            assertEquals(0, child.ld64(0x41010), "mapped again: zeros");
            assertEquals(7, mem.ld64(0x41010));
        } finally {
            child.close();
        }
    }
}
