package dev.tcg4j.it.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole {@code -strace} traces of single-threaded guests equal qemu-riscv64 7.2's, line for line:
 * static and dynamically linked (ld.so's calls included), calls, results and the lines of signals
 * taken. Two kinds of values legitimately differ and are replaced before comparing: process and
 * thread ids (the line prefix and wherever getpid, gettid, set_tid_address, clone or kill show
 * them), and the registers rt_sigreturn prints, which hold addresses inside the signal frame, whose
 * size is the emulator's own and not what strace prints. The multi-process and multi-threaded
 * guests are left out: qemu's lines from concurrent processes interleave as they run.
 */
class StraceTraceTest {
    private static final String SYSROOT = "/usr/riscv64-linux-gnu";
    private static final Pattern PREFIX = Pattern.compile("^(\\d+) ");
    private static final Pattern ID_RESULT = Pattern.compile("^\\d+ (?:getpid|gettid|set_tid_address|clone)\\(.*\\) = (\\d+)$");
    private static final Pattern SIGRETURN = Pattern.compile("^rt_sigreturn\\(.*\\) = ");
    /** A child's CPU times in its SIGCHLD: real measures, different in every run. */
    private static final Pattern CHILD_CPU = Pattern.compile("si_utime=\\d+, si_stime=\\d+");
    /**
     * The lines that may carry a process or thread id: calls that return or take one, and signals'
     * si_pid. Elsewhere a number equal to an id (a pread64 offset, say) is left as it is.
     */
    private static final Pattern ID_BEARING = Pattern.compile("^(?:---|(?:getpid|gettid|getppid|set_tid_address|clone"
            + "|clone3|kill|tkill|tgkill|wait4|waitid|setpgid|getpgid|getsid|prlimit64|sched_\\w+|rt_sigqueueinfo"
            + "|rt_tgsigqueueinfo|pidfd_open|process_vm_readv|process_vm_writev)\\()");
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    @Test
    void bundledHelloMatchesQemu() {
        Path hello = Paths.get(System.getProperty("tcg4j.examples.dir", "../examples"), "hello").toAbsolutePath();
        assertSameTrace(Invocation.of(hello, "one").withOptions("-strace"), Function.identity());
    }

    /** file_io in one scratch directory, emptied between the runs: its path is in the trace and in the stack's layout. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file_io", "dyn/file_io"})
    void fileCallsMatchQemu(String guest) throws IOException {
        Path scratch = GuestRunner.tempDirectory();
        try {
            Invocation inv = withSysroot(guest, scratch.toString());
            RunResult qemu = runner.runQemu(inv);
            GuestRunner.deleteRecursively(scratch);
            Files.createDirectories(scratch);
            RunResult tcg4j = runner.runTcg4j(inv);
            String expected = normalized(qemu, Function.identity());
            assertFalse(expected.isEmpty(), qemu::describe);
            assertEquals(expected, normalized(tcg4j, Function.identity()), tcg4j::describe);
        } finally {
            GuestRunner.deleteRecursively(scratch);
        }
    }

    /** Without its directory file_io writes its usage to stderr: inside the write's line, which qemu finishes after the call. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file_io", "dyn/file_io"})
    void stderrWrittenDuringACallLandsInsideItsLine(String guest) {
        assertSameTrace(withSysroot(guest), Function.identity());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"signals", "dyn/signals"})
    void signalsMatchQemu(String guest) {
        assertSameTrace(withSysroot(guest), Function.identity());
    }

    /**
     * strace_probe makes each call with a printer of its own with the edge cases of its tables
     * (unknown bits, zero, both ends); the arguments are compared, not the results: the calls fail
     * on purpose, and which errno an emulator picks first for nonsense is not strace's business.
     */
    @Test
    void probeArgumentsMatchQemu() {
        assertSameTrace(withSysroot("strace_probe"), line -> line.replaceFirst(" = .*", ""));
    }

    /**
     * threads_exit ends with exit_group while its other threads wait in futex and read: their calls
     * never return, so no line gives them a result (EINTR, or the kernel's internal ERESTARTSYS).
     * The rest of a threaded trace interleaves differently from run to run.
     */
    @Test
    void callsCutShortByExitGroupGetNoResult() {
        Invocation inv = withSysroot("threads_exit");
        RunResult qemu = runner.runQemu(inv);
        RunResult tcg4j = runner.runTcg4j(inv);
        assertTrue(qemu.stderrText().contains("exit_group(5)"), qemu::describe);
        assertTrue(tcg4j.stderrText().contains("exit_group(5)"), tcg4j::describe);
        assertEquals(interruptedResults(qemu), interruptedResults(tcg4j), tcg4j::describe);
    }

    private static long interruptedResults(RunResult run) {
        return run.stderrText().lines().filter(l -> l.contains("errno=4 (") || l.contains("errno=512 (")).count();
    }

    private static Invocation withSysroot(String guest, String... args) {
        Invocation inv = Invocation.of(runner.guest(guest), args).withOptions("-strace");
        return guest.startsWith("dyn/") ? inv.withOptions("-L", SYSROOT) : inv;
    }

    private static void assertSameTrace(Invocation inv, Function<String, String> compared) {
        RunResult qemu = runner.runQemu(inv);
        RunResult tcg4j = runner.runTcg4j(inv);
        String expected = normalized(qemu, compared);
        assertFalse(expected.isEmpty(), qemu::describe);
        assertEquals(expected, normalized(tcg4j, compared), tcg4j::describe);
    }

    /**
     * The trace with ids replaced by PID where they can stand ({@link #ID_BEARING}), rt_sigreturn's
     * registers and a child's CPU times left out, each line passed through {@code compared}.
     */
    private static String normalized(RunResult run, Function<String, String> compared) {
        List<String> lines = run.stderrText().lines().collect(Collectors.toList());
        Set<String> ids = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher prefix = PREFIX.matcher(line);
            if (prefix.find()) {
                ids.add(prefix.group(1));
            }
            Matcher result = ID_RESULT.matcher(line);
            if (result.matches() && !result.group(1).equals("0")) { // a forked child's 0 may end its parent's clone line
                ids.add(result.group(1));
            }
        }
        return lines.stream().map(line -> {
            String text = PREFIX.matcher(line).replaceFirst("");
            if (ID_BEARING.matcher(text).find()) {
                for (String id : ids) {
                    text = text.replaceAll("\\b" + id + "\\b", "PID");
                }
            }
            text = CHILD_CPU.matcher(text).replaceFirst("si_utime=T, si_stime=T");
            return compared.apply(SIGRETURN.matcher(text).replaceFirst("rt_sigreturn(...) = "));
        }).collect(Collectors.joining("\n"));
    }
}
