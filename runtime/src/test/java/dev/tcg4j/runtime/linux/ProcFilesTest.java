package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The /proc files qemu's do_openat makes up, found by qemu's is_proc_myself. */
class ProcFilesTest {
    private static final int PID = 4242;
    private final GuestMemory memory = new FlatGuestMemory(32);
    private final AddressSpace space = new AddressSpace(memory);
    private final ProcFiles proc = new ProcFiles(space, PID, "rv64imafdc");

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void cmdlineIsTheGuestsArgvEachEndedByNul() {
        proc.started(List.of("./prog", "a b", ""), 0, 0);
        assertArrayEquals("./prog\0a b\0\0".getBytes(StandardCharsets.UTF_8), proc.contents("/proc/self/cmdline"));
        assertArrayEquals(proc.contents("/proc/self/cmdline"), proc.contents("/proc/" + PID + "/cmdline"));
    }

    @Test
    void auxvIsTheVectorOnTheInitialStack() {
        space.mapStack();
        long at = space.stackTop() - 64;
        memory.st64(at, 6);
        memory.st64(at + 8, 4096);
        memory.st64(at + 16, 0);
        memory.st64(at + 24, 0);
        proc.started(List.of("p"), at, 32);
        byte[] auxv = proc.contents("/proc/self/auxv");
        assertEquals(32, auxv.length);
        assertEquals(6, auxv[0]);
        assertEquals(0x10, auxv[9], "4096 little-endian");
    }

    @Test
    void otherProcessesAndOtherFilesAreTheHosts() {
        assertNull(proc.contents("/proc/1/maps"));
        assertNull(proc.contents("/proc/self/status"));
        assertNull(proc.contents("/etc/passwd"));
        assertNull(proc.contents("/proc/selfmaps"));
    }

    @Test
    void cpuinfoHasOneRiscvBlockPerProcessor() {
        String text = new String(proc.contents("/proc/cpuinfo"), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("processor\t: 0\nhart\t\t: 0\nisa\t\t: rv64imafdc\nmmu\t\t: sv57\nuarch\t\t: qemu\n\n"), text);
        assertEquals(Runtime.getRuntime().availableProcessors(), text.split("\n\n").length);
    }

    @Test
    void mapsIsTheAddressSpacesListing() {
        space.mapStack();
        assertEquals(space.describeMaps(), new String(proc.contents("/proc/self/maps"), StandardCharsets.UTF_8));
    }
}
