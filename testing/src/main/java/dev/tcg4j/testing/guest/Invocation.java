package dev.tcg4j.testing.guest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a guest program, described the same way for every emulator and backend: the program,
 * its arguments, what it reads on stdin, the environment variables added to
 * {@link #FIXED_ENVIRONMENT}, qemu-style emulator options placed before the program
 * (for example {@code -one-insn-per-tb} or {@code -plugin ...}), options for qemu-riscv64 alone
 * (its {@code -cpu} switches on the extensions tcg4j always has), and a time limit.
 */
public record Invocation(
        Path program,
        List<String> args,
        byte[] stdin,
        Map<String, String> extraEnvironment,
        List<String> emulatorOptions,
        List<String> qemuOptions,
        Duration timeout) {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The whole environment of every guest run apart from an invocation's additions, so that the
     * host's settings cannot leak into outputs.
     */
    public static final Map<String, String> FIXED_ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "LANG", "C");

    public Invocation {
        args = List.copyOf(args);
        stdin = stdin.clone();
        extraEnvironment = Map.copyOf(extraEnvironment);
        emulatorOptions = List.copyOf(emulatorOptions);
        qemuOptions = List.copyOf(qemuOptions);
    }

    /** The program (made absolute: it is argv[0] under every emulator) with these arguments. */
    public static Invocation of(Path program, String... args) {
        return new Invocation(program.toAbsolutePath(), List.of(args), new byte[0], Map.of(), List.of(), List.of(), DEFAULT_TIMEOUT);
    }

    public Invocation withArgs(List<String> newArgs) {
        return new Invocation(program, newArgs, stdin, extraEnvironment, emulatorOptions, qemuOptions, timeout);
    }

    public Invocation withStdin(byte[] input) {
        return new Invocation(program, args, input, extraEnvironment, emulatorOptions, qemuOptions, timeout);
    }

    public Invocation withStdin(String input) {
        return withStdin(input.getBytes(StandardCharsets.UTF_8));
    }

    public Invocation withEnv(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(extraEnvironment);
        env.put(name, value);
        return new Invocation(program, args, stdin, env, emulatorOptions, qemuOptions, timeout);
    }

    public Invocation withEnv(Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(extraEnvironment);
        merged.putAll(env);
        return new Invocation(program, args, stdin, merged, emulatorOptions, qemuOptions, timeout);
    }

    /** Adds emulator options (qemu-user syntax), placed before the program on the command line. */
    public Invocation withOptions(String... options) {
        List<String> all = new ArrayList<>(emulatorOptions);
        all.addAll(List.of(options));
        return new Invocation(program, args, stdin, extraEnvironment, all, qemuOptions, timeout);
    }

    /** Adds options that only qemu-riscv64 gets, placed before the shared ones. */
    public Invocation withQemuOptions(List<String> options) {
        List<String> all = new ArrayList<>(qemuOptions);
        all.addAll(options);
        return new Invocation(program, args, stdin, extraEnvironment, emulatorOptions, all, timeout);
    }

    public Invocation withTimeout(Duration limit) {
        return new Invocation(program, args, stdin, extraEnvironment, emulatorOptions, qemuOptions, limit);
    }

    /** The environment the guest sees: the fixed base plus this invocation's additions. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(FIXED_ENVIRONMENT);
        env.putAll(extraEnvironment);
        return env;
    }
}
