package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.fs.HostFileKind;
import dev.tcg4j.runtime.linux.host.HostCalls;
import dev.tcg4j.runtime.linux.host.Libc;
import java.lang.foreign.Arena;

/**
 * The host side of mmap's file and shared mappings: a regular file's pages are mapped from the host
 * file itself where guest memory can (MAP_SHARED stores reach the file and the mapping's other
 * users, a fork's child included; MAP_PRIVATE pages share the host's page cache until written), and
 * MAP_SHARED|MAP_ANONYMOUS memory is a memfd's, so that a fork shares it too.
 */
final class MappedFiles {
    private static final int O_ACCMODE = 3;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int F_GETFL = 3;
    private static final int MFD_CLOEXEC = 1;

    private final GuestMemory memory;
    private final Libc libc;

    MappedFiles(GuestMemory memory, Libc libc) {
        this.memory = memory;
        this.libc = libc;
    }

    /**
     * The open mode of {@code hostFd} (O_RDONLY, O_WRONLY or O_RDWR), or -errno, for
     * {@link #checkAccess} and {@link #map}.
     */
    long accessMode(int hostFd) {
        long flags = libc.fcntl(hostFd, F_GETFL, 0);
        return flags < 0 ? flags : flags & O_ACCMODE;
    }

    /**
     * Linux's check before a file mapping: MAP_SHARED with PROT_WRITE needs an fd open for writing,
     * any mapping one open for reading. Returns 0 or -EACCES.
     */
    static long checkAccess(long mode, boolean shared, int prot) {
        boolean readable = mode != O_WRONLY;
        boolean writable = mode != O_RDONLY;
        if (!readable || (shared && (prot & MemorySyscalls.PROT_WRITE) != 0 && !writable)) {
            return -Errno.EACCES;
        }
        return 0;
    }

    /**
     * Maps the part of {@code [at, at+size)} that a regular file covers from {@code off} on; the
     * pages past its end stay zero (Linux would raise SIGBUS there, which on the host would hit the
     * JVM). Returns false when the caller must copy the bytes instead: not a regular file, or guest
     * memory that cannot map files. A read-only fd's ({@code mode}) shared mapping is mapped
     * privately, which reads the same bytes, since no store can reach it.
     */
    boolean map(long at, long size, int hostFd, long mode, long off, boolean shared) {
        long fileSize = regularFileSize(hostFd);
        if (fileSize < 0) {
            return false;
        }
        long covered = Math.min(size, GuestMemory.pageCeil(Math.max(0, fileSize - off)));
        if (covered == 0) {
            return true;
        }
        return memory.mapOpenFile(at, covered, hostFd, off, shared && mode != O_RDONLY);
    }

    /** MAP_SHARED|MAP_ANONYMOUS: the pages become a fresh memfd's; false leaves them private. */
    boolean shareAnonymous(long at, long size) {
        long fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = HostCalls.callInt("memfd_create", arena.allocateFrom("tcg4j-shared-anon").address(), MFD_CLOEXEC);
        }
        if (fd < 0) {
            return false;
        }
        try {
            return libc.ftruncate((int) fd, size) == 0 && memory.mapOpenFile(at, size, (int) fd, 0, true);
        } finally {
            libc.close((int) fd); // guest memory holds a descriptor of its own
        }
    }

    private long regularFileSize(int hostFd) {
        HostFileKind kind = HostFileKind.of(libc, hostFd);
        return kind != null && kind.regularFile() ? kind.size() : -1;
    }
}
