package dev.tcg4j.it.backends;

import dev.tcg4j.runtime.cli.OptionParser;
import dev.tcg4j.runtime.cli.Options;
import dev.tcg4j.runtime.cli.UsageException;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.log.AddressFilter;
import dev.tcg4j.runtime.log.LogSetup;
import dev.tcg4j.runtime.wiring.EmulatorComponent;
import dev.tcg4j.runtime.wiring.Emulator;
import dev.tcg4j.runtime.wiring.Engine;
import dev.tcg4j.runtime.wiring.RunRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tcg4j-riscv64}'s command line on the backend the system property {@value #BACKEND_PROPERTY}
 * names ({@code bytecode}, the production component, or {@code interpreter}, a test component): the
 * it-tests' way to run every guest on both backends until the CLI chooses the backend itself. Runs
 * like {@code dev.tcg4j.runtime.cli.Main} but for help, version and usage texts.
 */
public final class BackendSelectingMain {
    public static final String BACKEND_PROPERTY = "tcg4j.it.backend";
    /** The backend of the production component, {@code EmulatorComponent}. */
    public static final String PRODUCTION = "bytecode";
    /** Every backend it can run on. */
    public static final List<String> BACKENDS = List.of(PRODUCTION, "interpreter");

    private BackendSelectingMain() {}

    public static void main(String[] args) {
        int status = run(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    static Engine engine(String backend) {
        return switch (backend) {
            case PRODUCTION -> EmulatorComponent.create();
            case "interpreter" -> DaggerInterpreterEngine.create();
            default -> throw new IllegalArgumentException("no backend '" + backend + "'");
        };
    }

    private static int run(String[] args) {
        PrintStream stderr = System.err;
        Options opts;
        try {
            opts = OptionParser.parse(Arrays.asList(args));
        } catch (UsageException e) {
            stderr.println(Emulator.PROG + ": " + e.getMessage());
            return 1;
        }
        LogSetup.LogOutput out;
        try {
            out = LogSetup.configure(opts.logItems(), opts.logFile() == null ? null : Path.of(opts.logFile()), stderr);
        } catch (IOException e) {
            stderr.println(Emulator.PROG + ": cannot open log file " + opts.logFile());
            return 1;
        }
        try {
            AddressFilter filter = opts.dfilter() == null ? AddressFilter.ALL : AddressFilter.parse(opts.dfilter());
            ExecOptions exec = new ExecOptions(opts.oneInsnPerTb() ? 1 : ExecOptions.DEFAULT_MAX_INSNS,
                    !opts.logItems().contains("nochain"), filter);
            PrintStream pluginStream = out.stream();
            RunRequest req = new RunRequest(opts.program(), opts.guestArgv(), opts.guestEnvironment(callerEnvironment()),
                    exec, opts.stackSize(), opts.plugins(), text -> {
                        pluginStream.print(text);
                        pluginStream.flush();
                    }, stderr);
            return new Emulator(engine(System.getProperty(BACKEND_PROPERTY, PRODUCTION))).run(req);
        } finally {
            out.close();
        }
    }

    /** This process's environment in its own order, as the CLI reads it (/proc/self/environ). */
    private static Map<String, String> callerEnvironment() {
        try {
            Map<String, String> env = new LinkedHashMap<>();
            byte[] environ = Files.readAllBytes(Path.of("/proc/self/environ"));
            for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return env.equals(System.getenv()) ? env : System.getenv();
        } catch (IOException e) {
            return System.getenv();
        }
    }
}
