package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcg4j.backend.lockstep.LockstepBackend;
import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.it.harness.RunResult;
import dev.tcg4j.runtime.wiring.EmulatorComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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

    /** Every case on every backend the production component offers ({@code -backend}'s names). */
    static Stream<Arguments> cases() {
        Set<String> backends = EmulatorComponent.create().emulator().backendNames();
        return GuestCatalog.all().stream().flatMap(c -> backends.stream().map(b -> Arguments.of(c, b)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesQemu(GuestCase guestCase, String backend) {
        RunResult qemu = QEMU_RUNS.computeIfAbsent(guestCase.name(), n -> runIn(guestCase, null));
        RunResult tcg4j = runIn(guestCase, backend);
        assertFalse(qemu.timedOut(), qemu::describe);
        assertFalse(tcg4j.timedOut(), tcg4j::describe);
        assertAll(
                () -> assertEquals(qemu.exitStatus(), tcg4j.exitStatus(),
                        () -> "exit status differs\n" + qemu.describe() + "\n" + tcg4j.describe()),
                () -> assertEquals(qemu.stdoutText(), tcg4j.stdoutText(),
                        () -> "stdout differs: " + Outputs.firstDifference(qemu.stdoutText(), tcg4j.stdoutText())
                                + "\n" + tcg4j.describe()),
                () -> assertEquals(qemu.normalizedStderr(), tcg4j.normalizedStderr(),
                        () -> "stderr differs: "
                                + Outputs.firstDifference(qemu.normalizedStderr(), tcg4j.normalizedStderr())));
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
