package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.GuestComparison;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamically linked guests (PIE, PT_INTERP = ld-linux-riscv64-lp64d.so.1) under qemu-riscv64 -L and
 * tcg4j -L with the cross sysroot: the same stdout, stderr and exit status, so the same loader,
 * layout, auxiliary vector and path lookups under the prefix. Bad images and a missing interpreter
 * are one line and status 1.
 */
class DynamicLinkingTest {
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    static Stream<GuestCase> cases() {
        return GuestCatalog.dynamic().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesQemu(GuestCase guestCase) {
        Path scratch = GuestRunner.tempDirectory();
        RunResult qemu;
        RunResult tcg4j;
        try {
            qemu = runner.runQemu(guestCase.invocation(runner, scratch));
            GuestRunner.deleteRecursively(scratch);
            scratch = GuestRunner.tempDirectory();
            tcg4j = runner.runTcg4j(guestCase.invocation(runner, scratch));
        } finally {
            GuestRunner.deleteRecursively(scratch);
        }
        assertFalse(qemu.timedOut(), qemu::describe);
        assertFalse(tcg4j.timedOut(), tcg4j::describe);
        assertEquals(guestCase.expectedExit(), qemu.exitStatus(), qemu::describe);
        for (String fragment : guestCase.expectedFragments()) {
            assertTrue(qemu.stdoutText().contains(fragment), () -> "qemu's stdout lacks " + fragment);
        }
        GuestComparison.assertSameRun(qemu, tcg4j);
    }

    @Test
    void aMissingInterpreterIsOneLineAndStatus1() throws IOException {
        Path emptyRoot = Files.createTempDirectory("no-sysroot");
        try {
            // the host has no riscv64 ld.so at /lib, and the prefix has nothing
            RunResult run = runner.runTcg4j(Invocation.of(runner.guest(GuestCase.DYNAMIC_DIR + "strings"))
                    .withOptions("-L", emptyRoot.toString()));
            assertEquals(1, run.exitStatus(), run::describe);
            assertEquals("tcg4j-riscv64: Could not open '/lib/ld-linux-riscv64-lp64d.so.1': No such file or directory\n",
                    run.stderrText(), run::describe);
            assertEquals("", run.stdoutText());
        } finally {
            GuestRunner.deleteRecursively(emptyRoot);
        }
    }

    @Test
    void aTruncatedDynamicProgramIsOneLineAndStatus1() throws IOException {
        Path program = runner.guest(GuestCase.DYNAMIC_DIR + "strings");
        Path cut = Files.createTempFile("truncated", "");
        try {
            byte[] image = Files.readAllBytes(program);
            Files.write(cut, java.util.Arrays.copyOf(image, image.length / 2));
            RunResult run = runner.runTcg4j(Invocation.of(cut).withOptions("-L", GuestCase.SYSROOT));
            assertEquals(1, run.exitStatus(), run::describe);
            assertTrue(run.stderrText().startsWith("tcg4j-riscv64: " + cut + ": truncated ELF file"), run::describe);
            assertEquals(1, run.stderrText().lines().count(), run::describe);
        } finally {
            Files.deleteIfExists(cut);
        }
    }
}
