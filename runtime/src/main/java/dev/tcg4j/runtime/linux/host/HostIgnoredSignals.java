package dev.tcg4j.runtime.linux.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The signals the emulator's parent left ignored when it started the emulator (a shell's background
 * job ignores SIGINT and SIGQUIT, nohup SIGHUP): execve keeps them ignored, so the guest program
 * starts with them ignored, as under qemu, which copies the host's ignored dispositions into the
 * guest's at start-up. Bit {@code n-1} stands for signal {@code n}.
 *
 * <p>The kernel's {@code SigIgn} line of {@code /proc/self/status} has them, except SIGQUIT, whose
 * disposition the JVM replaced with its own before any Java code ran; the launcher therefore says
 * whether it was started with SIGQUIT ignored ({@code -Dtcg4j.host.sigign=HEX}, a mask as above,
 * which counts too).
 */
public final class HostIgnoredSignals {
    private static final Path STATUS = Path.of("/proc/self/status");

    private HostIgnoredSignals() {}

    /** The mask, 0 when the host does not tell. */
    public static long atStart() {
        return fromLauncher(System.getProperty("tcg4j.host.sigign")) | fromStatus();
    }

    static long fromLauncher(String hex) {
        if (hex == null || hex.isBlank()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(hex.trim(), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long fromStatus() {
        try {
            return parseStatus(Files.readString(STATUS));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The {@code SigIgn:} line of proc(5)'s status file: 16 hex digits. */
    static long parseStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("SigIgn:")) {
                return Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
            }
        }
        return 0;
    }
}
