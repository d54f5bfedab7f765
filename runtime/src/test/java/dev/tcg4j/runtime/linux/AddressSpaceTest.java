package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** qemu-riscv64 7.2's placement (linux-user/mmap.c mmap_find_vma, elfload.c setup_arg_pages). */
class AddressSpaceTest {
    private static final long PAGE = AddressSpace.PAGE;
    private final GuestMemory memory = new FlatGuestMemory(41);
    private final AddressSpace space = new AddressSpace(memory, 8L << 20);

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void mappingsWithoutAnAddressGoUpwardsFromTaskUnmappedBase() {
        long a = space.mapAnywhere(0, 3 * PAGE, GuestMemory.READ);
        long b = space.mapAnywhere(0, PAGE, GuestMemory.READ);
        assertEquals(0x4000000000L, a);
        assertEquals(a + 3 * PAGE, b);
    }

    @Test
    void aFreedRangeBelowTheNextStartIsNotReused() {
        long a = space.mapAnywhere(0, PAGE, GuestMemory.READ);
        space.unmap(a, PAGE);
        assertEquals(a + PAGE, space.mapAnywhere(0, PAGE, GuestMemory.READ));
    }

    @Test
    void aHintThatIsFreeIsTakenAndLeavesTheNextStartAlone() {
        long hint = 0x5000000000L;
        assertEquals(hint, space.mapAnywhere(hint, PAGE, GuestMemory.READ));
        assertEquals(0x4000000000L, space.mapAnywhere(0, PAGE, GuestMemory.READ));
    }

    @Test
    void theStackIsOneMappingWithItsGuardPageLowest() {
        space.mapStack();
        assertEquals(0x4000000000L + PAGE + (8L << 20), space.stackTop());
        assertEquals(0, memory.protection(0x4000000000L));
        assertEquals(GuestMemory.READ | GuestMemory.WRITE, memory.protection(0x4000000000L + PAGE));
    }

    @Test
    void mapsListsRunsOfEqualPermissionsAndBackingInQemusFormat() {
        space.mapStack();
        long lib = space.mapAnywhere(0, 3 * PAGE, GuestMemory.READ | GuestMemory.EXEC);
        space.labelFile(lib, 2 * PAGE, new AddressSpace.MappedFile("/lib/libx.so", 0xfe00, 42), 0x1000);
        String maps = space.describeMaps();
        String[] lines = maps.split("\n");
        assertEquals("4000000000-4000001000 ---p 00000000 00:00 0", lines[0].strip());
        assertEquals("4000001000-4000801000 rw-p 00000000 00:00 0                              [stack]", lines[1]);
        assertEquals("4000801000-4000803000 r-xp 00001000 fe:00 42                             /lib/libx.so", lines[2]);
        assertEquals("4000803000-4000804000 r-xp 00000000 00:00 0", lines[3].strip());
        assertTrue(lines[3].length() == 73, "an anonymous line is padded to the path column");
    }
}
