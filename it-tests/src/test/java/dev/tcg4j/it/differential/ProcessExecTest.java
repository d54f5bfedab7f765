package dev.tcg4j.it.differential;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.RunResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The programs of {@link GuestCatalog#execs()}: under tcg4j each exits as its specification (POSIX
 * execve) says and prints the expected fragments. qemu-riscv64 is no oracle here: it cannot execve
 * a riscv64 program without binfmt_misc.
 */
class ProcessExecTest {
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    static Stream<GuestCase> cases() {
        return GuestCatalog.execs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void execsAsPosixSaysUnderTcg4j(GuestCase guestCase) {
        RunResult run = runner.runTcg4j(guestCase.invocation(runner, Path.of("/")));
        SpecifiedBehaviour.assertRanAsSpecified(guestCase, run);
    }
}
