package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.RunResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the reference side of the differential tests: under qemu-riscv64 every guest program
 * exits as its specification says and prints the expected fragments, and the hand-written
 * instruction tests report no FAIL line. If QEMU disagrees with a hand-derived ISA value, this
 * test shows it before any tcg4j comparison is trusted.
 */
class QemuBaselineTest {

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
    void behavesAsSpecifiedUnderQemu(GuestCase guestCase) {
        Path scratch = GuestRunner.tempDirectory();
        try {
            RunResult qemu = runner.runQemu(guestCase.invocation(runner, scratch));
            String out = qemu.stdoutText();
            assertFalse(qemu.timedOut(), qemu::describe);
            assertAll(Stream.concat(
                    Stream.of(() -> assertEquals(guestCase.expectedExit(), qemu.exitStatus(), qemu::describe),
                            () -> assertFalse(guestCase.isSelfChecking() && out.contains("FAIL "),
                                    () -> "instruction test failures under QEMU:\n" + failLines(out))),
                    guestCase.expectedFragments().stream().map(fragment -> () -> assertTrue(out.contains(fragment),
                            () -> "stdout lacks \"" + fragment + "\":\n" + out))));
        } finally {
            GuestRunner.deleteRecursively(scratch);
        }
    }

    private static String failLines(String out) {
        return String.join("\n", out.lines().filter(line -> line.startsWith("FAIL ")).toList());
    }
}
