package dev.tcg4j.testing.guest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one emulator run produced: the raw stdout and stderr bytes, the exit status as a shell
 * reports it (128 + signal number when the process died of a signal), whether the run hit its time
 * limit, and the log file's text ({@code -D}: plugin output, {@code -d} items) when the run asked
 * {@link GuestLauncher} for one, else "".
 */
public record RunResult(
        String emulator, List<String> command, byte[] stdout, byte[] stderr, int exitStatus, boolean timedOut,
        Duration elapsed, String log) {

    /**
     * qemu-user reports a fatal guest signal as "qemu: uncaught target signal ..." (only when it
     * dumps core), tcg4j as "tcg4j-riscv64: uncaught target signal ...". Only that prefix may differ.
     */
    private static final Pattern UNCAUGHT_SIGNAL_PREFIX =
            Pattern.compile("(?m)^(?:qemu|tcg4j-riscv64): uncaught target signal");

    public RunResult {
        command = List.copyOf(command);
    }

    /** The same run with its log file's text. */
    RunResult withLog(String text) {
        return new RunResult(emulator, command, stdout, stderr, exitStatus, timedOut, elapsed, text);
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** stderr with the emulator's name in the uncaught-signal report replaced by a neutral one. */
    public String normalizedStderr() {
        return UNCAUGHT_SIGNAL_PREFIX.matcher(stderrText()).replaceAll("<emulator>: uncaught target signal");
    }

    /** A few lines that identify the run in an assertion message. */
    public String describe() {
        String err = stderrText();
        if (err.length() > 2000) {
            err = err.substring(0, 2000) + "...";
        }
        return emulator + (timedOut ? " TIMED OUT after " + elapsed.toMillis() + " ms" : " exited " + exitStatus)
                + "\n  command: " + String.join(" ", command)
                + "\n  stderr: " + err.strip().replace("\n", "\n          ");
    }
}
