package dev.tcg4j.runtime.linux.host;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The host C library, called through the FFM API. Guest system calls on files are passed to the
 * host much as QEMU's linux-user does: the host kernel then decides what a pipe, a tty or a
 * directory does, and guest I/O goes straight to the host fd with nothing buffered on our side.
 *
 * <p>Every method returns what the kernel would: the result, or {@code -errno} on failure. Only
 * functions whose structures are the same on every LP64 Linux are used (statx rather than stat,
 * getdents64's linux_dirent64), so that the host architecture does not matter.
 *
 * <p>Downcalls are restricted methods: the launcher passes {@code --enable-native-access=ALL-UNNAMED}.
 */
@SuppressWarnings("restricted")
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG;
    private static final ValueLayout P = ValueLayout.ADDRESS;

    public static final int AT_FDCWD = -100;

    private static final MethodHandle READ = fn("read", FunctionDescriptor.of(L, I, P, L));
    private static final MethodHandle WRITE = fn("write", FunctionDescriptor.of(L, I, P, L));
    private static final MethodHandle PREAD = fn("pread64", FunctionDescriptor.of(L, I, P, L, L));
    private static final MethodHandle PWRITE = fn("pwrite64", FunctionDescriptor.of(L, I, P, L, L));
    private static final MethodHandle READV = fn("readv", FunctionDescriptor.of(L, I, P, I));
    private static final MethodHandle WRITEV = fn("writev", FunctionDescriptor.of(L, I, P, I));
    private static final MethodHandle OPENAT = variadic("openat", FunctionDescriptor.of(I, I, P, I, I), 3);
    private static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(I, I));
    private static final MethodHandle LSEEK = fn("lseek64", FunctionDescriptor.of(L, I, L, I));
    private static final MethodHandle STATX = fn("statx", FunctionDescriptor.of(I, I, P, I, I, P));
    private static final MethodHandle GETDENTS64 = fn("getdents64", FunctionDescriptor.of(L, I, P, L));
    private static final MethodHandle READLINKAT = fn("readlinkat", FunctionDescriptor.of(L, I, P, P, L));
    private static final MethodHandle IOCTL = variadic("ioctl", FunctionDescriptor.of(I, I, L, L), 2);
    private static final MethodHandle FCNTL = variadic("fcntl", FunctionDescriptor.of(I, I, I, L), 2);
    private static final MethodHandle DUP = fn("dup", FunctionDescriptor.of(I, I));
    private static final MethodHandle PIPE2 = fn("pipe2", FunctionDescriptor.of(I, P, I));
    private static final MethodHandle FACCESSAT = fn("faccessat", FunctionDescriptor.of(I, I, P, I, I));
    private static final MethodHandle UNLINKAT = fn("unlinkat", FunctionDescriptor.of(I, I, P, I));
    private static final MethodHandle MKDIRAT = fn("mkdirat", FunctionDescriptor.of(I, I, P, I));
    private static final MethodHandle RENAMEAT2 = fn("renameat2", FunctionDescriptor.of(I, I, P, I, P, I));
    private static final MethodHandle SYMLINKAT = fn("symlinkat", FunctionDescriptor.of(I, P, I, P));
    private static final MethodHandle LINKAT = fn("linkat", FunctionDescriptor.of(I, I, P, I, P, I));
    private static final MethodHandle GETCWD = fn("getcwd", FunctionDescriptor.of(P, P, L));
    private static final MethodHandle CHDIR = fn("chdir", FunctionDescriptor.of(I, P));
    private static final MethodHandle FCHDIR = fn("fchdir", FunctionDescriptor.of(I, I));
    private static final MethodHandle FTRUNCATE = fn("ftruncate64", FunctionDescriptor.of(I, I, L));
    private static final MethodHandle FSYNC = fn("fsync", FunctionDescriptor.of(I, I));
    private static final MethodHandle FCHMOD = fn("fchmod", FunctionDescriptor.of(I, I, I));
    private static final MethodHandle FCHMODAT = fn("fchmodat", FunctionDescriptor.of(I, I, P, I, I));
    private static final MethodHandle UTIMENSAT = fn("utimensat", FunctionDescriptor.of(I, I, P, P, I));
    private static final MethodHandle UMASK = fn("umask", FunctionDescriptor.of(I, I));
    private static final MethodHandle CLOCK_GETTIME = fn("clock_gettime", FunctionDescriptor.of(I, I, P));
    private static final MethodHandle CLOCK_GETRES = fn("clock_getres", FunctionDescriptor.of(I, I, P));
    private static final MethodHandle UNAME = fn("uname", FunctionDescriptor.of(I, P));
    private static final MethodHandle SYSINFO = fn("sysinfo", FunctionDescriptor.of(I, P));
    private static final MethodHandle TIMES = fn("times", FunctionDescriptor.of(L, P));
    private static final MethodHandle GETRUSAGE = fn("getrusage", FunctionDescriptor.of(I, I, P));
    private static final MethodHandle PRLIMIT = fn("prlimit64", FunctionDescriptor.of(I, I, I, P, P));
    private static final MethodHandle GETRANDOM = fn("getrandom", FunctionDescriptor.of(L, P, L, I));
    private static final MethodHandle GETPID = fn("getpid", FunctionDescriptor.of(I));
    private static final MethodHandle GETPPID = fn("getppid", FunctionDescriptor.of(I));
    private static final MethodHandle GETTID = fn("gettid", FunctionDescriptor.of(I));
    private static final MethodHandle GETUID = fn("getuid", FunctionDescriptor.of(I));
    private static final MethodHandle GETEUID = fn("geteuid", FunctionDescriptor.of(I));
    private static final MethodHandle GETGID = fn("getgid", FunctionDescriptor.of(I));
    private static final MethodHandle GETEGID = fn("getegid", FunctionDescriptor.of(I));
    private static final MethodHandle STATFS = fn("statfs", FunctionDescriptor.of(I, P, P));
    private static final MethodHandle FSTATFS = fn("fstatfs", FunctionDescriptor.of(I, I, P));
    private static final MethodHandle POLL = fn("poll", FunctionDescriptor.of(I, P, L, I));

    /** Per-thread space for the errno the linker captures after each call. */
    private final ThreadLocal<MemorySegment> errnoState =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CAPTURE));

    private static MethodHandle fn(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(find(name), d, Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle variadic(String name, FunctionDescriptor d, int firstVariadic) {
        return LINKER.downcallHandle(find(name), d, Linker.Option.captureCallState("errno"),
                Linker.Option.firstVariadicArg(firstVariadic));
    }

    private static MemorySegment find(String name) {
        return LIBC.find(name).orElseThrow(() -> new IllegalStateException("host libc has no " + name));
    }

    private MemorySegment st() {
        return errnoState.get();
    }

    private long check(long r, MemorySegment st) {
        return r == -1 ? -(int) ERRNO.get(st, 0L) : r;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    // ---------------------------------------------------------------- I/O

    public long read(int fd, MemorySegment buf, long n) {
        MemorySegment s = st();
        try {
            return check((long) READ.invokeExact(s, fd, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long write(int fd, MemorySegment buf, long n) {
        MemorySegment s = st();
        try {
            return check((long) WRITE.invokeExact(s, fd, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long pread(int fd, MemorySegment buf, long n, long off) {
        MemorySegment s = st();
        try {
            return check((long) PREAD.invokeExact(s, fd, buf, n, off), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long pwrite(int fd, MemorySegment buf, long n, long off) {
        MemorySegment s = st();
        try {
            return check((long) PWRITE.invokeExact(s, fd, buf, n, off), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code iov} is a native array of host {@code struct iovec}. */
    public long readv(int fd, MemorySegment iov, int count) {
        MemorySegment s = st();
        try {
            return check((long) READV.invokeExact(s, fd, iov, count), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long writev(int fd, MemorySegment iov, int count) {
        MemorySegment s = st();
        try {
            return check((long) WRITEV.invokeExact(s, fd, iov, count), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long openat(int dirfd, MemorySegment path, int flags, int mode) {
        MemorySegment s = st();
        try {
            return check((int) OPENAT.invokeExact(s, dirfd, path, flags, mode), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long close(int fd) {
        MemorySegment s = st();
        try {
            return check((int) CLOSE.invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long lseek(int fd, long off, int whence) {
        MemorySegment s = st();
        try {
            return check((long) LSEEK.invokeExact(s, fd, off, whence), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code buf} receives a {@code struct statx} (256 bytes, the same on every architecture). */
    public long statx(int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) STATX.invokeExact(s, dirfd, path, flags, mask, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long getdents64(int fd, MemorySegment buf, long n) {
        MemorySegment s = st();
        try {
            return check((long) GETDENTS64.invokeExact(s, fd, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long readlinkat(int dirfd, MemorySegment path, MemorySegment buf, long n) {
        MemorySegment s = st();
        try {
            return check((long) READLINKAT.invokeExact(s, dirfd, path, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ioctl with a pointer (or integer) argument. */
    public long ioctl(int fd, long request, long arg) {
        MemorySegment s = st();
        try {
            return check((int) IOCTL.invokeExact(s, fd, request, arg), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fcntl(int fd, int cmd, long arg) {
        MemorySegment s = st();
        try {
            return check((int) FCNTL.invokeExact(s, fd, cmd, arg), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long dup(int fd) {
        MemorySegment s = st();
        try {
            return check((int) DUP.invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fds} receives two ints. */
    public long pipe2(MemorySegment fds, int flags) {
        MemorySegment s = st();
        try {
            return check((int) PIPE2.invokeExact(s, fds, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- paths

    public long faccessat(int dirfd, MemorySegment path, int mode, int flags) {
        MemorySegment s = st();
        try {
            return check((int) FACCESSAT.invokeExact(s, dirfd, path, mode, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long unlinkat(int dirfd, MemorySegment path, int flags) {
        MemorySegment s = st();
        try {
            return check((int) UNLINKAT.invokeExact(s, dirfd, path, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long mkdirat(int dirfd, MemorySegment path, int mode) {
        MemorySegment s = st();
        try {
            return check((int) MKDIRAT.invokeExact(s, dirfd, path, mode), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long renameat2(int olddir, MemorySegment oldpath, int newdir, MemorySegment newpath, int flags) {
        MemorySegment s = st();
        try {
            return check((int) RENAMEAT2.invokeExact(s, olddir, oldpath, newdir, newpath, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long symlinkat(MemorySegment target, int dirfd, MemorySegment linkpath) {
        MemorySegment s = st();
        try {
            return check((int) SYMLINKAT.invokeExact(s, target, dirfd, linkpath), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long linkat(int olddir, MemorySegment oldpath, int newdir, MemorySegment newpath, int flags) {
        MemorySegment s = st();
        try {
            return check((int) LINKAT.invokeExact(s, olddir, oldpath, newdir, newpath, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns the length written including the NUL, as the system call does, or -errno. */
    public long getcwd(MemorySegment buf, long size) {
        MemorySegment s = st();
        try {
            MemorySegment r = (MemorySegment) GETCWD.invokeExact(s, buf, size);
            if (r.address() == 0) {
                return -(int) ERRNO.get(s, 0L);
            }
            MemorySegment path = buf.reinterpret(size);
            long n = 0;
            while (n < size && path.get(ValueLayout.JAVA_BYTE, n) != 0) {
                n++;
            }
            return n + 1;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long chdir(MemorySegment path) {
        MemorySegment s = st();
        try {
            return check((int) CHDIR.invokeExact(s, path), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fchdir(int fd) {
        MemorySegment s = st();
        try {
            return check((int) FCHDIR.invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long ftruncate(int fd, long len) {
        MemorySegment s = st();
        try {
            return check((int) FTRUNCATE.invokeExact(s, fd, len), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fsync(int fd) {
        MemorySegment s = st();
        try {
            return check((int) FSYNC.invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fchmod(int fd, int mode) {
        MemorySegment s = st();
        try {
            return check((int) FCHMOD.invokeExact(s, fd, mode), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fchmodat(int dirfd, MemorySegment path, int mode, int flags) {
        MemorySegment s = st();
        try {
            return check((int) FCHMODAT.invokeExact(s, dirfd, path, mode, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long utimensat(int dirfd, MemorySegment path, MemorySegment times, int flags) {
        MemorySegment s = st();
        try {
            return check((int) UTIMENSAT.invokeExact(s, dirfd, path, times, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long statfs(MemorySegment path, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) STATFS.invokeExact(s, path, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fstatfs(int fd, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) FSTATFS.invokeExact(s, fd, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fds} is a native array of {@code struct pollfd} (8 bytes each on every architecture). */
    public long poll(MemorySegment fds, long nfds, int timeoutMillis) {
        MemorySegment s = st();
        try {
            return check((int) POLL.invokeExact(s, fds, nfds, timeoutMillis), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- process and time

    public int umask(int mask) {
        MemorySegment s = st();
        try {
            return (int) UMASK.invokeExact(s, mask);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long clockGettime(int clock, MemorySegment ts) {
        MemorySegment s = st();
        try {
            return check((int) CLOCK_GETTIME.invokeExact(s, clock, ts), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long clockGetres(int clock, MemorySegment ts) {
        MemorySegment s = st();
        try {
            return check((int) CLOCK_GETRES.invokeExact(s, clock, ts), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code buf} receives a {@code struct utsname}: six 65-byte fields on every architecture. */
    public long uname(MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) UNAME.invokeExact(s, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long sysinfo(MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) SYSINFO.invokeExact(s, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long times(MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((long) TIMES.invokeExact(s, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long getrusage(int who, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) GETRUSAGE.invokeExact(s, who, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long prlimit(int pid, int resource, MemorySegment newLimit, MemorySegment oldLimit) {
        MemorySegment s = st();
        try {
            return check((int) PRLIMIT.invokeExact(s, pid, resource, newLimit, oldLimit), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long getrandom(MemorySegment buf, long n, int flags) {
        MemorySegment s = st();
        try {
            return check((long) GETRANDOM.invokeExact(s, buf, n, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int id(MethodHandle h) {
        try {
            return (int) h.invokeExact(st());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int getpid() {
        return id(GETPID);
    }

    public int getppid() {
        return id(GETPPID);
    }

    public int gettid() {
        return id(GETTID);
    }

    public int getuid() {
        return id(GETUID);
    }

    public int geteuid() {
        return id(GETEUID);
    }

    public int getgid() {
        return id(GETGID);
    }

    public int getegid() {
        return id(GETEGID);
    }
}
