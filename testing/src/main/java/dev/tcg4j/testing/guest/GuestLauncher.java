package dev.tcg4j.testing.guest;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a riscv64 guest program under tcg4j on a named backend, in a child JVM that runs the
 * emulator's main class ({@value #DEFAULT_MAIN_CLASS}, i.e. {@code tcg4j-cli} must be on the
 * test class path) with this JVM's class path, or under qemu-riscv64: same argv, environment and
 * stdin, stdout, stderr and exit status captured. A child process because the guest's exit status,
 * fatal signals and file descriptors 0-2 are the process's own.
 *
 * <p>The backends are the ones the emulator offers ({@code -backend help}), so a backend added to the
 * emulator's Dagger component is tested without naming it; {@value #SELECT_PROPERTY} (comma-separated)
 * restricts them. An emulator of your own (another component, another backend in its map) is run with
 * {@link #withMainClass}. The child JVM gets {@value #JVM_ARGS_PROPERTY} (space-separated) as options,
 * and verifies every block it translates when this JVM does ({@link IrVerifier}).
 */
public final class GuestLauncher {
    public static final String DEFAULT_MAIN_CLASS = "dev.tcg4j.runtime.cli.Main";
    /** The system property that restricts {@link #backendNames()} to the backends it names. */
    public static final String SELECT_PROPERTY = "tcg4j.guest.backends";
    /** The system property with extra options for the child JVM. */
    public static final String JVM_ARGS_PROPERTY = "tcg4j.guest.jvmArgs";
    public static final String QEMU = "qemu-riscv64";
    private static final Duration LISTING_TIMEOUT = Duration.ofMinutes(2);

    /** Each main class's backends, asked once per JVM. */
    private static final Map<String, List<String>> BACKENDS_BY_MAIN_CLASS = new ConcurrentHashMap<>();

    private final String mainClass;
    private final List<String> jvmArgs;

    private GuestLauncher(String mainClass, List<String> jvmArgs) {
        this.mainClass = mainClass;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /** tcg4j's own emulator, with the child JVM options of {@value #JVM_ARGS_PROPERTY}. */
    public static GuestLauncher create() {
        String args = System.getProperty(JVM_ARGS_PROPERTY, "").strip();
        return new GuestLauncher(DEFAULT_MAIN_CLASS, args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+")));
    }

    /** The same launcher running another emulator's main class (qemu-riscv64's command line). */
    public GuestLauncher withMainClass(String className) {
        return new GuestLauncher(className, jvmArgs);
    }

    /** The same launcher with these options for the child JVM (in place of the property's). */
    public GuestLauncher withJvmArgs(List<String> options) {
        return new GuestLauncher(mainClass, options);
    }

    /**
     * The names {@code -backend} accepts, as the emulator lists them, restricted by
     * {@value #SELECT_PROPERTY}; naming a backend the emulator lacks is an error.
     */
    public List<String> backendNames() {
        List<String> all = BACKENDS_BY_MAIN_CLASS.computeIfAbsent(mainClass, c -> askBackends());
        String selected = System.getProperty(SELECT_PROPERTY, "").strip();
        if (selected.isEmpty()) {
            return all;
        }
        Set<String> names = new LinkedHashSet<>(Arrays.asList(selected.split("\\s*,\\s*")));
        for (String name : names) {
            if (!all.contains(name)) {
                throw new IllegalArgumentException("-D" + SELECT_PROPERTY + " names backend '" + name
                        + "', but the emulator's backends are " + all);
            }
        }
        return all.stream().filter(names::contains).toList();
    }

    /** {@code -backend help}: a heading line, then one name per line. */
    private List<String> askBackends() {
        RunResult listing = run("tcg4j -backend help", javaCommand(List.of("-backend", "help")),
                Invocation.of(Path.of("/dev/null")).withTimeout(LISTING_TIMEOUT));
        if (listing.timedOut() || listing.exitStatus() != 0) {
            throw new IllegalStateException("could not list the emulator's backends: " + listing.describe());
        }
        List<String> names = listing.stdoutText().lines().skip(1).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        if (names.isEmpty()) {
            throw new IllegalStateException("the emulator lists no backends: " + listing.describe());
        }
        return names;
    }

    /** Runs the invocation under tcg4j with {@code -backend backend}. */
    public RunResult run(Invocation invocation, String backend) {
        return run("tcg4j " + backend, tcg4jCommand(invocation, backend), invocation);
    }

    /** Runs the invocation under tcg4j on the emulator's default backend (no {@code -backend}). */
    public RunResult run(Invocation invocation) {
        return run("tcg4j", javaCommand(emulatorArgs(List.of(), invocation)), invocation);
    }

    /**
     * Runs the invocation under tcg4j with {@code -backend backend -D FILE} and returns the file's
     * text as the result's {@link RunResult#log() log}: plugin output and the {@code -d} items.
     */
    public RunResult runWithLog(Invocation invocation, String backend) {
        Path dir = tempDirectory();
        try {
            Path log = dir.resolve("tcg4j.log");
            RunResult result = run(invocation.withOptions("-D", log.toString()), backend);
            return result.withLog(Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Runs the invocation under qemu-riscv64, with the invocation's qemu-only options first. */
    public RunResult runQemu(Invocation invocation) {
        requireOnPath(QEMU);
        return run(QEMU, qemuCommand(invocation), invocation);
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

    /**
     * {@code java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow [jvm args]
     * -cp <this class path> MAIN -backend BACKEND [options] PROGRAM ARGS}.
     */
    public List<String> tcg4jCommand(Invocation invocation, String backend) {
        return javaCommand(emulatorArgs(List.of("-backend", backend), invocation));
    }

    private static List<String> emulatorArgs(List<String> backendOption, Invocation invocation) {
        List<String> args = new ArrayList<>(backendOption);
        args.addAll(invocation.emulatorOptions());
        args.add(invocation.program().toString());
        args.addAll(invocation.args());
        return args;
    }

    private List<String> javaCommand(List<String> emulatorArgs) {
        String resource = mainClass.replace('.', '/') + ".class";
        if (ClassLoader.getSystemClassLoader().getResource(resource) == null) {
            throw new IllegalStateException("the emulator's main class " + mainClass
                    + " is not on the test class path (add a test dependency on dev.tcg4j:tcg4j-cli)");
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.addAll(jvmArgs);
        if (IrVerifier.enabled()) {
            command.add("-D" + IrVerifier.PROPERTY + "=true");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(emulatorArgs);
        return command;
    }

    private static RunResult run(String emulator, List<String> command, Invocation invocation) {
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
                    !finished, elapsed, "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteRecursively(work);
        }
    }

    /** Fails unless the tool is an executable in one of PATH's folders. */
    public static void requireOnPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return;
            }
        }
        throw new IllegalStateException(tool + " is not installed (apt-get install qemu-user)");
    }

    /** A fresh empty directory, for programs that take a scratch directory as an argument. */
    public static Path tempDirectory() {
        try {
            return Files.createTempDirectory("tcg4j-guest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(GuestLauncher::deleteQuietly);
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
