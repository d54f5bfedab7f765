package dev.tcg4j.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * QEMU 7.2's own contrib and test plugins (libcache.so, libdrcov.so, ...), built from Debian's qemu
 * 7.2 source with {@code gcc -shared -fPIC -Iinclude/qemu $(pkg-config --cflags glib-2.0)}: the oracle
 * for tcg4j's re-implementations. The folder is the system property {@code tcg4j.qemu.plugins.dir},
 * else the environment variable {@code TCG4J_QEMU_PLUGINS}, else the it-tests build's
 * {@code target/qemu-plugins}, where {@code build-qemu-plugins.sh} puts them. A missing plugin fails the
 * test that needs it.
 */
public final class QemuContribPlugins {
    private QemuContribPlugins() {
    }

    /** The folder of QEMU's plugins. */
    public static Path dir() {
        String dir = System.getProperty("tcg4j.qemu.plugins.dir");
        if (dir == null) {
            dir = System.getenv().getOrDefault("TCG4J_QEMU_PLUGINS", "target/qemu-plugins");
        }
        return Path.of(dir);
    }

    public static Path plugin(String name) {
        Path so = dir().resolve("lib" + name + ".so");
        if (!Files.isRegularFile(so)) {
            throw new IllegalStateException("QEMU's " + name + " plugin is not built at " + so
                    + " (it-tests/build-qemu-plugins.sh builds them; or point"
                    + " -Dtcg4j.qemu.plugins.dir or TCG4J_QEMU_PLUGINS at a folder of them)");
        }
        return so;
    }
}
