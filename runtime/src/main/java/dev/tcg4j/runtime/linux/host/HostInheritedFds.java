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
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> s.matches("[0-9]{1,9}"))
                .mapToInt(Integer::parseInt).filter(fd -> fd > 2).distinct().toArray();
    }
}
