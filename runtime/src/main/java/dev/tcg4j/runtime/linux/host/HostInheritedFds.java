package dev.tcg4j.runtime.linux.host;

import java.util.Arrays;

/**
 * The descriptors above 2 that the emulator's caller passed on (a shell's {@code 3<file}, a make
 * jobserver's pipe, a supervisor's socket): the guest program inherits them at the same numbers, as
 * under qemu, whose guest sees the host process's descriptors. The JVM cannot tell them from files
 * it opened itself, so the launcher lists them ({@code -Dtcg4j.host.fds=3,7}), before the JVM starts.
 */
public final class HostInheritedFds {
    private HostInheritedFds() {}

    /** The descriptors the launcher listed, none when it did not say. */
    public static int[] atStart() {
        return parse(System.getProperty("tcg4j.host.fds"));
    }

    /** A comma-separated list of descriptors; 0, 1 and 2 (the guest's already) and junk are left out. */
    static int[] parse(String list) {
        if (list == null || list.isBlank()) {
            return new int[0];
        }
        // a plain loop: streams and a regex here loaded 30 classes at every start-up
        int[] fds = new int[list.length()];
        int count = 0;
        for (String token : list.split(",", -1)) {
            int fd = descriptor(token.trim());
            if (fd > 2 && !contains(fds, count, fd)) {
                fds[count++] = fd;
            }
        }
        return Arrays.copyOf(fds, count);
    }

    /** The number {@code token} spells in 1 to 9 decimal digits, else -1. */
    private static int descriptor(String token) {
        if (token.isEmpty() || token.length() > 9) {
            return -1;
        }
        int fd = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            fd = fd * 10 + (c - '0');
        }
        return fd;
    }

    private static boolean contains(int[] fds, int count, int fd) {
        for (int i = 0; i < count; i++) {
            if (fds[i] == fd) {
                return true;
            }
        }
        return false;
    }
}
