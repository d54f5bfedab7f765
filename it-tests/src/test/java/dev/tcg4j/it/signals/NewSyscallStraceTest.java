package dev.tcg4j.it.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
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
}
