package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.host.HostCalls;
import dev.tcg4j.runtime.linux.host.Libc;
import java.lang.foreign.Arena;

/**
 * File contents and ownership beyond read and write: sendfile, splice, copy_file_range,
 * truncate, fallocate, flock, fchown/fchownat, memfd_create and msync, passed to the host on the
 * host fds (offsets are loff_t, the same everywhere). flock waits interruptibly.
 */
final class FileSpaceSyscalls {
    private static final int LOCK_NB = 4;
    private static final int SPLICE_F_NONBLOCK = 2;
    private static final long PAGE_MASK = GuestMemory.PAGE_SIZE - 1;
    private static final int MS_ASYNC = 1;
    private static final int MS_INVALIDATE = 2;
    private static final int MS_SYNC = 4;

    private final ProcessContext ctx;
    private final GuestBuffers buf;
    private final Libc libc;
    private final FdTable fds;

    FileSpaceSyscalls(ProcessContext ctx, GuestBuffers buf) {
        this.ctx = ctx;
        this.buf = buf;
        this.libc = ctx.libc();
        this.fds = ctx.fds();
    }

    private long offsetPointer(long addr, boolean written) {
        return addr == 0 ? 0 : (written ? buf.out(addr, 8) : buf.in(addr, 8)).address();
    }

    long sendfile(long outFd, long inFd, long offset, long count) {
        int ho = fds.host((int) outFd);
        int hi = fds.host((int) inFd);
        if (ho < 0 || hi < 0) {
            return -Errno.EBADF;
        }
        long w = Blocking.awaitReady(libc, ho, Blocking.POLLOUT);
        if (w < 0) {
            return Blocking.restartable(w);
        }
        return HostCalls.callLong("sendfile", ho, hi, offsetPointer(offset, true), GuestBuffers.rwCount(count));
    }

    long splice(long inFd, long inOff, long outFd, long outOff, long len, long flags) {
        int hi = fds.host((int) inFd);
        int ho = fds.host((int) outFd);
        if (ho < 0 || hi < 0) {
            return -Errno.EBADF;
        }
        if ((flags & SPLICE_F_NONBLOCK) == 0) {
            long w = Blocking.awaitReady(libc, hi, Blocking.POLLIN);
            if (w < 0) {
                return Blocking.restartable(w);
            }
        }
        return HostCalls.callLong("splice", hi, offsetPointer(inOff, true), ho, offsetPointer(outOff, true), len, flags);
    }

    long copyFileRange(long inFd, long inOff, long outFd, long outOff, long len, long flags) {
        int hi = fds.host((int) inFd);
        int ho = fds.host((int) outFd);
        if (ho < 0 || hi < 0) {
            return -Errno.EBADF;
        }
        return HostCalls.callLong("copy_file_range", hi, offsetPointer(inOff, true), ho, offsetPointer(outOff, true),
                len, flags);
    }

    /** truncate looks the path up under -L first, as qemu's path() does. */
    long truncate(long path, long length) {
        try (Arena arena = Arena.ofConfined()) {
            return HostCalls.callInt("truncate", buf.path(path, arena, ctx.sysroot()).address(), length);
        }
    }

    long fallocate(long fd, long mode, long offset, long len) {
        int h = fds.host((int) fd);
        return h < 0 ? -Errno.EBADF : HostCalls.callInt("fallocate", h, mode, offset, len);
    }

    /** flock; a lock that has to wait is tried again every slice, so that a signal can end the wait. */
    long flock(long fd, long operation) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if ((operation & LOCK_NB) != 0) {
            return HostCalls.callInt("flock", h, operation);
        }
        while (true) {
            long r = HostCalls.callInt("flock", h, operation | LOCK_NB);
            if (r != -Errno.EAGAIN) {
                return r;
            }
            try {
                Thread.sleep(Blocking.SLICE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -Errno.ERESTARTSYS;
            }
            if (Blocking.interrupted()) {
                return -Errno.ERESTARTSYS;
            }
        }
    }

    long fchown(long fd, long owner, long group) {
        int h = fds.host((int) fd);
        return h < 0 ? -Errno.EBADF : HostCalls.callInt("fchown", h, owner, group);
    }

    long fchownat(long dirfd, long path, long owner, long group, long flags) {
        int d = (int) dirfd;
        int hd = d == FileSyscalls.AT_FDCWD ? FileSyscalls.AT_FDCWD : fds.host(d);
        if (hd < 0 && hd != FileSyscalls.AT_FDCWD) {
            hd = Integer.MAX_VALUE; // an fd the guest does not have: the host says EBADF, after the path's checks
        }
        try (Arena arena = Arena.ofConfined()) {
            return HostCalls.callInt("fchownat", hd, buf.path(path, arena, ctx.sysroot()).address(), owner, group, flags);
        }
    }

    long memfdCreate(long name, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            long h = HostCalls.callInt("memfd_create", buf.path(name, arena).address(), flags);
            return h < 0 ? h : fds.install((int) h);
        }
    }

    /**
     * msync: the arguments are checked as the kernel checks them, then the host writes back the
     * file pages that guest memory maps shared (MappedFiles).
     */
    long msync(long addr, long len, long flags) {
        if ((addr & PAGE_MASK) != 0 || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0
                || ((flags & MS_ASYNC) != 0 && (flags & MS_SYNC) != 0)) {
            return -Errno.EINVAL;
        }
        long end = addr + ((len + PAGE_MASK) & ~PAGE_MASK);
        if (end < addr) {
            return -Errno.ENOMEM;
        }
        if (end > addr && !ctx.space().isReserved(addr, end)) {
            return -Errno.ENOMEM;
        }
        return ctx.memory().syncMapped(addr, end - addr, (int) flags);
    }
}
