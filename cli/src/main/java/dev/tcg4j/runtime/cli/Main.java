package dev.tcg4j.runtime.cli;

import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.HostSignals;
import dev.tcg4j.runtime.log.AddressFilter;
import dev.tcg4j.runtime.wiring.EmulatorComponent;
import dev.tcg4j.runtime.wiring.Emulator;
import dev.tcg4j.runtime.wiring.RunRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code tcg4j-riscv64 [options] program [arguments...]}: qemu-riscv64's command line. */
public final class Main {
    public static final String VERSION = "0.1.0";

    private Main() {}

    public static void main(String[] args) {
        Options.Action action = logWithoutLogback(args);
        if (action == Options.Action.RUN) {
            linkHostCallsInBackground();
        }
        int[] fatalSignal = new int[1];
        int status = run(args, CallerEnvironment.get(System.getenv()), System.out, System.err, fatalSignal);
        System.out.flush();
        System.err.flush();
        if (fatalSignal[0] != 0) {
            // the guest died of a signal: so does the emulator, and its parent sees WIFSIGNALED, as under qemu
            new Libc().dieOf(fatalSignal[0]);
        }
        System.exit(status);
    }

    /**
     * Has SLF4J take {@link WarningsToStderr} rather than look for Logback when the command line asks
     * for no log ({@code -d}, {@code -D}) and no Logback configuration file is named: what such a run
     * may log, warnings, reads the same on stderr either way. Only the process's own entry point
     * decides this, once: {@link #run} may be called again in one JVM (tests) with logs wanted.
     * Returns what the command line asks for, RUN when it is malformed ({@link #run} reports that).
     */
    private static Options.Action logWithoutLogback(String[] args) {
        Options opts;
        try {
            opts = OptionParser.parse(OptionParser.takeSystemProperties(Arrays.asList(args), new LinkedHashMap<>()));
        } catch (UsageException e) {
            return Options.Action.RUN;
        }
        if (opts.logItems().isEmpty() && opts.logFile() == null && System.getProperty("logback.configurationFile") == null
                && System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, WarningsToStderr.class.getName());
            // SLF4J would announce the explicit provider on stderr
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        return opts.action();
    }

    private static final String SLF4J_PROVIDER = "slf4j.provider";

    /** An I/O failure worded as strerror, as qemu words it. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * Links the FFM calls that guest memory and every guest's start-up need on a second thread: the
     * linker spins classes for each call shape (some 10 to 40 ms each), which would otherwise all
     * fall on this thread, before and between the first blocks. Whichever thread needs a call first
     * waits for it or makes it; the work is done once either way.
     */
    private static void linkHostCallsInBackground() {
        Thread linker = new Thread(() -> {
            FlatGuestMemory.linkHostCalls();
            Libc.linkStartupCalls();
            HostSignals.linkAhead();
        }, "tcg4j-host-calls");
        linker.setDaemon(true);
        linker.start();
    }

    static int run(String[] args, Map<String, String> environment, PrintStream stdout, PrintStream stderr) {
        return run(args, environment, stdout, stderr, new int[1]);
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream)}; {@code fatalSignal[0]} gets the signal the guest died of. */
    static int run(String[] args, Map<String, String> environment, PrintStream stdout, PrintStream stderr,
            int[] fatalSignal) {
        Options opts;
        try {
            Map<String, String> properties = new LinkedHashMap<>();
            List<String> argv = OptionParser.takeSystemProperties(Arrays.asList(args), properties);
            properties.forEach(System::setProperty);
            opts = OptionParser.parse(argv);
        } catch (UsageException e) {
            stderr.println(Emulator.PROG + ": " + e.getMessage());
            stderr.print(OptionParser.usage(Emulator.PROG));
            return 1;
        }
        switch (opts.action()) {
            case HELP -> {
                stdout.print(OptionParser.usage(Emulator.PROG));
                return 0;
            }
            case LOG_HELP -> {
                stdout.print(OptionParser.logHelp());
                return 0;
            }
            case VERSION -> {
                stdout.println(Emulator.PROG + " version " + VERSION + " (tcg4j, qemu-user compatible)");
                return 0;
            }
            case LIST_BACKENDS -> {
                // qemu's "-accel help" shape: a heading, then one name per line
                stdout.println("Available backends:");
                EmulatorComponent.create().emulator().backendNames().forEach(stdout::println);
                return 0;
            }
            case RUN -> { }
        }
        LogSetup.LogOutput out;
        try {
            out = LogSetup.configure(opts.logItems(), opts.logFile() == null ? null : Path.of(opts.logFile()), stderr);
        } catch (IOException e) {
            stderr.println(Emulator.PROG + ": cannot open log file " + opts.logFile() + ": " + reason(e));
            return 1;
        }
        try {
            AddressFilter filter = opts.dfilter() == null ? AddressFilter.ALL : AddressFilter.parse(opts.dfilter());
            ExecOptions exec = new ExecOptions(opts.oneInsnPerTb() ? 1 : ExecOptions.DEFAULT_MAX_INSNS,
                    !opts.logItems().contains("nochain"), filter, opts.tbSize());
            PrintStream pluginStream = out.stream();
            RunRequest req = new RunRequest(opts.program(), opts.guestArgv(), opts.guestEnvironment(environment),
                    opts.backend(), exec, opts.stackSize(), opts.plugins(), text -> {
                        pluginStream.print(text);
                        pluginStream.flush();
                    }, stderr, ldPrefix(opts, environment));
            Emulator.Result result = EmulatorComponent.create().emulator().runToEnd(req);
            fatalSignal[0] = result.signal();
            return result.status();
        } finally {
            out.close();
        }
    }

    /** qemu's CONFIG_QEMU_INTERP_PREFIX as Debian builds it, for a run without -L or QEMU_LD_PREFIX. */
    static final String DEFAULT_LD_PREFIX = "/etc/qemu-binfmt/riscv64";

    /** The interpreter prefix as qemu picks it: -L, else QEMU_LD_PREFIX, else the built-in one. */
    static String ldPrefix(Options opts, Map<String, String> environment) {
        if (opts.ldPrefix() != null) {
            return opts.ldPrefix();
        }
        return environment.getOrDefault("QEMU_LD_PREFIX", DEFAULT_LD_PREFIX);
    }
}
