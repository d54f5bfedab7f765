package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.GuestComparison;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed examples/hello binary (built from examples/hello.c) under both emulators. */
class BundledExampleTest {

    private static GuestRunner runner;
    private static Invocation hello;

    @BeforeAll
    static void locate() {
        runner = GuestRunner.create();
        Path program = Paths.get(System.getProperty("tcg4j.examples.dir", "../examples"), "hello").toAbsolutePath();
        assertTrue(Files.isRegularFile(program), "missing bundled example " + program);
        hello = Invocation.of(program, "one", "two words").withEnv("GREETING", "hi");
    }

    @Test
    void printsGreetingArgumentsAndEnvironmentUnderQemu() {
        RunResult qemu = runner.runQemu(hello);
        assertEquals(0, qemu.exitStatus(), qemu::describe);
        assertEquals("Hello from riscv64!\nargv[0] = " + hello.program() + "\nargv[1] = one\nargv[2] = two words\n"
                + "GREETING = hi\n", qemu.stdoutText());
    }

    @Test
    void matchesQemuOnEveryBackend() {
        GuestComparison.of(hello).using(runner.launcher()).againstQemu().run();
    }
}
