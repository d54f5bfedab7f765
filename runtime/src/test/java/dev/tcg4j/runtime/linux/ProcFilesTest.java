package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.linux.signal.Signals;
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
        proc.started(List.of("./prog", "a b", ""), 0, 0, 0);
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
        proc.started(List.of("p"), at, 32, at - 16);
        byte[] auxv = proc.contents("/proc/self/auxv");
        assertEquals(32, auxv.length);
        assertEquals(6, auxv[0]);
        assertEquals(0x10, auxv[9], "4096 little-endian");
    }

    private static final Signals.Masks NO_SIGNALS = new Signals.Masks(0, 0, 0, 0, 0);

    @Test
    void statDescribesTheGuestProcessInProcPidStatsOrder() {
        proc.started(List.of("/usr/bin/a-rather-long-program-name"), 0, 0, 0x3fffff00L);
        proc.describeWith(() -> new ProcFiles.Status(new byte[0], 7, 8, 9, 3, new CpuTimes(250_000_000, 30_000_000),
                new CpuTimes(1_000_000_000, 0), NO_SIGNALS));
        String line = new String(proc.contents("/proc/self/stat"), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n"), line);
        String[] f = line.strip().split(" ");
        assertEquals(52, f.length, line);
        assertEquals(String.valueOf(PID), f[0]);
        assertEquals("(a-rather-long-p)", f[1], "argv[0]'s last component, 15 characters, as qemu");
        assertEquals("R", f[2]);
        assertEquals(List.of("7", "8", "9"), List.of(f[3], f[4], f[5]), "ppid, pgrp, session");
        assertEquals(List.of("25", "3", "100", "0"), List.of(f[13], f[14], f[15], f[16]), "utime stime cutime cstime in ticks");
        assertEquals("3", f[19], "num_threads");
        assertEquals(String.valueOf(0x3fffff00L), f[27], "startstack");

        proc.describeWith(() -> new ProcFiles.Status("worker".getBytes(StandardCharsets.UTF_8), 7, 8, 9, 1,
                CpuTimes.ZERO, CpuTimes.ZERO, NO_SIGNALS));
        String renamed = new String(proc.contents("/proc/" + PID + "/stat"), StandardCharsets.UTF_8);
        assertTrue(renamed.startsWith(PID + " (worker) R 7 "), renamed);
    }

    @Test
    void statusIsTheHostsWithTheGuestProcessInPlaceOfTheJvm() throws Exception {
        proc.started(List.of("/bin/prog"), 0, 0, 0);
        proc.describeWith(() -> new ProcFiles.Status(new byte[0], 7, 8, 9, 3, CpuTimes.ZERO, CpuTimes.ZERO,
                new Signals.Masks(1L << 9, 1L << 14, 1L << 1, 1L << 12, (1L << 16) | (1L << 33))));
        String text = new String(proc.contents("/proc/self/status"), StandardCharsets.UTF_8);
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] kv = line.split(":\t?", 2);
            fields.put(kv[0], kv.length > 1 ? kv[1].strip() : "");
        }
        assertEquals("prog", fields.get("Name"));
        assertEquals(String.valueOf(PID), fields.get("Pid"));
        assertEquals(String.valueOf(PID), fields.get("Tgid"));
        assertEquals("7", fields.get("PPid"));
        assertEquals("3", fields.get("Threads"));
        assertEquals("0000000000000200", fields.get("SigPnd"), "SIGUSR1 (10) sent to the thread");
        assertEquals("0000000000004000", fields.get("ShdPnd"), "SIGALRM (15) sent to the process");
        assertEquals("0000000000000002", fields.get("SigBlk"));
        assertEquals("0000000000001000", fields.get("SigIgn"));
        assertEquals("0000000200010000", fields.get("SigCgt"));
        String host = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status"));
        assertEquals(host.lines().count(), text.lines().count(), "every line of the host's file, in its order");
        assertTrue(fields.containsKey("VmRSS") && fields.containsKey("Uid"), text);
        assertEquals("prog\n", new String(proc.contents("/proc/" + PID + "/comm"), StandardCharsets.UTF_8));
    }

    @Test
    void otherProcessesAndOtherFilesAreTheHosts() {
        assertNull(proc.contents("/proc/1/maps"));
        assertNull(proc.contents("/proc/1/status"));
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
