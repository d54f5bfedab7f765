package dev.tcg4j.testing.guest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * One guest program run on every backend of the emulator (and, if asked, under qemu-riscv64), every
 * result compared with the first: the same exit status (a fatal guest signal included, as 128 +
 * signal number), byte-identical stdout, stderr identical apart from the emulator's name in an
 * uncaught-signal report, and, when plugins were loaded, the same plugin output.
 *
 * <pre>{@code
 * RunResult run = GuestComparison.of(Invocation.of(program, "arg"))
 *         .withPlugin("insn,inline=on")      // optional: plugin output must match too
 *         .againstQemu()                     // optional: qemu-riscv64 is the reference
 *         .run();                            // asserts; returns the first run
 * }</pre>
 */
public final class GuestComparison {
    private final Invocation invocation;
    private final GuestLauncher launcher;
    private final List<String> backends;
    private final boolean againstQemu;
    private final boolean comparesLog;

    private GuestComparison(Invocation invocation, GuestLauncher launcher, List<String> backends, boolean againstQemu,
            boolean comparesLog) {
        this.invocation = invocation;
        this.launcher = launcher;
        this.backends = backends;
        this.againstQemu = againstQemu;
        this.comparesLog = comparesLog;
    }

    /** The invocation on every backend {@link GuestLauncher#create()} finds. */
    public static GuestComparison of(Invocation invocation) {
        return new GuestComparison(invocation, GuestLauncher.create(), null, false, false);
    }

    /** Runs the invocation on every backend and asserts that all agree; returns the first run. */
    public static RunResult onEveryBackend(Invocation invocation) {
        return of(invocation).run();
    }

    /** Runs through another launcher (another main class, other JVM options). */
    public GuestComparison using(GuestLauncher other) {
        return new GuestComparison(invocation, other, backends, againstQemu, comparesLog);
    }

    /** Only these backends, in this order (the first is what the others are compared with). */
    public GuestComparison on(String... names) {
        return new GuestComparison(invocation, launcher, List.of(names), againstQemu, comparesLog);
    }

    /**
     * Loads a plugin ({@code -plugin spec}, tcg4j's spelling, e.g. {@code insn,inline=on}) on every
     * backend and compares what the plugins print ({@code -D} file) too. qemu-riscv64, when asked
     * for, runs without it: its plugins are shared objects.
     */
    public GuestComparison withPlugin(String spec) {
        return new GuestComparison(invocation.withOptions("-plugin", spec), launcher, backends, againstQemu, true);
    }

    /** qemu-riscv64 runs the invocation first and is the reference every backend is compared with. */
    public GuestComparison againstQemu() {
        return new GuestComparison(invocation, launcher, backends, true, comparesLog);
    }

    /** Runs and compares; returns the first backend's run (with its plugin output as its log). */
    public RunResult run() {
        List<String> names = backends != null ? backends : launcher.backendNames();
        RunResult qemu = null;
        if (againstQemu) {
            qemu = launcher.runQemu(comparesLog ? withoutPlugins(invocation) : invocation);
            assertFalse(qemu.timedOut(), qemu::describe);
        }
        RunResult first = null;
        List<Executable> checks = new ArrayList<>();
        for (String backend : names) {
            RunResult run = comparesLog ? launcher.runWithLog(invocation, backend) : launcher.run(invocation, backend);
            assertFalse(run.timedOut(), run::describe);
            RunResult firstRun = first == null ? run : first;
            RunResult expected = qemu != null ? qemu : firstRun;
            if (expected != run) {
                checks.add(() -> assertSameRun(expected, run));
            }
            if (comparesLog && firstRun != run) {
                checks.add(() -> assertEquals(firstRun.log(), run.log(), () -> "plugin output differs: "
                        + Outputs.firstDifference(firstRun.log(), firstRun.emulator(), run.log(), run.emulator())));
            }
            first = firstRun;
        }
        assertAll(checks);
        return first;
    }

    /** The same exit status, stdout, and stderr apart from the emulator's name in a signal report. */
    public static void assertSameRun(RunResult expected, RunResult actual) {
        assertAll(
                () -> assertEquals(expected.exitStatus(), actual.exitStatus(),
                        () -> "exit status differs\n" + expected.describe() + "\n" + actual.describe()),
                () -> assertEquals(expected.stdoutText(), actual.stdoutText(),
                        () -> "stdout differs: " + Outputs.firstDifference(expected.stdoutText(), expected.emulator(),
                                actual.stdoutText(), actual.emulator()) + "\n" + actual.describe()),
                () -> assertEquals(expected.normalizedStderr(), actual.normalizedStderr(),
                        () -> "stderr differs: " + Outputs.firstDifference(expected.normalizedStderr(),
                                expected.emulator(), actual.normalizedStderr(), actual.emulator())));
    }

    private static Invocation withoutPlugins(Invocation invocation) {
        List<String> options = new ArrayList<>();
        List<String> all = invocation.emulatorOptions();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).equals("-plugin") && i + 1 < all.size()) {
                i++;
            } else {
                options.add(all.get(i));
            }
        }
        return new Invocation(invocation.program(), invocation.args(), invocation.stdin(),
                invocation.extraEnvironment(), options, invocation.qemuOptions(), invocation.timeout());
    }
}
