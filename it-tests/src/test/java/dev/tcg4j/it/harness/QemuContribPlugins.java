package dev.tcg4j.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * QEMU 7.2's own contrib and test plugins (libcache.so, libdrcov.so, ...), built from Debian's qemu
 * 7.2 source with {@code gcc -shared -fPIC -Iinclude/qemu $(pkg-config --cflags glib-2.0)}: the oracle
 * for tcg4j's re-implementations. The folder is the system property {@code tcg4j.qemu.plugins.dir},
 * else the environment variable {@code TCG4J_QEMU_PLUGINS}, else {@code /work/qemu-plugins}. A
 * missing plugin fails the test that needs it.
 */
public final class QemuContribPlugins {
    private QemuContribPlugins() {
    }

    public static Path plugin(String name) {
        String dir = System.getProperty("tcg4j.qemu.plugins.dir");
        if (dir == null) {
            dir = System.getenv().getOrDefault("TCG4J_QEMU_PLUGINS", "/work/qemu-plugins");
        }
        Path so = Path.of(dir, "lib" + name + ".so");
        if (!Files.isRegularFile(so)) {
            throw new IllegalStateException("QEMU's " + name + " plugin is not built at " + so
                    + " (build QEMU 7.2's contrib/plugins/" + name + ".c with gcc -shared -fPIC -Iinclude/qemu and"
                    + " glib, and point -Dtcg4j.qemu.plugins.dir or TCG4J_QEMU_PLUGINS at the folder)");
        }
        return so;
    }
}
