package dev.tcg4j.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcg4j.testing.guest.GuestLauncher;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The it-tests' guest programs and QEMU oracle plugins, run through tcg4j-testing's
 * {@link GuestLauncher} (tcg4j in a child JVM running {@value #TCG4J_MAIN_CLASS} on this JVM's class
 * path, or qemu-riscv64) with identical argv, environment and stdin. Also runs QEMU with the oracle
 * plugins of it-tests/src/oracle to get instruction and memory-access counts or a trace.
 *
 * <p>Missing tools are errors, not reasons to skip: {@link #create()} throws when
 * qemu-riscv64 or the built guests are absent.
 */
public final class GuestRunner {

    public static final String TCG4J_MAIN_CLASS = GuestLauncher.DEFAULT_MAIN_CLASS;
    public static final String QEMU = GuestLauncher.QEMU;

    /** The whole environment of every guest run, so that host settings cannot leak into outputs. */
    public static final Map<String, String> FIXED_ENVIRONMENT = Invocation.FIXED_ENVIRONMENT;

    private final Path guestsDir;
    private final Path oracleDir;
    private final GuestLauncher launcher;

    private GuestRunner(Path guestsDir, Path oracleDir, GuestLauncher launcher) {
        this.guestsDir = guestsDir;
        this.oracleDir = oracleDir;
        this.launcher = launcher;
    }

    /**
     * A runner for the guests built by build-guests.sh. The folders come from the system
     * properties {@code tcg4j.guests.dir} and {@code tcg4j.oracle.dir} (set by the it-tests pom),
     * else target/guests and target/oracle of the working directory.
     */
    public static GuestRunner create() {
        Path guests = Paths.get(System.getProperty("tcg4j.guests.dir", "target/guests")).toAbsolutePath();
        Path oracle = Paths.get(System.getProperty("tcg4j.oracle.dir", "target/oracle")).toAbsolutePath();
        if (!Files.isDirectory(guests)) {
            throw new IllegalStateException("no guest programs in " + guests
                    + ": build-guests.sh has not run (mvn generate-test-resources builds them)");
        }
        GuestLauncher.requireOnPath(QEMU);
        String jvmArgs = System.getProperty("tcg4j.it.jvmArgs", "").strip();
        List<String> extra = jvmArgs.isEmpty() ? List.of() : Arrays.asList(jvmArgs.split("\\s+"));
        return new GuestRunner(guests, oracle, GuestLauncher.create().withJvmArgs(extra));
    }

    /** The launcher every tcg4j and qemu run goes through. */
    public GuestLauncher launcher() {
        return launcher;
    }

    /** The names {@code -backend} accepts, as the emulator lists them. */
    public List<String> backendNames() {
        return launcher.backendNames();
    }

    /** The built guest program of that name; fails if build-guests.sh did not produce it. */
    public Path guest(String name) {
        Path program = guestsDir.resolve(name);
        if (!Files.isRegularFile(program)) {
            throw new IllegalStateException("guest program " + program + " was not built");
        }
        return program;
    }

    /** A built oracle plugin (count.so, trace.so, tbtrace.so). */
    public Path oraclePlugin(String fileName) {
        Path plugin = oracleDir.resolve(fileName);
        if (!Files.isRegularFile(plugin)) {
            throw new IllegalStateException("oracle plugin " + plugin + " was not built");
        }
        return plugin;
    }

    public RunResult runQemu(Invocation invocation) {
        return launcher.runQemu(invocation);
    }

    public RunResult runTcg4j(Invocation invocation) {
        return launcher.run(invocation);
    }

    /**
     * Runs {@code invocation} under qemu-riscv64 and tcg4j and checks that neither timed out, that
     * qemu exits with {@code expectedExit}, and that tcg4j gives the same status, stdout and stderr;
     * returns tcg4j's run.
     */
    public RunResult assertRunsAsUnderQemu(Invocation invocation, int expectedExit) {
        RunResult qemu = runQemu(invocation);
        RunResult tcg4j = runTcg4j(invocation);
        assertFalse(qemu.timedOut(), qemu::describe);
        assertFalse(tcg4j.timedOut(), tcg4j::describe);
        assertEquals(expectedExit, qemu.exitStatus(), qemu::describe);
        assertEquals(qemu.exitStatus(), tcg4j.exitStatus(), () -> qemu.describe() + "\n" + tcg4j.describe());
        assertEquals(qemu.stdoutText(), tcg4j.stdoutText(), tcg4j::describe);
        assertEquals(qemu.stderrText(), tcg4j.stderrText(), tcg4j::describe);
        return tcg4j;
    }

    /** Runs tcg4j on the named backend ({@code -backend NAME}). */
    public RunResult runTcg4j(Invocation invocation, String backend) {
        return launcher.run(invocation, backend);
    }

    public List<String> qemuCommand(Invocation invocation) {
        return launcher.qemuCommand(invocation);
    }

    /** The command of {@link #runTcg4j(Invocation, String)}. */
    public List<String> tcg4jCommand(Invocation invocation, String backend) {
        return launcher.tcg4jCommand(invocation, backend);
    }

    /**
     * QEMU's counts for a run, from the oracle plugin count.so: {@code qemu-riscv64 -plugin
     * count.so -d plugin -D LOG PROGRAM ARGS}. The log goes to a file so that the guest's own
     * stderr stays separate. Fails when the run times out or the log lacks a count.
     */
    public OracleCounts qemuCounts(Invocation invocation) {
        Path log = tempFile("oracle-counts", ".log");
        try {
            Invocation counted = invocation.withOptions(
                    "-plugin", oraclePlugin("count.so").toString(), "-d", "plugin", "-D", log.toString());
            RunResult result = runQemu(counted);
            if (result.timedOut()) {
                throw new IllegalStateException("counting run timed out: " + result.describe());
            }
            return OracleCounts.parse(Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(log);
        }
    }

    /**
     * Runs the program under QEMU with the trace plugin, writing every executed instruction and
     * memory access to {@code traceFile} (format in it-tests/src/oracle/trace.c, compared by
     * {@link TraceDiff}).
     */
    public RunResult qemuTrace(Invocation invocation, Path traceFile) {
        return runQemu(invocation.withOptions("-plugin", oraclePlugin("trace.so") + ",out=" + traceFile));
    }

    /**
     * Writes QEMU's block trace of a run to {@code traceFile} (tbtrace.so: {@code T <vaddr> <insns>}
     * per executed block).
     */
    public RunResult qemuBlockTrace(Invocation invocation, Path traceFile) {
        return runQemu(invocation.withOptions("-plugin", oraclePlugin("tbtrace.so") + ",out=" + traceFile));
    }

    /** A fresh empty directory, for programs that take a scratch directory as an argument. */
    public static Path tempDirectory() {
        return GuestLauncher.tempDirectory();
    }

    private static Path tempFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path root) {
        GuestLauncher.deleteRecursively(root);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temp file is harmless; the run's outcome matters more than cleanup
        }
    }
}
