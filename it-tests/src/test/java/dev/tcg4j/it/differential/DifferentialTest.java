package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcg4j.backend.lockstep.LockstepBackend;
import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.GuestComparison;
import dev.tcg4j.testing.guest.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each guest program under qemu-riscv64 and under tcg4j on each backend, with the same argv,
 * environment and stdin: stdout and stderr must be byte-identical (apart from the emulator's name
 * in an uncaught-signal report) and the exit status the same.
 */
class DifferentialTest {

    /** Lockstep runs every block twice and journals every store: far slower than one backend. */
    private static final Duration LOCKSTEP_TIMEOUT = Duration.ofMinutes(10);

    private static GuestRunner runner;
    /** QEMU's run of each case, made once for all backends. */
    private static final Map<String, RunResult> QEMU_RUNS = new ConcurrentHashMap<>();

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    /** Every case on every backend the emulator offers ({@code -backend help}'s names). */
    static Stream<Arguments> cases() {
        List<String> backends = GuestRunner.create().backendNames();
        return GuestCatalog.all().stream().flatMap(c -> backends.stream().map(b -> Arguments.of(c, b)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesQemu(GuestCase guestCase, String backend) {
        RunResult qemu = QEMU_RUNS.computeIfAbsent(guestCase.name(), n -> runIn(guestCase, null));
        RunResult tcg4j = runIn(guestCase, backend);
        assertFalse(qemu.timedOut(), qemu::describe);
        assertFalse(tcg4j.timedOut(), tcg4j::describe);
        GuestComparison.assertSameRun(qemu, tcg4j);
    }

    /** The case under tcg4j on {@code backend}, or under QEMU when it is null. */
    private static RunResult runIn(GuestCase guestCase, String backend) {
        Path scratch = GuestRunner.tempDirectory();
        try {
            var invocation = guestCase.invocation(runner, scratch);
            if (backend == null) {
                return runner.runQemu(invocation);
            }
            return runner.runTcg4j(backend.equals(LockstepBackend.NAME) ? invocation.withTimeout(LOCKSTEP_TIMEOUT)
                    : invocation, backend);
        } finally {
            GuestRunner.deleteRecursively(scratch);
        }
    }
}
