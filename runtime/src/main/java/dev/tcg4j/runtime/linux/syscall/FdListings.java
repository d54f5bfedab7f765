package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.fs.HostFileKind;
import dev.tcg4j.runtime.linux.host.Libc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open listings of a guest process's descriptors (/proc/self/fd, /proc/PID/fd, /dev/fd). The host
 * fd is the host's own fd directory, so that fstat, fchdir and close behave; getdents64 lists the
 * guest process's descriptors instead of the JVM's, as proc_readfd_common does: "." and ".." at
 * positions 0 and 1, descriptor N at position N + 2, each a symbolic link. A listing is known by its
 * host fd and that fd's inode, so a host fd number reused for another file is not taken for one.
 */
final class FdListings {
    /** What {@link #getdents64} and {@link #lseek} answer for a host fd that is no listing. */
    static final long NOT_A_LISTING = Long.MIN_VALUE;
    private static final int DT_DIR = 4;
    private static final int DT_LNK = 10;
    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int DIRENT_HEADER = 19;

    private static final class Listing {
        final ProcessContext owner;
        final long inode;
        long position;

        Listing(ProcessContext owner, long inode) {
            this.owner = owner;
            this.inode = inode;
        }
    }

    private final Map<Integer, Listing> byHostFd = new ConcurrentHashMap<>();
    private final Libc libc;

    FdListings(Libc libc) {
        this.libc = libc;
    }

    /** {@code hostFd} was opened on the fd directory of {@code owner}. */
    void opened(int hostFd, ProcessContext owner) {
        HostFileKind kind = HostFileKind.of(libc, hostFd);
        if (kind != null && kind.directory()) {
            byHostFd.put(hostFd, new Listing(owner, kind.inode()));
        }
    }

    long getdents64(int hostFd, GuestMemory memory, long addr, long size) {
        Listing l = listing(hostFd);
        if (l == null) {
            return NOT_A_LISTING;
        }
        synchronized (l) {
            // getdents64's count is an unsigned int; a listing never needs a megabyte
            ByteBuffer out = ByteBuffer.allocate((int) Math.min(size & 0xffff_ffffL, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
            long pos = l.position;
            if (pos == 0 && put(out, l.inode, 1, DT_DIR, ".")) {
                pos = 1;
            }
            if (pos == 1 && put(out, l.inode, 2, DT_DIR, "..")) {
                pos = 2;
            }
            if (pos >= 2) {
                for (int fd : l.owner.fds().openIn((int) Math.min(pos - 2, FdTable.MAX_FDS), FdTable.MAX_FDS)) {
                    if (!put(out, l.inode + 1 + fd, fd + 3L, DT_LNK, Integer.toString(fd))) {
                        break;
                    }
                    pos = fd + 3L;
                }
            }
            if (out.position() == 0 && hasMore(l, pos)) {
                return -Errno.EINVAL; // not even one entry fits
            }
            memory.write(addr, Arrays.copyOf(out.array(), out.position()));
            l.position = pos;
            return out.position();
        }
    }

    long lseek(int hostFd, long offset, int whence) {
        Listing l = listing(hostFd);
        if (l == null) {
            return NOT_A_LISTING;
        }
        synchronized (l) {
            if (whence == SEEK_SET && offset >= 0) {
                l.position = offset;
                return offset;
            }
            if (whence == SEEK_CUR && offset == 0) {
                return l.position;
            }
            return -Errno.EINVAL;
        }
    }

    private Listing listing(int hostFd) {
        if (byHostFd.isEmpty()) {
            return null;
        }
        Listing l = byHostFd.get(hostFd);
        if (l == null) {
            return null;
        }
        HostFileKind kind = HostFileKind.of(libc, hostFd);
        if (kind == null || kind.inode() != l.inode) {
            byHostFd.remove(hostFd, l); // closed since, its number reused
            return null;
        }
        return l;
    }

    private static boolean hasMore(Listing l, long pos) {
        return pos < 2 || l.owner.fds().openIn((int) Math.min(pos - 2, FdTable.MAX_FDS), FdTable.MAX_FDS).length > 0;
    }

    /** One struct linux_dirent64, 8-byte aligned; false when it does not fit. */
    private static boolean put(ByteBuffer out, long inode, long nextPosition, int type, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        int length = (DIRENT_HEADER + bytes.length + 1 + 7) & ~7;
        if (out.remaining() < length) {
            return false;
        }
        int start = out.position();
        out.putLong(inode).putLong(nextPosition).putShort((short) length).put((byte) type).put(bytes);
        while (out.position() < start + length) {
            out.put((byte) 0);
        }
        return true;
    }
}
