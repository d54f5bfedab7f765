package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.it.harness.OracleCounts;
import dev.tcg4j.testing.guest.RunResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a qemu user types works: QEMU's plugin file names, errors that name the plugin, a failing
 * plugin's stack trace under {@code -d plugin}; and a translation callback registered after install
 * sees every block from then on (QEMU's count, when registered at vCPU init).
 */
class PluginCommandLineTest {
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    private static RunResult tcg4j(String guest, String... options) {
        return runner.runTcg4j(Invocation.of(runner.guest(guest)).withOptions(options));
    }

    @Test
    void qemuPluginFileNamesRunTheBuiltInPlugin() {
        OracleCounts qemu = runner.qemuCounts(Invocation.of(runner.guest("count_tiny")));
        for (String spelling : new String[] {"./libinsn.so", "/usr/lib/x86_64-linux-gnu/qemu/libinsn.so", "file=libinsn.so"}) {
            RunResult run = tcg4j("count_tiny", "-plugin", spelling);
            assertEquals(30, run.exitStatus(), run::describe);
            assertTrue(run.stderrText().contains("total insns: " + qemu.insns() + "\n"), run::describe);
        }
    }

    @Test
    void anArgumentErrorIsOneLineNamingThePlugin() {
        RunResult run = tcg4j("count_tiny", "-plugin", "./libbb.so,inline=maybe");
        assertEquals(1, run.exitStatus(), run::describe);
        assertEquals("tcg4j-riscv64: plugin bb: boolean argument parsing failed: inline=maybe"
                + " (expected on/off, yes/no, true/false)\n", run.stderrText());
    }

    @Test
    void aThrowingPluginIsOneLineAndItsStackTraceUnderDPlugin() {
        RunResult quiet = tcg4j("count_tiny", "-plugin", "test-throw");
        assertEquals(1, quiet.exitStatus(), quiet::describe);
        assertEquals("tcg4j-riscv64: plugin test-throw failed: java.lang.IllegalStateException: thrown on purpose\n",
                quiet.stderrText());
        RunResult traced = tcg4j("count_tiny", "-d", "plugin", "-plugin", "test-throw");
        assertEquals(1, traced.exitStatus(), traced::describe);
        assertTrue(traced.stderrText().contains("\tat dev.tcg4j.it.plugins.qemu.ThrowTestPlugin.failDeeply("),
                traced::describe);
    }

    @Test
    void aTranslationCallbackRegisteredAtVcpuInitSeesEveryBlock() {
        OracleCounts qemu = runner.qemuCounts(Invocation.of(runner.guest("strings")));
        RunResult run = tcg4j("strings", "-plugin", "test-late,at=init");
        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stderrText().contains("late insns: " + qemu.insns() + ", flushes: 1\n"), run::describe);
    }

    @Test
    void aTranslationCallbackRegisteredMidRunDropsTranslatedCodeAndCountsFromThen() {
        RunResult all = tcg4j("strings", "-plugin", "test-late,at=init");
        RunResult late = tcg4j("strings", "-plugin", "test-late,at=syscall");
        assertEquals(0, late.exitStatus(), late::describe);
        Pattern p = Pattern.compile("late insns: (\\d+), flushes: 1\n");
        Matcher a = p.matcher(all.stderrText());
        Matcher l = p.matcher(late.stderrText());
        assertTrue(a.find() && l.find(), late::describe);
        long fromStart = Long.parseLong(a.group(1));
        long fromFirstSyscall = Long.parseLong(l.group(1));
        // blocks that ran before the first system call had no callback; those after all do
        assertTrue(fromFirstSyscall > 0 && fromFirstSyscall < fromStart, fromFirstSyscall + " of " + fromStart);
    }
}
