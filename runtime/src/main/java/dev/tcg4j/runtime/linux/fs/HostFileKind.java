package dev.tcg4j.runtime.linux.fs;

import dev.tcg4j.runtime.linux.host.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What kind of file a host fd stands for, and its size: what the runtime decides by (whether I/O
 * can wait, whether mmap can map the file) rather than what the guest is shown.
 *
 * @param type the {@code S_IFMT} bits of its mode
 * @param inode its inode number, which tells one open file from another behind a reused fd number
 * @param device the device number ({@code major << 20 | minor}) of a character or block device, else 0
 */
public record HostFileKind(int type, long size, long inode, int device) {
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_TYPE = 1;
    private static final int STATX_INO = 0x100;
    private static final int STATX_SIZE = 0x200;
    private static final int STATX_BUFFER = 256;
    private static final int STX_MODE = 0x1c;
    private static final int STX_INO = 0x20;
    private static final int STX_SIZE = 0x28;
    private static final int STX_RDEV_MAJOR = 0x80;
    private static final int STX_RDEV_MINOR = 0x84;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;
    /** What a closed fd's probe gives: a kind that may wait and is no pipe. */
    static final HostFileKind UNKNOWN = new HostFileKind(0, 0, 0, 0);
    /** Linux's memory devices (major 1) that never block: null, zero, full, random, urandom. */
    private static final int MEMORY_DEVICES = 1;
    private static final java.util.Set<Integer> NEVER_BLOCKING_MEMORY_MINORS = java.util.Set.of(3, 5, 7, 8, 9);
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;

    /** The fd's kind, or null when the host cannot say (a closed fd). */
    public static HostFileKind of(Libc libc, int hostFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stx = arena.allocate(STATX_BUFFER, 8);
            if (libc.statx(hostFd, arena.allocateFrom(""), AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE | STATX_INO, stx) < 0) {
                return null;
            }
            int major = stx.get(ValueLayout.JAVA_INT, STX_RDEV_MAJOR);
            int minor = stx.get(ValueLayout.JAVA_INT, STX_RDEV_MINOR);
            return new HostFileKind(stx.get(ValueLayout.JAVA_SHORT, STX_MODE) & S_IFMT,
                    stx.get(ValueLayout.JAVA_LONG, STX_SIZE), stx.get(ValueLayout.JAVA_LONG, STX_INO), major << 20 | minor);
        }
    }

    public boolean regularFile() {
        return type == S_IFREG;
    }

    public boolean directory() {
        return type == S_IFDIR;
    }

    public boolean pipe() {
        return type == S_IFIFO;
    }

    /**
     * Whether I/O on it never waits: a regular file, a directory, or /dev/null, zero, full, random
     * or urandom (random blocks only until the host's pool is first seeded, at boot).
     */
    public boolean neverWaits() {
        return regularFile() || directory()
                || type == S_IFCHR && device >>> 20 == MEMORY_DEVICES && NEVER_BLOCKING_MEMORY_MINORS.contains(device & 0xfffff);
    }
}
