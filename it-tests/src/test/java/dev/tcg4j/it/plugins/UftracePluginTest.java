package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uftrace plugin's data directory is read by Debian's {@code uftrace} (scripts/test installs
 * it), and shows uftrace_calls.c's calls with the nesting its source gives them, the frames a
 * longjmp abandons closed where it lands.
 */
class UftracePluginTest {
    /** main's first four levels, as uftrace_calls.c's source makes them. */
    private static final String MAIN_CALLS = """
            main() {
              outer() {
                leaf();
                middle() {
                  leaf();
                } /* middle */
              } /* outer */
              outer() {
                leaf();
                middle() {
                  leaf();
                } /* middle */
              } /* outer */
              escaper() {
                __GI__setjmp();
                deep_jump() {
                  deep_jump();
                } /* deep_jump */
                leaf();
              } /* escaper */
              printf() {
            """;

    @Test
    void uftraceReplayShowsTheGuestsCallsNested(@TempDir Path dir) throws Exception {
        GuestRunner runner = GuestRunner.create();
        Path data = dir.resolve("uftrace.data");
        RunResult run = runner.runTcg4j(Invocation.of(runner.guest("uftrace_calls"))
                .withOptions("-plugin", "uftrace,dir=" + data));
        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals("sink 20\n", run.stdoutText());
        for (String file : List.of("info", "task.txt", "sid-0.map", "100.dat")) {
            assertTrue(Files.isRegularFile(data.resolve(file)), file + " written");
        }
        String replay = uftrace("replay", "-d", data.toString(), "-F", "main", "-D", "4", "-f", "none");
        assertTrue(replay.startsWith(MAIN_CALLS), replay.lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
        String report = uftrace("report", "-d", data.toString(), "-s", "call", "-f", "call");
        assertTrue(report.lines().anyMatch(l -> l.strip().equals("5  leaf")), report);
        assertTrue(report.lines().anyMatch(l -> l.strip().equals("2  middle")), report);
    }

    private static String uftrace(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("uftrace"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("uftrace is not installed (scripts/test installs Debian's uftrace)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "uftrace finished");
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ":\n" + out);
        return out;
    }
}
