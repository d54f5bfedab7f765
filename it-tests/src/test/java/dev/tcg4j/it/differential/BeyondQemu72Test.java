package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.RunResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The programs of {@link GuestCatalog#beyondQemu72()}: under tcg4j each exits as its
 * specification says, prints the expected fragments and no FAIL line; under qemu-riscv64 7.2,
 * which lacks what they test, it does not get that far (which is why qemu is no oracle here).
 */
class BeyondQemu72Test {
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    static Stream<GuestCase> cases() {
        return GuestCatalog.beyondQemu72().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecifiedUnderTcg4j(GuestCase guestCase) {
        RunResult run = runner.runTcg4j(guestCase.invocation(runner, Path.of("/")));
        SpecifiedBehaviour.assertRanAsSpecified(guestCase, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void qemu72CannotRunIt(GuestCase guestCase) {
        RunResult qemu = runner.runQemu(guestCase.invocation(runner, Path.of("/")));
        assertNotEquals(guestCase.expectedExit(), qemu.exitStatus(), qemu::describe);
    }
}
