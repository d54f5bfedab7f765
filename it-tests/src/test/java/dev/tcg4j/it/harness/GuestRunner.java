package dev.tcg4j.it.harness;

import dev.tcg4j.ir.IrVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs riscv64 guest programs under qemu-riscv64 and under tcg4j (a child JVM running
 * {@value #TCG4J_MAIN_CLASS} on this JVM's class path) with identical argv, environment and
 * stdin, and captures stdout, stderr and the exit status. Also runs QEMU with the oracle
 * plugins of it-tests/src/oracle to get instruction and memory-access counts or a trace.
 *
 * <p>Missing tools are errors, not reasons to skip: {@link #create()} throws when
 * qemu-riscv64 or the built guests are absent.
 */
public final class GuestRunner {

    public static final String TCG4J_MAIN_CLASS = "dev.tcg4j.runtime.cli.Main";
    public static final String QEMU = "qemu-riscv64";

    /** The whole environment of every guest run, so that host settings cannot leak into outputs. */
    public static final Map<String, String> FIXED_ENVIRONMENT = fixedEnvironment();

    private final Path guestsDir;
    private final Path oracleDir;
    private final List<String> extraJvmArgs;

    private GuestRunner(Path guestsDir, Path oracleDir, List<String> extraJvmArgs) {
        this.guestsDir = guestsDir;
        this.oracleDir = oracleDir;
        this.extraJvmArgs = extraJvmArgs;
    }

    private static Map<String, String> fixedEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C");
        return Map.copyOf(env);
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
        requireOnPath(QEMU);
        String jvmArgs = System.getProperty("tcg4j.it.jvmArgs", "").strip();
        List<String> extra = jvmArgs.isEmpty() ? List.of() : Arrays.asList(jvmArgs.split("\\s+"));
        return new GuestRunner(guests, oracle, List.copyOf(extra));
    }

    private static void requireOnPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return;
            }
        }
        throw new IllegalStateException(tool + " is not installed (apt-get install qemu-user, or run scripts/test)");
    }

    /** The built guest program of that name; fails if build-guests.sh did not produce it. */
    public Path guest(String name) {
        Path program = guestsDir.resolve(name);
        if (!Files.isRegularFile(program)) {
            throw new IllegalStateException("guest program " + program + " was not built");
        }
        return program;
    }

    /** A built oracle plugin (count.so, trace.so). */
    public Path oraclePlugin(String fileName) {
        Path plugin = oracleDir.resolve(fileName);
        if (!Files.isRegularFile(plugin)) {
            throw new IllegalStateException("oracle plugin " + plugin + " was not built");
        }
        return plugin;
    }

    public RunResult runQemu(Invocation invocation) {
        return run("qemu-riscv64", qemuCommand(invocation), invocation);
    }

    public RunResult runTcg4j(Invocation invocation) {
        return run("tcg4j", tcg4jCommand(invocation), invocation);
    }

    /** Runs tcg4j on the named backend ({@code -backend NAME}). */
    public RunResult runTcg4j(Invocation invocation, String backend) {
        return run("tcg4j " + backend, tcg4jCommand(invocation, backend), invocation);
    }

    public List<String> qemuCommand(Invocation invocation) {
        List<String> command = new ArrayList<>();
        command.add(QEMU);
        command.addAll(invocation.qemuOptions());
        command.addAll(invocation.emulatorOptions());
        command.add(invocation.program().toString());
        command.addAll(invocation.args());
        return command;
    }

    /** {@code java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp <this class path> Main [options] PROGRAM ARGS}. */
    public List<String> tcg4jCommand(Invocation invocation) {
        return tcg4jCommand(invocation, List.of());
    }

    /** The command of {@link #runTcg4j(Invocation, String)}: the same, with {@code -backend NAME} first. */
    public List<String> tcg4jCommand(Invocation invocation, String backend) {
        return tcg4jCommand(invocation, List.of("-backend", backend));
    }

    private List<String> tcg4jCommand(Invocation invocation, List<String> backendOption) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.addAll(extraJvmArgs);
        if (IrVerifier.enabled()) {
            command.add("-D" + IrVerifier.PROPERTY + "=true"); // the child verifies every block it translates, too
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TCG4J_MAIN_CLASS);
        command.addAll(backendOption);
        command.addAll(invocation.emulatorOptions());
        command.add(invocation.program().toString());
        command.addAll(invocation.args());
        return command;
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

    private RunResult run(String emulator, List<String> command, Invocation invocation) {
        Path work = tempDirectory();
        try {
            Path in = work.resolve("stdin");
            Path out = work.resolve("stdout");
            Path err = work.resolve("stderr");
            Files.write(in, invocation.stdin());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(invocation.environment());
            long start = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(invocation.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            int status = finished ? process.exitValue() : -1;
            return new RunResult(emulator, command, Files.readAllBytes(out), Files.readAllBytes(err), status,
                    !finished, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteRecursively(work);
        }
    }

    /** A fresh empty directory, for programs that take a scratch directory as an argument. */
    public static Path tempDirectory() {
        try {
            return Files.createTempDirectory("tcg4j-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(GuestRunner::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temp file is harmless; the run's outcome matters more than cleanup
        }
    }
}
