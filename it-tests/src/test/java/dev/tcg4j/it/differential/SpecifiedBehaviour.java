package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.testing.guest.RunResult;
import java.util.stream.Stream;

/**
 * The check for guests that qemu-riscv64 cannot judge (what 7.2 lacks, execve of riscv64 programs):
 * the run exits as the case says, prints each expected fragment and no {@code FAIL } line.
 */
final class SpecifiedBehaviour {
    private SpecifiedBehaviour() {
    }

    static void assertRanAsSpecified(GuestCase guestCase, RunResult run) {
        String out = run.stdoutText();
        assertFalse(run.timedOut(), run::describe);
        assertAll(Stream.concat(
                Stream.of(() -> assertEquals(guestCase.expectedExit(), run.exitStatus(), run::describe),
                        () -> assertFalse(out.contains("FAIL "), () -> "failures under tcg4j:\n" + out)),
                guestCase.expectedFragments().stream().map(fragment -> () -> assertTrue(out.contains(fragment),
                        () -> "stdout lacks \"" + fragment + "\":\n" + out))));
    }
}
