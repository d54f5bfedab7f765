package dev.tcg4j.runtime.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment the guest starts from, in the order the caller gave it (qemu-user copies it in a
 * definite order, and a guest that sorts or scans it runs differently for another order).
 * Normally this JVM's own initial environment, read from /proc/self/environ because
 * {@link System#getenv()} is unordered. When started by the bin/tcg4j-riscv64 script, whose bash
 * has added SHLVL, PWD and _ on the way, the script saves the environment it was given in a file
 * named by {@value #FILE_VARIABLE}, so the guest sees exactly what a qemu-riscv64 started in its
 * place would.
 */
final class CallerEnvironment {
    static final String FILE_VARIABLE = "TCG4J_CALLER_ENVIRON";

    private CallerEnvironment() {}

    static Map<String, String> get(Map<String, String> jvmEnvironment) {
        String file = jvmEnvironment.get(FILE_VARIABLE);
        if (file == null) {
            return ownEnvironment(jvmEnvironment);
        }
        Path path = Path.of(file);
        try {
            return parse(Files.readAllBytes(path));
        } catch (IOException e) {
            Map<String, String> env = new LinkedHashMap<>(jvmEnvironment);
            env.remove(FILE_VARIABLE);
            return env;
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static Map<String, String> ownEnvironment(Map<String, String> jvmEnvironment) {
        try {
            Map<String, String> env = parse(Files.readAllBytes(Path.of("/proc/self/environ")));
            // the same variables as the JVM sees, or the file is not what it should be
            return env.equals(jvmEnvironment) ? env : jvmEnvironment;
        } catch (IOException | RuntimeException e) {
            return jvmEnvironment;
        }
    }

    /** NUL-separated NAME=VALUE entries, as /proc/PID/environ holds them. */
    static Map<String, String> parse(byte[] environ) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
