package dev.tcg4j.it.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -strace} prints the event and socket calls as qemu-riscv64 7.2 does: the lines of those
 * calls (pid stripped) are the same under both, in the same order, arguments and results included.
 */
class NewSyscallStraceTest {
    private static final Pattern CALLS = Pattern.compile(
            "^(epoll_\\w+|eventfd2|timerfd_\\w+|socket|socketpair|sendmsg|recvmsg|getsockopt|setsockopt|shutdown"
                    + "|sendto|recvfrom)\\(.*");
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    private static List<String> calls(RunResult run) {
        return run.stderrText().lines().map(l -> l.replaceFirst("^\\d+ ", "")).filter(l -> CALLS.matcher(l).matches())
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sys_epoll", "sys_socketpair"})
    void straceLinesMatchQemu(String guest) {
        Invocation inv = Invocation.of(runner.guest(guest)).withOptions("-strace");
        RunResult qemu = runner.runQemu(inv);
        RunResult tcg4j = runner.runTcg4j(inv);
        List<String> expected = calls(qemu);
        assertFalse(expected.isEmpty(), qemu::describe);
        assertEquals(String.join("\n", expected), String.join("\n", calls(tcg4j)), tcg4j::describe);
    }

    private static final Pattern FILE_AND_TIMER_CALLS = Pattern.compile("^(fchmodat|fchownat|getitimer|timer_(?:create|settime|gettime|delete))\\(.*");

    /**
     * fchmodat and fchownat (AT_FDCWD by name, the flags), getitimer with the value it wrote, and
     * the POSIX timer calls with the timer ids qemu hands out (0x0caf0000 + n), line for line
     * (timer_getoverrun left out: its count depends on how late the test thread ran).
     * setitimer and clock_nanosleep print as qemu's too, but with times that differ from run to run.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sys_files", "sys_timers"})
    void straceOfFileAndTimerCallsMatchesQemu(String guest) {
        Path qemuDir = GuestRunner.tempDirectory();
        Path tcg4jDir = GuestRunner.tempDirectory();
        try {
            RunResult qemu = runner.runQemu(invocation(guest, qemuDir));
            RunResult tcg4j = runner.runTcg4j(invocation(guest, tcg4jDir));
            List<String> expected = matching(qemu, FILE_AND_TIMER_CALLS);
            assertFalse(expected.isEmpty(), qemu::describe);
            assertEquals(String.join("\n", expected), String.join("\n", matching(tcg4j, FILE_AND_TIMER_CALLS)),
                    tcg4j::describe);
        } finally {
            GuestRunner.deleteRecursively(qemuDir);
            GuestRunner.deleteRecursively(tcg4jDir);
        }
    }

    private static Invocation invocation(String guest, Path scratch) {
        return (guest.equals("sys_files") ? Invocation.of(runner.guest(guest), scratch.toString())
                : Invocation.of(runner.guest(guest))).withOptions("-strace");
    }

    private static List<String> matching(RunResult run, Pattern calls) {
        return run.stderrText().lines().map(l -> l.replaceFirst("^\\d+ ", "")).filter(l -> calls.matcher(l).matches())
                .collect(Collectors.toList());
    }
}
