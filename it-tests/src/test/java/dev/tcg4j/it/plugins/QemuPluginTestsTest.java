package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcg4j.backend.lockstep.LockstepBackend;
import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.it.harness.OracleCounts;
import dev.tcg4j.testing.guest.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QEMU's tests/tcg/plugins that apply to user mode, ported as the Java plugins of
 * {@code dev.tcg4j.it.plugins.qemu} (bb, insn and mem are the contrib plugins, checked against QEMU
 * by {@link PluginCountsTest}), run by tcg4j on it-tests guests. Where qemu-riscv64 7.2 can say what
 * the answer is (instruction and access counts, the system calls of {@code -strace}), it does.
 */
class QemuPluginTestsTest {
    private static final Pattern INLINE = Pattern.compile("(?m)^tb: (\\d+), insn: (\\d+), mem: (\\d+)$");
    private static final Pattern QEMU_STRACE_CALL = Pattern.compile("(?m)^\\d+ [a-z_0-9]+\\(");
    /** rt_sigreturn excepted: qemu's strace shows its internal -QEMU_ESIGRETURN there, which the guest never sees. */
    private static final Pattern QEMU_STRACE_ERROR =
            Pattern.compile("(?m)^\\d+ (?!rt_sigreturn\\()[a-z_0-9]+\\(.* = -1 errno=");
    private static final Pattern SYSCALL_ROW = Pattern.compile("(?m)^(\\d+) +(\\d+) +(\\d+)$");
    private static final Pattern DISCONS =
            Pattern.compile("(?m)^discons: interrupt (\\d+), exception (\\d+), hostcall (\\d+), mismatches (\\d+)$");

    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    private static RunResult tcg4j(String plugin, String guest, String... args) {
        // a callback before every instruction that writes registers back: slow on a loaded machine
        RunResult run = runner.runTcg4j(Invocation.of(runner.guest(guest), args).withOptions("-plugin", plugin)
                .withTimeout(Duration.ofMinutes(5)));
        assertFalse(run.timedOut(), run::describe);
        return run;
    }

