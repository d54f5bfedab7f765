package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A block as long as blocks get (huge_block: 600 straight-line instructions, cut at 512) with a
 * callback on every instruction is too large for one JVM method: -backend bytecode compiles it as
 * several methods that still run as one block. Plugins must not see the difference: the insn
 * plugin counts what QEMU executes, and the bb plugin counts the blocks that the interpreter, which
 * has no method to overflow, counts. (Not QEMU's block count: with a plugin loaded, QEMU 7.2's op
 * buffer fills after 190 of these instructions and ends the block there, which tcg4j does not model.)
 */
class HugeBlockTest {
    private static final Pattern TOTAL_INSNS = Pattern.compile("(?m)^total insns: (\\d+)$");
    private static final Pattern BB_BLOCKS = Pattern.compile("(?m)^bb's: (\\d+), insns: \\d+$");
    private static final Pattern SPLIT = Pattern.compile("(?m)^block 0x[0-9a-f]+: 512 insns, too large for one method");

    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    @Test
    void aBlockTooLargeForOneMethodStillCountsAsOneBlock() {
        Invocation guest = Invocation.of(runner.guest("huge_block"));
        RunResult split = instrumented(guest.withOptions("-d", "backend"), "bytecode");
        assertTrue(SPLIT.matcher(split.stderrText()).find(), "the 512-instruction block was not split");
        RunResult whole = instrumented(guest, InterpreterBackend.NAME);
        RunResult qemu = runner.runQemu(guest);
        assertEquals(0, qemu.exitStatus(), qemu::describe);
        assertEquals(qemu.stdoutText(), split.stdoutText(), split::describe);
        assertEquals(runner.qemuCounts(guest).insns(), count(TOTAL_INSNS, split), "instructions");
        assertEquals(count(BB_BLOCKS, whole), count(BB_BLOCKS, split), "blocks");
    }

    private static RunResult instrumented(Invocation guest, String backend) {
        RunResult run = runner.runTcg4j(guest.withOptions("-plugin", "insn,inline=off", "-plugin", "bb,inline=off"),
                backend);
        assertFalse(run.timedOut(), run::describe);
        assertEquals(0, run.exitStatus(), run::describe);
        return run;
    }

    private static long count(Pattern p, RunResult run) {
        Matcher m = p.matcher(run.stderrText());
        if (!m.find()) {
            fail("no line matching " + p + " in:\n" + run.describe());
        }
        return Long.parseLong(m.group(1));
    }
}
