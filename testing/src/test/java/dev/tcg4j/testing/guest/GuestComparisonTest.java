package dev.tcg4j.testing.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

/** The guest fixture itself, on {@link FakeEmulator}: backends are listed, and a backend that differs is caught. */
class GuestComparisonTest {
    private static final GuestLauncher FAKE = GuestLauncher.create().withMainClass(FakeEmulator.class.getName());
    private static final Invocation PROGRAM = Invocation.of(Path.of("/bin/prog"));

    @Test
    void backendsAreTheOnesTheEmulatorLists() {
        assertEquals(List.of("good", "twin", "wrong-exit", "wrong-stdout", "wrong-plugin"), FAKE.backendNames());
    }

    @Test
    void backendsThatAgreePassAndTheFirstRunIsReturned() {
        RunResult first = GuestComparison.of(PROGRAM).using(FAKE).on("good", "twin").withPlugin("insn").run();
        assertEquals("tcg4j good", first.emulator());
        assertEquals("hello /bin/prog\n", first.stdoutText());
        assertEquals("total insns: 42\n", first.log());
    }

    @Test
    void aDifferentExitStatusIsCaught() {
        MultipleFailuresError e = assertThrows(MultipleFailuresError.class,
                () -> GuestComparison.of(PROGRAM).using(FAKE).on("good", "wrong-exit").run());
        assertTrue(e.getMessage().contains("exit status differs"), e.getMessage());
    }

    @Test
    void aDifferentStdoutIsCaughtWithTheLine() {
        MultipleFailuresError e = assertThrows(MultipleFailuresError.class,
                () -> GuestComparison.of(PROGRAM).using(FAKE).on("good", "wrong-stdout").run());
        assertTrue(e.getMessage().contains("tcg4j wrong-stdout: hello, /bin/prog"), e.getMessage());
    }

    @Test
    void aDifferentPluginOutputIsCaught() {
        MultipleFailuresError e = assertThrows(MultipleFailuresError.class,
                () -> GuestComparison.of(PROGRAM).using(FAKE).on("good", "wrong-plugin").withPlugin("insn").run());
        assertTrue(e.getMessage().contains("plugin output differs"), e.getMessage());
    }

    @Test
    void everyListedBackendIsCompared() {
        MultipleFailuresError e = assertThrows(MultipleFailuresError.class,
                () -> GuestComparison.of(PROGRAM).using(FAKE).withPlugin("insn").run());
        assertEquals(3, e.getFailures().size(), e.getMessage());
    }
}
