package dev.tcg4j.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.runtime.wiring.EmulatorComponent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsOneLineAndSucceeds() {
        assertEquals(0, run("-version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("tcg4j-riscv64 version "));
    }

    @Test
    void helpPrintsUsageToStdout() {
        assertEquals(0, run("-help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: tcg4j-riscv64 [options] program"));
    }

    @Test
    void noArgumentsPrintUsageAndFail() {
        assertEquals(1, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: tcg4j-riscv64"));
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertEquals(1, run("-frobnicate", "prog"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("tcg4j-riscv64: unknown option '-frobnicate'"));
    }

    @Test
    void anUnknownBackendIsOneLineNamingTheKnownOnes() {
        assertEquals(1, run("-backend", "turbo", "prog"));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.startsWith("tcg4j-riscv64: unknown backend 'turbo' (known: bytecode"), stderr);
        assertEquals(1, stderr.lines().count(), stderr);
    }

    @Test
    void logHelpListsTheItemsAndSucceeds() {
        assertEquals(0, run("-d", "help"));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.startsWith("Log items (comma separated):"), stdout);
        for (String item : OptionParser.LOG_ITEMS) {
            assertTrue(stdout.contains("\n" + item + " "), item);
        }
        assertEquals(0, run("-d", "in_asm,help", "prog"));
    }

    @Test
    void aLogFileInAMissingDirectoryIsOneLineWithTheReason() {
        assertEquals(1, run("-D", "/nonexistent-dir/log", "prog"));
        assertEquals("tcg4j-riscv64: cannot open log file /nonexistent-dir/log: No such file or directory\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tcg4jSystemPropertiesAreTakenBeforeTheProgramOnly() throws UsageException {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        java.util.List<String> rest = OptionParser.takeSystemProperties(java.util.List.of("-Dtcg4j.tiered.block-threshold=300",
                "-D", "-Dtcg4j.not.this=1", "-plugin", "insn", "prog", "-Dtcg4j.guest=1"), props);
        assertEquals(Map.of("tcg4j.tiered.block-threshold", "300"), props);
        assertEquals(java.util.List.of("-D", "-Dtcg4j.not.this=1", "-plugin", "insn", "prog", "-Dtcg4j.guest=1"), rest);
        assertEquals(1, run("-Dtcg4j.x", "prog"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("tcg4j-riscv64: '-Dtcg4j.x' is not -Dtcg4j.NAME=VALUE"));
    }

    @Test
    void backendHelpListsTheComponentsBackendsOnePerLine() {
        assertEquals(0, run("-backend", "help"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("Available backends:", lines.getFirst());
        assertEquals(List.copyOf(EmulatorComponent.create().emulator().backendNames()), lines.subList(1, lines.size()));
    }
}
