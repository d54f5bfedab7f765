package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.host.HostCalls;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.SignalNames;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * File system calls, passed to the host on the host fd behind each guest fd. Structures that differ
 * between architectures are converted (struct stat is filled from the host's statx); those that do
 * not (linux_dirent64, statx, termios, winsize, timespec pairs) go straight into guest memory.
 */
final class FileSyscalls {
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE = 256;
    static final int STAT_SIZE = 128;
    private static final int IOV_MAX = 1024;

    private static final int TCGETS = 0x5401;
    private static final int TCSETS = 0x5402;
    private static final int TCSETSW = 0x5403;
    private static final int TCSETSF = 0x5404;
    private static final int TIOCGPGRP = 0x540f;
    private static final int TIOCGWINSZ = 0x5413;
    private static final int TIOCSWINSZ = 0x5414;
    private static final int FIONREAD = 0x541b;
    private static final int FIONBIO = 0x5421;
    private static final int FIONCLEX = 0x5450;
    private static final int FIOCLEX = 0x5451;
    private static final int TERMIOS_SIZE = 36;

    private static final int F_DUPFD = 0;
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_GETLK = 5;
    private static final int F_SETLK = 6;
    private static final int F_SETLKW = 7;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FLOCK_SIZE = 32;
    private static final int O_CLOEXEC = 0x80000;

    private final ProcessContext ctx;
    private final GuestBuffers buf;
    private final Libc libc;
    private final FdTable fds;
    private final int uid;
    private final ProcLinks links;
    private final FdListings listings;

    FileSyscalls(ProcessContext ctx, GuestBuffers buf, ProcLinks links) {
        this.ctx = ctx;
        this.buf = buf;
        this.libc = ctx.libc();
        this.fds = ctx.fds();
        this.uid = libc.getuid();
        this.links = links;
        this.listings = new FdListings(libc);
    }

    /** The host dirfd for a guest one; AT_FDCWD stays; an unknown fd maps to an invalid host fd (EBADF). */
    private int dirfd(long guestDirfd) {
        int d = (int) guestDirfd;
        if (d == AT_FDCWD) {
            return AT_FDCWD;
        }
        int h = fds.host(d);
        return h < 0 ? Integer.MAX_VALUE : h;
    }

    // ---------------------------------------------------------------- I/O

    long read(long fd, long addr, long n) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        MemorySegment dst = buf.out(addr, n);
        return libc.read(h, dst, dst.byteSize());
    }

    /**
     * read or write that does not wait ({@code RWF_NOWAIT}): the transfer, or -EAGAIN when the file
     * is not ready, or -EOPNOTSUPP (-EINVAL, -ENOSYS on older hosts) when the host cannot say for this
     * kind of file. One host call where waiting first for readiness took two.
     */
    long transferNoWait(long fd, long addr, long n, boolean write) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        MemorySegment data = write ? buf.in(addr, n) : buf.out(addr, n);
        MemorySegment iov = ONE_IOVEC.get();
        iov.set(ValueLayout.JAVA_LONG, 0, data.address());
        iov.set(ValueLayout.JAVA_LONG, 8, data.byteSize());
        return withoutWaiting(h, iov, 1, write);
    }

    /** preadv2 or pwritev2 with RWF_NOWAIT at the file position, over the host iovecs {@code iov}. */
    private long withoutWaiting(int h, MemorySegment iov, int count, boolean write) {
        return write ? brokenPipe(libc.pwritev2(h, iov, count, CURRENT_POSITION, RWF_NOWAIT))
                : libc.preadv2(h, iov, count, CURRENT_POSITION, RWF_NOWAIT);
    }

    private static final int RWF_NOWAIT = 8;
    private static final long CURRENT_POSITION = -1;
    private static final ThreadLocal<MemorySegment> ONE_IOVEC = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

    long write(long fd, long addr, long n) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        MemorySegment src = buf.in(addr, n);
        return brokenPipe(libc.write(h, src, src.byteSize()));
    }

    /**
     * A write to a pipe nobody reads also raises SIGPIPE in the writer. The JVM ignores SIGPIPE for
     * itself, so the host reports only EPIPE; the guest gets its signal here.
     */
    private long brokenPipe(long result) {
        if (result == -Errno.EPIPE) {
            ctx.signals().post(SigInfo.sent(SignalNames.SIGPIPE, SigInfo.SI_USER, ctx.pid(), uid));
        }
        return result;
    }

    long pread(long fd, long addr, long n, long off) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        MemorySegment dst = buf.out(addr, n);
        return libc.pread(h, dst, dst.byteSize(), off);
    }

    long pwrite(long fd, long addr, long n, long off) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        MemorySegment src = buf.in(addr, n);
        return brokenPipe(libc.pwrite(h, src, src.byteSize(), off));
    }

    /** readv/writev with the guest's iovec array rebuilt as host iovecs pointing into guest memory. */
    long vectored(long fd, long iov, long count, boolean write) {
        return vectored(fd, iov, count, write, false);
    }

    /** readv or writev; {@code noWait} as {@link #transferNoWait} does it. */
    long vectored(long fd, long iov, long count, boolean write, boolean noWait) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if (count < 0 || count > IOV_MAX) {
            return -Errno.EINVAL;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(16L * Math.max(1, count), 8);
            for (int i = 0; i < count; i++) {
                long base = buf.memory().ld64(iov + 16L * i);
                long len = buf.memory().ld64(iov + 16L * i + 8);
                MemorySegment seg = len == 0 ? MemorySegment.NULL : write ? buf.in(base, len) : buf.out(base, len);
                host.set(ValueLayout.ADDRESS, 16L * i, seg);
                host.set(ValueLayout.JAVA_LONG, 16L * i + 8, seg.byteSize());
            }
            if (noWait) {
                return withoutWaiting(h, host, (int) count, write);
            }
            return write ? brokenPipe(libc.writev(h, host, (int) count)) : libc.readv(h, host, (int) count);
        }
    }

    long openat(long dirfd, long path, long flags, long mode) {
        try (Arena arena = Arena.ofConfined()) {
            String p = buf.string(path);
            byte[] made = ctx.procFiles().contents(p);
            if (made != null) {
                return openMadeUp(made, arena);
            }
            MemorySegment hostPath = isSelfExe(p) ? arena.allocateFrom(ctx.programPath()) : buf.path(path, arena, ctx.sysroot());
            long h = libc.openat(dirfd(dirfd), hostPath, (int) flags, (int) mode);
            if (h < 0) {
                return h;
            }
            ProcessContext listed = links.fdDirectoryOwner(p);
            if (listed != null) {
                listings.opened((int) h, listed);
            }
            return fds.install((int) h);
        }
    }

    /** A made-up /proc file, as qemu serves it: an unlinked temporary file holding the text, read from the start. */
    private long openMadeUp(byte[] contents, Arena arena) {
        java.nio.file.Path tmp;
        try {
            tmp = java.nio.file.Files.createTempFile("tcg4j-proc", "");
            java.nio.file.Files.write(tmp, contents);
        } catch (java.io.IOException e) {
            return -Errno.EIO;
        }
        MemorySegment hostPath = arena.allocateFrom(tmp.toString());
        long h = libc.openat(AT_FDCWD, hostPath, 2 /* O_RDWR */, 0);
        libc.unlinkat(AT_FDCWD, hostPath, 0);
        return h < 0 ? h : fds.install((int) h);
    }

    long close(long fd) {
        return fds.close((int) fd);
    }

    long lseek(long fd, long off, long whence) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        long listed = listings.lseek(h, off, (int) whence);
        return listed != FdListings.NOT_A_LISTING ? listed : libc.lseek(h, off, (int) whence);
    }

    long getdents64(long fd, long addr, long n) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        long listed = listings.getdents64(h, buf.memory(), addr, n);
        if (listed != FdListings.NOT_A_LISTING) {
            return listed;
        }
        MemorySegment dst = buf.out(addr, n);
        return libc.getdents64(h, dst, dst.byteSize());
    }

    // ---------------------------------------------------------------- stat

    long fstat(long fd, long statbuf) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        try (Arena arena = Arena.ofConfined()) {
            return statInto(h, arena.allocateFrom(""), AT_EMPTY_PATH, statbuf, arena);
        }
    }

    long newfstatat(long dirfd, long path, long statbuf, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            return statInto(dirfd(dirfd), buf.path(path, arena, ctx.sysroot()), (int) flags, statbuf, arena);
        }
    }

    private long statInto(int hostDirfd, MemorySegment path, int flags, long statbuf, Arena arena) {
        MemorySegment stx = arena.allocate(STATX_SIZE, 8);
        long r = libc.statx(hostDirfd, path, flags, STATX_BASIC_STATS, stx);
        if (r < 0) {
            return r;
        }
        StatLayout.fromStatx(stx, buf.out(statbuf, STAT_SIZE));
        return 0;
    }

    long statx(long dirfd, long path, long flags, long mask, long statxbuf) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.statx(dirfd(dirfd), buf.path(path, arena), (int) flags, (int) mask, buf.out(statxbuf, STATX_SIZE));
        }
    }

    long statfs(long path, long out) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.statfs(buf.path(path, arena, ctx.sysroot()), buf.out(out, 120));
        }
    }

    long fstatfs(long fd, long out) {
        int h = fds.host((int) fd);
        return h < 0 ? -Errno.EBADF : libc.fstatfs(h, buf.out(out, 120));
    }

    // ---------------------------------------------------------------- links and paths

    long readlinkat(long dirfd, long path, long out, long n) {
        if (n <= 0 || n > Integer.MAX_VALUE) {
            return -Errno.EINVAL;
        }
        String p = buf.string(path);
        if (isSelfExe(p)) {
            byte[] target = ctx.programPath().getBytes(StandardCharsets.UTF_8);
            int len = (int) Math.min(n, target.length);
            buf.memory().write(out, target, 0, len);
            return len;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = buf.out(out, n);
            return libc.readlinkat(dirfd(dirfd), buf.path(path, arena, ctx.sysroot()), dst, dst.byteSize());
        }
    }

    private boolean isSelfExe(String p) {
        return p.equals("/proc/self/exe") || p.equals("/proc/" + ctx.pid() + "/exe")
                || p.equals("/proc/thread-self/exe");
    }

    long faccessat(long dirfd, long path, long mode, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.faccessat(dirfd(dirfd), buf.path(path, arena), (int) mode, (int) flags);
        }
    }

    long unlinkat(long dirfd, long path, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.unlinkat(dirfd(dirfd), buf.path(path, arena), (int) flags);
        }
    }

    long mkdirat(long dirfd, long path, long mode) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.mkdirat(dirfd(dirfd), buf.path(path, arena), (int) mode);
        }
    }

    /** mknodat: FIFOs and sockets for anyone; device nodes as the host allows them (EPERM unprivileged). */
    long mknodat(long dirfd, long path, long mode, long dev) {
        try (Arena arena = Arena.ofConfined()) {
            return HostCalls.callInt("mknodat", dirfd(dirfd), buf.path(path, arena).address(), mode & 0xffffffffL,
                    dev);
        }
    }

    long renameat2(long olddir, long oldpath, long newdir, long newpath, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.renameat2(dirfd(olddir), buf.path(oldpath, arena), dirfd(newdir), buf.path(newpath, arena),
                    (int) flags);
        }
    }

    long symlinkat(long target, long dirfd, long linkpath) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.symlinkat(buf.path(target, arena), dirfd(dirfd), buf.path(linkpath, arena));
        }
    }

    long linkat(long olddir, long oldpath, long newdir, long newpath, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.linkat(dirfd(olddir), buf.path(oldpath, arena), dirfd(newdir), buf.path(newpath, arena),
                    (int) flags);
        }
    }

    long getcwd(long out, long size) {
        if (size == 0) {
            return -Errno.ERANGE;
        }
        MemorySegment dst = buf.out(out, size);
        return libc.getcwd(dst, dst.byteSize());
    }

    /** getcwd, chdir and fchdir act on the calling host thread's cwd, which is its process's (ProcessFs). */
    long chdir(long path, GuestThread self) {
        try (Arena arena = Arena.ofConfined()) {
            return ctx.fs().chdir(buf.path(path, arena), self.fsSeen());
        }
    }

    long fchdir(long fd, GuestThread self) {
        int h = fds.host((int) fd);
        return h < 0 ? -Errno.EBADF : ctx.fs().fchdir(h, self.fsSeen());
    }

    long ftruncate(long fd, long len) {
        int h = fds.host((int) fd);
        return h < 0 ? -Errno.EBADF : libc.ftruncate(h, len);
    }

    long fsync(long fd) {
        int h = fds.host((int) fd);
        return h < 0 ? -Errno.EBADF : libc.fsync(h);
    }

    long fchmod(long fd, long mode) {
        int h = fds.host((int) fd);
        return h < 0 ? -Errno.EBADF : libc.fchmod(h, (int) mode);
    }

    long fchmodat(long dirfd, long path, long mode) {
        try (Arena arena = Arena.ofConfined()) {
            return libc.fchmodat(dirfd(dirfd), buf.path(path, arena), (int) mode, 0);
        }
    }

    long utimensat(long dirfd, long path, long times, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = path == 0 ? MemorySegment.NULL : buf.path(path, arena, ctx.sysroot());
            int d = path == 0 ? fds.host((int) dirfd) : dirfd(dirfd);
            if (d < 0 && d != AT_FDCWD) {
                return -Errno.EBADF;
            }
            return libc.utimensat(d, p, buf.inOrNull(times, 32), (int) flags);
        }
    }

    long umask(long mask, GuestThread self) {
        return ctx.fs().umask((int) mask, self.fsSeen());
    }

    // ---------------------------------------------------------------- descriptors

    long dup(long fd) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        long nh = libc.dup(h);
        return nh < 0 ? nh : fds.install((int) nh);
    }

    long dup3(long oldfd, long newfd, long flags) {
        int h = fds.host((int) oldfd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if (oldfd == newfd || (flags & ~O_CLOEXEC) != 0) {
            return -Errno.EINVAL;
        }
        long nh = libc.fcntl(h, (flags & O_CLOEXEC) != 0 ? F_DUPFD_CLOEXEC : F_DUPFD, 3);
        return nh < 0 ? nh : fds.installAt((int) newfd, (int) nh);
    }

    long pipe2(long out, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pair = arena.allocate(8, 4);
            buf.memory().checkAccess(out, 8, dev.tcg4j.ir.cpu.GuestMemory.WRITE);
            long r = libc.pipe2(pair, (int) flags);
            if (r < 0) {
                return r;
            }
            int rd = fds.install(pair.get(ValueLayout.JAVA_INT, 0));
            int wr = fds.install(pair.get(ValueLayout.JAVA_INT, 4));
            if (rd < 0 || wr < 0) {
                fds.close(rd);
                fds.close(wr);
                return -Errno.EMFILE;
            }
            buf.memory().st32(out, rd);
            buf.memory().st32(out + 4, wr);
            return 0;
        }
    }

    long fcntl(long fd, long cmd, long arg) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        switch ((int) cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                if (arg < 0 || arg >= FdTable.MAX_FDS) {
                    return -Errno.EINVAL;
                }
                long nh = libc.fcntl(h, (int) cmd, 3);
                return nh < 0 ? nh : fds.install((int) nh, (int) arg);
            }
            case F_GETFD, F_SETFD, F_GETFL, F_SETFL -> {
                return libc.fcntl(h, (int) cmd, arg);
            }
            case F_GETLK, F_SETLK, F_SETLKW -> {
                MemorySegment lock = cmd == F_GETLK ? buf.out(arg, FLOCK_SIZE) : buf.in(arg, FLOCK_SIZE);
                return libc.fcntl(h, (int) cmd, lock.address());
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    /** The terminal and fd ioctls programs use; anything else is -ENOTTY, as for a plain file. */
    long ioctl(long fd, long request, long arg) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        MemorySegment a = switch ((int) request) {
            case TCGETS -> buf.out(arg, TERMIOS_SIZE);
            case TCSETS, TCSETSW, TCSETSF -> buf.in(arg, TERMIOS_SIZE);
            case TIOCGWINSZ -> buf.out(arg, 8);
            case TIOCSWINSZ -> buf.in(arg, 8);
            case TIOCGPGRP, FIONREAD -> buf.out(arg, 4);
            case FIONBIO -> buf.in(arg, 4);
            case FIOCLEX, FIONCLEX -> MemorySegment.NULL;
            default -> null;
        };
        if (a == null) {
            return -Errno.ENOTTY;
        }
        return libc.ioctl(h, request, a.address());
    }
}
