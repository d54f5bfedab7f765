package dev.tcg4j.runtime.linux.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This (the emulator's) process's parent, process group and session, as getppid, getpgid(0) and
 * getsid(0) give them. Read from the kernel's {@code /proc/self/stat} rather than through three
 * downcalls: linking those cost every start-up two call shapes of the FFM linker (10 to 30 ms of CPU
 * each) before the program could load, and most programs never ask.
 */
public record HostProcessIds(int ppid, int pgid, int sid) {
    private static final Path STAT = Path.of("/proc/self/stat");

    /** From {@code /proc/self/stat}, else (no procfs) from libc. */
    public static HostProcessIds current(Libc libc) {
        try {
            return parseStat(Files.readString(STAT));
        } catch (IOException | RuntimeException e) {
            return new HostProcessIds(libc.getppid(), (int) libc.processGroup(0, false), (int) libc.processGroup(0, true));
        }
    }

    /**
     * proc(5)'s fields pid, comm, state, ppid, pgrp, session: comm is in parentheses and may itself hold
     * spaces and parentheses, so the fields after it are counted from its last ')'.
     */
    static HostProcessIds parseStat(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
        return new HostProcessIds(Integer.parseInt(after[1]), Integer.parseInt(after[2]), Integer.parseInt(after[3]));
    }
}
