package dev.tcg4j.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.it.harness.OracleCounts;
import dev.tcg4j.testing.guest.RunResult;
import dev.tcg4j.it.harness.TraceDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the QEMU oracle plugins themselves on count_tiny.S, whose counts are derived by hand
 * in its header comment: 56 executed instructions, 10 loads and 10 stores of 8 bytes.
 */
class QemuOracleTest {

    private static GuestRunner runner;
    private Path scratch;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    @BeforeEach
    void makeScratch() {
        scratch = GuestRunner.tempDirectory();
    }

    @AfterEach
    void removeScratch() {
        GuestRunner.deleteRecursively(scratch);
    }

    @Test
    void countsEveryInstructionLoadAndStoreOfTheTinyProgram() {
        OracleCounts counts = runner.qemuCounts(Invocation.of(runner.guest("count_tiny")));
        assertEquals(56, counts.insns(), "instructions");
        assertEquals(10, counts.loads(), "loads");
        assertEquals(10, counts.stores(), "stores");
    }

    @Test
    void countingDoesNotChangeWhatTheGuestDoes() {
        Invocation tiny = Invocation.of(runner.guest("count_tiny"));
        RunResult counted = runner.runQemu(tiny.withOptions("-plugin", runner.oraclePlugin("count.so").toString(),
                "-d", "plugin", "-D", scratch.resolve("log").toString()));
        assertEquals(30, counted.exitStatus(), counted::describe);
    }

    @Test
    void tracesEachInstructionFollowedByItsAccesses() throws IOException {
        Path trace = scratch.resolve("trace.txt");
        RunResult run = runner.qemuTrace(Invocation.of(runner.guest("count_tiny")), trace);
        assertEquals(30, run.exitStatus(), run::describe);
        List<String> lines = Files.readAllLines(trace);
        assertEquals(56, lines.stream().filter(l -> l.startsWith("I ")).count(), "instruction events");
        assertEquals(10, lines.stream().filter(l -> l.startsWith("M ") && l.endsWith(" 8 r")).count(), "8-byte loads");
        assertEquals(10, lines.stream().filter(l -> l.startsWith("M ") && l.endsWith(" 8 w")).count(), "8-byte stores");
        int firstLoad = indexOfFirst(lines, "M ");
        assertTrue(lines.get(firstLoad - 1).contains(" ld "), "a load follows its ld instruction: " + lines.get(firstLoad - 1));
        assertTrue(lines.getLast().contains("ecall"), "the last instruction is the exit ecall: " + lines.getLast());
    }

    @Test
    void twoTracesOfTheSameRunDoNotDiverge() {
        Path first = scratch.resolve("first.txt");
        Path second = scratch.resolve("second.txt");
        Invocation tiny = Invocation.of(runner.guest("count_tiny"));
        runner.qemuTrace(tiny, first);
        runner.qemuTrace(tiny, second);
        assertEquals(java.util.Optional.empty(), TraceDiff.firstDivergence(first, second));
    }

    private static int indexOfFirst(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }
}
