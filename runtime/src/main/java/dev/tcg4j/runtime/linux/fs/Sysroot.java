package dev.tcg4j.runtime.linux.fs;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code -L} prefix, with qemu's semantics (util/path.c): an absolute guest path names the file
 * under the prefix when that exists, else the host's own. The answer for each path is remembered from
 * its first lookup on, as qemu's hash table does, so a file created later under the prefix is not
 * seen. qemu 7.2 applies it to the interpreter and to openat, newfstatat, statfs, utimensat and
 * readlinkat only (measured: faccessat, statx, chdir, truncate, unlinkat, renameat... see host paths).
 */
public final class Sysroot {
    /** No prefix: every path is the host's. */
    public static final Sysroot NONE = new Sysroot(null);

    private final String base;
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    private Sysroot(String base) {
        this.base = base;
    }

    /** qemu's init_paths: an empty prefix or "/" remaps nothing; a relative one is taken from the cwd. */
    public static Sysroot of(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return NONE;
        }
        return new Sysroot(prefix.startsWith("/") ? prefix : Path.of("").toAbsolutePath().resolve(prefix).toString());
    }

    /** The host path for guest path {@code name} (bytes as ISO-8859-1 chars, so any byte survives). */
    public String map(String name) {
        if (base == null || !name.startsWith("/")) {
            return name;
        }
        return resolved.computeIfAbsent(name, n -> {
            String full = base.endsWith("/") ? base + n.substring(1) : base + n;
            return exists(full) ? full : n;
        });
    }

    private static boolean exists(String isoPath) {
        try {
            byte[] raw = isoPath.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            return Files.exists(Path.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether a prefix is in force. */
    public boolean active() {
        return base != null;
    }
}
