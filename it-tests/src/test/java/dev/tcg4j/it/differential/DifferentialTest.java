package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.it.harness.RunResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each guest program under qemu-riscv64 and under tcg4j, with the same argv, environment and
 * stdin: stdout and stderr must be byte-identical (apart from the emulator's name in an
 * uncaught-signal report) and the exit status the same.
 */
class DifferentialTest {

    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    static Stream<GuestCase> cases() {
        return GuestCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesQemu(GuestCase guestCase) {
        RunResult qemu = runIn(guestCase, true);
        RunResult tcg4j = runIn(guestCase, false);
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

    private static RunResult runIn(GuestCase guestCase, boolean underQemu) {
        Path scratch = GuestRunner.tempDirectory();
        try {
            var invocation = guestCase.invocation(runner, scratch);
            return underQemu ? runner.runQemu(invocation) : runner.runTcg4j(invocation);
        } finally {
            GuestRunner.deleteRecursively(scratch);
        }
    }
}