    private static Matcher find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            fail("no line matching " + p + " in:\n" + text);
        }
        return m;
    }

    @Test
    void emptyChangesNothing() {
        RunResult plain = runner.runTcg4j(Invocation.of(runner.guest("strings")));
        RunResult empty = tcg4j("test-empty", "strings");
        assertEquals(plain.exitStatus(), empty.exitStatus(), empty::describe);
        assertArrayEquals(plain.stdout(), empty.stdout(), empty::describe);
        assertEquals("", empty.stderrText(), empty::describe);
    }

    static List<String> backendsButLockstep() {
        return GuestRunner.create().backendNames().stream().filter(b -> !b.equals(LockstepBackend.NAME)).toList();
    }

    /**
     * 300 threads alive at once, each on a vCPU of its own, past the 256 rows scoreboards once had:
     * each vCPU's row is made as it starts, as QEMU's scoreboards grow with vCPUs, and the inline
     * counts of every vCPU add up to the callbacks'. A threaded run's totals vary with the
     * interleaving (futex waits, spinning), so no QEMU count is the oracle here; QEMU's own
     * inline.c test checks threaded guests this same way. The guest's output is qemu-riscv64's.
     */
    @ParameterizedTest
    @MethodSource("backendsButLockstep")
    void scoreboardsGrowAsThreadsStart(String backend) {
        Invocation guest = Invocation.of(runner.guest("threads_many")).withTimeout(Duration.ofMinutes(5));
        RunResult run = runner.runTcg4j(guest.withOptions("-plugin", "test-inline"), backend);
        assertFalse(run.timedOut(), run::describe);
        assertTrue(run.stderrText().contains("inline checks: ok"), run::describe);
        RunResult qemu = runner.runQemu(guest);
        assertEquals(0, qemu.exitStatus(), qemu::describe);
        assertEquals(qemu.stdoutText(), run.stdoutText(), run::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"count_tiny", "atomics", "strings"})
    void inlineCallbackAndConditionalCountsAgreeWithEachOtherAndWithQemu(String guest) {
        RunResult run = tcg4j("test-inline", guest);
        assertTrue(run.stderrText().contains("inline checks: ok"), run::describe);
        Matcher m = find(INLINE, run.stderrText());
        OracleCounts qemu = runner.qemuCounts(Invocation.of(runner.guest(guest)));
        assertEquals(qemu.insns(), Long.parseLong(m.group(2)), "instructions");
        assertEquals(qemu.loads() + qemu.stores(), Long.parseLong(m.group(3)), "memory accesses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"malloc_heavy", "strings", "signals"})
    void syscallTableCountsTheCallsAndErrorsOfQemusStrace(String guest) {
        RunResult run = tcg4j("syscall", guest);
        assertTrue(run.stderrText().startsWith("syscall no.  calls  errors\n"), run::describe);
        long calls = 0;
        long errors = 0;
        Matcher rows = SYSCALL_ROW.matcher(run.stderrText());
        while (rows.find()) {
            calls += Long.parseLong(rows.group(2));
            errors += Long.parseLong(rows.group(3));
        }
        RunResult strace = runner.runQemu(Invocation.of(runner.guest(guest)).withOptions("-strace"));
        String log = strace.stderrText();
        assertEquals(count(QEMU_STRACE_CALL, log), calls, "system calls, against:\n" + log);
        assertEquals(count(QEMU_STRACE_ERROR, log), errors, "failed system calls, against:\n" + log);
    }

    private static long count(Pattern p, String text) {
        return p.matcher(text).results().count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"count_tiny:30", "file_io:0"})
    void registersReadFromCallbacksHoldWhatTheArchitectureSays(String guestAndExit) {
        String guest = guestAndExit.split(":")[0];
        RunResult run = "file_io".equals(guest) ? tcg4j("test-registers", guest, GuestRunner.tempDirectory().toString())
                : tcg4j("test-registers", guest);
        assertEquals(Integer.parseInt(guestAndExit.split(":")[1]), run.exitStatus(), run::describe);
        String err = run.stderrText();
        assertTrue(err.contains("org.gnu.gdb.riscv.cpu: zero ra sp gp tp t0 t1 t2 fp s1 a0 a1 a2 a3 a4 a5 a6 a7 s2 s3 s4"
                + " s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6 pc\n"), err);
        assertTrue(err.contains("org.gnu.gdb.riscv.fpu: ft0 ft1 ft2 ft3 ft4 ft5 ft6 ft7 fs0 fs1 fa0 fa1 fa2 fa3 fa4 fa5"
                + " fa6 fa7 fs2 fs3 fs4 fs5 fs6 fs7 fs8 fs9 fs10 fs11 ft8 ft9 ft10 ft11 fflags frm fcsr\n"), err);
        assertTrue(err.contains("org.gnu.gdb.riscv.csr: cycle time instret\n"), err);
        Matcher m = find(Pattern.compile("(?m)^registers: (\\d+) instructions checked, (\\d+) system calls matched$"), err);
        assertTrue(Long.parseLong(m.group(1)) >= 50, err);
        assertTrue(Long.parseLong(m.group(2)) >= 1, err);
    }

    @Test
    void setPcFromTheSyscallFilterJumpsToTheCleanExit() {
        RunResult without = runner.runTcg4j(Invocation.of(runner.guest("plugin_setpc")));
        assertEquals(1, without.exitStatus(), without::describe);
        RunResult run = tcg4j("test-setpc", "plugin_setpc");
        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals("clean exit via the syscall filter\n", run.stdoutText());
        assertEquals("Magic syscall detected, jump to clean exit\n", run.stderrText());
    }

    @Test
    void setPcFromAnInstructionCallbackSkipsTheMarker() {
        RunResult run = tcg4j("test-setpc", "plugin_setpc", "target");
        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals("clean return instead of the marker\n", run.stdoutText());
        assertEquals("Magic syscall detected, set target_pc / target_vaddr\nMarker insn detected, jump to clean return\n",
                run.stderrText());
    }

    /** 0x10 is below every mapping: the first instruction fetch there faults, as a wild jump would. */
    @Test
    void setPcFromAVcpuInitCallbackStartsTheVcpuThere() {
        RunResult run = tcg4j("test-setpc,init=10", "plugin_setpc");
        assertEquals(128 + 11, run.exitStatus(), run::describe);
        assertEquals("", run.stdoutText());
    }

    @Test
    void patchingCodeInGuestMemoryChangesWhatRuns() {
        assertEquals("patch_target returned 3 in all\n",
                runner.runQemu(Invocation.of(runner.guest("plugin_patch"))).stdoutText());
        RunResult run = tcg4j("test-patch", "plugin_patch");
        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals("patch_target returned 6 in all\n", run.stdoutText());
        assertTrue(run.stderrText().matches("patched patch_target at 0x[0-9a-f]+: 09458280\n"), run.stderrText());
    }

    @Test
    void discontinuitiesComeFromWhereExecutionLeftAndGoWhereItResumes() {
        RunResult run = tcg4j("test-discons", "signals");
        assertEquals(0, run.exitStatus(), run::describe);
        Matcher m = find(DISCONS, run.stderrText());
        // signals.c: three raise(SIGUSR1) (one blocked until sigprocmask) and a kill(SIGUSR2) enter handlers
        // after their system call; three stores to low addresses fault; the ignored SIGUSR1 moves nothing
        assertEquals(4, Long.parseLong(m.group(1)), run.stderrText());
        assertEquals(3, Long.parseLong(m.group(2)), run.stderrText());
        assertTrue(Long.parseLong(m.group(3)) > 10, run.stderrText());
        assertEquals("0", m.group(4), run.stderrText());
    }

    @Test
    void resetSilencesOldCallbacksRetranslatesAndUninstallCompletes() {
        RunResult run = tcg4j("test-reset", "strings");
        assertEquals(0, run.exitStatus(), run::describe);
        String err = run.stderrText();
        assertTrue(err.matches("reset done after [1-9]\\d* blocks\n"
                + "uninstalled: old block callbacks after reset 0, blocks translated again yes\n"), err);
    }
}
