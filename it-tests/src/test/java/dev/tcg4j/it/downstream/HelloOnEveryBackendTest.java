package dev.tcg4j.it.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.testing.guest.GuestBackends;
import dev.tcg4j.testing.guest.GuestComparison;
import dev.tcg4j.testing.guest.GuestLauncher;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

// The downstream integration test of testing/README.md, word for word
// from "class" on (DocumentedExampleTest checks that): a project's own guest program on every backend.
class HelloOnEveryBackendTest {
    static final Invocation HELLO = Invocation.of(Path.of(System.getProperty("tcg4j.examples.dir"), "hello"), "world");

    @ParameterizedTest(name = "-backend {0}")
    @GuestBackends
    void greetsTheWorld(String backend) {
        RunResult run = GuestLauncher.create().run(HELLO, backend);
        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stdoutText().contains("argv[1] = world\n"), run::describe);
    }

    @Test
    void everyBackendPrintsAndCountsAlike() {
        RunResult first = GuestComparison.of(HELLO).withPlugin("insn,inline=on").run();
        assertTrue(first.log().matches("(?s).*total insns: [1-9]\\d*.*"), first.log());
    }
}
