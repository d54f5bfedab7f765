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
    private static final int NOT_VARIADIC = -1;

    private static final Fn READ = new Fn("read", FunctionDescriptor.of(L, I, P, L), NOT_VARIADIC);
    private static final Fn WRITE = new Fn("write", FunctionDescriptor.of(L, I, P, L), NOT_VARIADIC);
    private static final Fn PREAD = new Fn("pread64", FunctionDescriptor.of(L, I, P, L, L), NOT_VARIADIC);
    private static final Fn PWRITE = new Fn("pwrite64", FunctionDescriptor.of(L, I, P, L, L), NOT_VARIADIC);
    private static final Fn READV = new Fn("readv", FunctionDescriptor.of(L, I, P, I), NOT_VARIADIC);
    private static final Fn WRITEV = new Fn("writev", FunctionDescriptor.of(L, I, P, I), NOT_VARIADIC);
    private static final Fn OPENAT = new Fn("openat", FunctionDescriptor.of(I, I, P, I, I), 3);
    private static final Fn CLOSE = new Fn("close", FunctionDescriptor.of(I, I), NOT_VARIADIC);
    private static final Fn LSEEK = new Fn("lseek64", FunctionDescriptor.of(L, I, L, I), NOT_VARIADIC);
    private static final Fn STATX = new Fn("statx", FunctionDescriptor.of(I, I, P, I, I, P), NOT_VARIADIC);
    private static final Fn GETDENTS64 = new Fn("getdents64", FunctionDescriptor.of(L, I, P, L), NOT_VARIADIC);
    private static final Fn READLINKAT = new Fn("readlinkat", FunctionDescriptor.of(L, I, P, P, L), NOT_VARIADIC);
    private static final Fn IOCTL = new Fn("ioctl", FunctionDescriptor.of(I, I, L, L), 2);
    private static final Fn FCNTL = new Fn("fcntl", FunctionDescriptor.of(I, I, I, L), 2);
    private static final Fn DUP = new Fn("dup", FunctionDescriptor.of(I, I), NOT_VARIADIC);
    private static final Fn PIPE2 = new Fn("pipe2", FunctionDescriptor.of(I, P, I), NOT_VARIADIC);
    private static final Fn FACCESSAT = new Fn("faccessat", FunctionDescriptor.of(I, I, P, I, I), NOT_VARIADIC);
    private static final Fn UNLINKAT = new Fn("unlinkat", FunctionDescriptor.of(I, I, P, I), NOT_VARIADIC);
    private static final Fn MKDIRAT = new Fn("mkdirat", FunctionDescriptor.of(I, I, P, I), NOT_VARIADIC);
    private static final Fn RENAMEAT2 = new Fn("renameat2", FunctionDescriptor.of(I, I, P, I, P, I), NOT_VARIADIC);
    private static final Fn SYMLINKAT = new Fn("symlinkat", FunctionDescriptor.of(I, P, I, P), NOT_VARIADIC);
    private static final Fn LINKAT = new Fn("linkat", FunctionDescriptor.of(I, I, P, I, P, I), NOT_VARIADIC);
    private static final Fn GETCWD = new Fn("getcwd", FunctionDescriptor.of(P, P, L), NOT_VARIADIC);
    private static final Fn CHDIR = new Fn("chdir", FunctionDescriptor.of(I, P), NOT_VARIADIC);
    private static final Fn FCHDIR = new Fn("fchdir", FunctionDescriptor.of(I, I), NOT_VARIADIC);
    private static final Fn FTRUNCATE = new Fn("ftruncate64", FunctionDescriptor.of(I, I, L), NOT_VARIADIC);
    private static final Fn FSYNC = new Fn("fsync", FunctionDescriptor.of(I, I), NOT_VARIADIC);
    private static final Fn FCHMOD = new Fn("fchmod", FunctionDescriptor.of(I, I, I), NOT_VARIADIC);
    private static final Fn FCHMODAT = new Fn("fchmodat", FunctionDescriptor.of(I, I, P, I, I), NOT_VARIADIC);
    private static final Fn UTIMENSAT = new Fn("utimensat", FunctionDescriptor.of(I, I, P, P, I), NOT_VARIADIC);
    private static final Fn UMASK = new Fn("umask", FunctionDescriptor.of(I, I), NOT_VARIADIC);
    private static final Fn CLOCK_GETTIME = new Fn("clock_gettime", FunctionDescriptor.of(I, I, P), NOT_VARIADIC);
    private static final Fn CLOCK_GETRES = new Fn("clock_getres", FunctionDescriptor.of(I, I, P), NOT_VARIADIC);
    private static final Fn UNAME = new Fn("uname", FunctionDescriptor.of(I, P), NOT_VARIADIC);
    private static final Fn SYSINFO = new Fn("sysinfo", FunctionDescriptor.of(I, P), NOT_VARIADIC);
    private static final Fn TIMES = new Fn("times", FunctionDescriptor.of(L, P), NOT_VARIADIC);
    private static final Fn GETRUSAGE = new Fn("getrusage", FunctionDescriptor.of(I, I, P), NOT_VARIADIC);
    private static final Fn PRLIMIT = new Fn("prlimit64", FunctionDescriptor.of(I, I, I, P, P), NOT_VARIADIC);
    private static final Fn GETRANDOM = new Fn("getrandom", FunctionDescriptor.of(L, P, L, I), NOT_VARIADIC);
    private static final Fn GETPID = new Fn("getpid", FunctionDescriptor.of(I), NOT_VARIADIC);
    private static final Fn GETPPID = new Fn("getppid", FunctionDescriptor.of(I), NOT_VARIADIC);
    private static final Fn GETTID = new Fn("gettid", FunctionDescriptor.of(I), NOT_VARIADIC);
    private static final Fn GETUID = new Fn("getuid", FunctionDescriptor.of(I), NOT_VARIADIC);
    private static final Fn GETEUID = new Fn("geteuid", FunctionDescriptor.of(I), NOT_VARIADIC);
    private static final Fn GETGID = new Fn("getgid", FunctionDescriptor.of(I), NOT_VARIADIC);
    private static final Fn GETEGID = new Fn("getegid", FunctionDescriptor.of(I), NOT_VARIADIC);
    private static final Fn STATFS = new Fn("statfs", FunctionDescriptor.of(I, P, P), NOT_VARIADIC);
    private static final Fn FSTATFS = new Fn("fstatfs", FunctionDescriptor.of(I, I, P), NOT_VARIADIC);
    private static final Fn GETPGID = new Fn("getpgid", FunctionDescriptor.of(I, I), NOT_VARIADIC);
    private static final Fn GETSID = new Fn("getsid", FunctionDescriptor.of(I, I), NOT_VARIADIC);
    private static final Fn KILL = new Fn("kill", FunctionDescriptor.of(I, I, I), NOT_VARIADIC);
    private static final Fn SIGNAL = new Fn("signal", FunctionDescriptor.of(P, I, P), NOT_VARIADIC);
    private static final Fn SIGPROCMASK = new Fn("sigprocmask", FunctionDescriptor.of(I, I, P, P), NOT_VARIADIC);
    private static final Fn PTHREAD_SIGMASK = new Fn("pthread_sigmask", FunctionDescriptor.of(I, I, P, P), NOT_VARIADIC);
    private static final Fn POLL = new Fn("poll", FunctionDescriptor.of(I, P, L, I), NOT_VARIADIC);

    /** Per-thread space for the errno the linker captures after each call. */
    private final ThreadLocal<MemorySegment> errnoState =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CAPTURE));

    /**
     * A libc function whose downcall handle is made on first use: making all of them when the class
     * loads cost every start-up about 0.1 s, and a program calls a few of them.
     */
    private static final class Fn {
        private final String name;
        private final FunctionDescriptor type;
        private final int firstVariadic;
        private volatile MethodHandle handle;

        Fn(String name, FunctionDescriptor type, int firstVariadic) {
            this.name = name;
            this.type = type;
            this.firstVariadic = firstVariadic;
        }

        MethodHandle handle() {
            MethodHandle h = handle;
            if (h == null) {
                // two threads may both make it; either handle is as good
                h = firstVariadic == NOT_VARIADIC
                        ? LINKER.downcallHandle(find(name), type, Linker.Option.captureCallState("errno"))
                        : LINKER.downcallHandle(find(name), type, Linker.Option.captureCallState("errno"),
                                Linker.Option.firstVariadicArg(firstVariadic));
                handle = h;
            }
            return h;
        }
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
            return check((long) READ.handle().invokeExact(s, fd, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long write(int fd, MemorySegment buf, long n) {
        MemorySegment s = st();
        try {
            return check((long) WRITE.handle().invokeExact(s, fd, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long pread(int fd, MemorySegment buf, long n, long off) {
        MemorySegment s = st();
        try {
            return check((long) PREAD.handle().invokeExact(s, fd, buf, n, off), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long pwrite(int fd, MemorySegment buf, long n, long off) {
        MemorySegment s = st();
        try {
            return check((long) PWRITE.handle().invokeExact(s, fd, buf, n, off), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code iov} is a native array of host {@code struct iovec}. */
    public long readv(int fd, MemorySegment iov, int count) {
        MemorySegment s = st();
        try {
            return check((long) READV.handle().invokeExact(s, fd, iov, count), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long writev(int fd, MemorySegment iov, int count) {
        MemorySegment s = st();
        try {
            return check((long) WRITEV.handle().invokeExact(s, fd, iov, count), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long openat(int dirfd, MemorySegment path, int flags, int mode) {
        MemorySegment s = st();
        try {
            return check((int) OPENAT.handle().invokeExact(s, dirfd, path, flags, mode), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long close(int fd) {
        MemorySegment s = st();
        try {
            return check((int) CLOSE.handle().invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long lseek(int fd, long off, int whence) {
        MemorySegment s = st();
        try {
            return check((long) LSEEK.handle().invokeExact(s, fd, off, whence), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code buf} receives a {@code struct statx} (256 bytes, the same on every architecture). */
    public long statx(int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) STATX.handle().invokeExact(s, dirfd, path, flags, mask, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long getdents64(int fd, MemorySegment buf, long n) {
        MemorySegment s = st();
        try {
            return check((long) GETDENTS64.handle().invokeExact(s, fd, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long readlinkat(int dirfd, MemorySegment path, MemorySegment buf, long n) {
        MemorySegment s = st();
        try {
            return check((long) READLINKAT.handle().invokeExact(s, dirfd, path, buf, n), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ioctl with a pointer (or integer) argument. */
    public long ioctl(int fd, long request, long arg) {
        MemorySegment s = st();
        try {
            return check((int) IOCTL.handle().invokeExact(s, fd, request, arg), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fcntl(int fd, int cmd, long arg) {
        MemorySegment s = st();
        try {
            return check((int) FCNTL.handle().invokeExact(s, fd, cmd, arg), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long dup(int fd) {
        MemorySegment s = st();
        try {
            return check((int) DUP.handle().invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fds} receives two ints. */
    public long pipe2(MemorySegment fds, int flags) {
        MemorySegment s = st();
        try {
            return check((int) PIPE2.handle().invokeExact(s, fds, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- paths

    public long faccessat(int dirfd, MemorySegment path, int mode, int flags) {
        MemorySegment s = st();
        try {
            return check((int) FACCESSAT.handle().invokeExact(s, dirfd, path, mode, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long unlinkat(int dirfd, MemorySegment path, int flags) {
        MemorySegment s = st();
        try {
            return check((int) UNLINKAT.handle().invokeExact(s, dirfd, path, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long mkdirat(int dirfd, MemorySegment path, int mode) {
        MemorySegment s = st();
        try {
            return check((int) MKDIRAT.handle().invokeExact(s, dirfd, path, mode), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long renameat2(int olddir, MemorySegment oldpath, int newdir, MemorySegment newpath, int flags) {
        MemorySegment s = st();
        try {
            return check((int) RENAMEAT2.handle().invokeExact(s, olddir, oldpath, newdir, newpath, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long symlinkat(MemorySegment target, int dirfd, MemorySegment linkpath) {
        MemorySegment s = st();
        try {
            return check((int) SYMLINKAT.handle().invokeExact(s, target, dirfd, linkpath), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long linkat(int olddir, MemorySegment oldpath, int newdir, MemorySegment newpath, int flags) {
        MemorySegment s = st();
        try {
            return check((int) LINKAT.handle().invokeExact(s, olddir, oldpath, newdir, newpath, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns the length written including the NUL, as the system call does, or -errno. */
    public long getcwd(MemorySegment buf, long size) {
        MemorySegment s = st();
        try {
            MemorySegment r = (MemorySegment) GETCWD.handle().invokeExact(s, buf, size);
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
            return check((int) CHDIR.handle().invokeExact(s, path), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fchdir(int fd) {
        MemorySegment s = st();
        try {
            return check((int) FCHDIR.handle().invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long ftruncate(int fd, long len) {
        MemorySegment s = st();
        try {
            return check((int) FTRUNCATE.handle().invokeExact(s, fd, len), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fsync(int fd) {
        MemorySegment s = st();
        try {
            return check((int) FSYNC.handle().invokeExact(s, fd), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fchmod(int fd, int mode) {
        MemorySegment s = st();
        try {
            return check((int) FCHMOD.handle().invokeExact(s, fd, mode), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fchmodat(int dirfd, MemorySegment path, int mode, int flags) {
        MemorySegment s = st();
        try {
            return check((int) FCHMODAT.handle().invokeExact(s, dirfd, path, mode, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long utimensat(int dirfd, MemorySegment path, MemorySegment times, int flags) {
        MemorySegment s = st();
        try {
            return check((int) UTIMENSAT.handle().invokeExact(s, dirfd, path, times, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long statfs(MemorySegment path, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) STATFS.handle().invokeExact(s, path, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long fstatfs(int fd, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) FSTATFS.handle().invokeExact(s, fd, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fds} is a native array of {@code struct pollfd} (8 bytes each on every architecture). */
    public long poll(MemorySegment fds, long nfds, int timeoutMillis) {
        MemorySegment s = st();
        try {
            return check((int) POLL.handle().invokeExact(s, fds, nfds, timeoutMillis), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- process and time

    public int umask(int mask) {
        MemorySegment s = st();
        try {
            return (int) UMASK.handle().invokeExact(s, mask);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long clockGettime(int clock, MemorySegment ts) {
        MemorySegment s = st();
        try {
            return check((int) CLOCK_GETTIME.handle().invokeExact(s, clock, ts), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long clockGetres(int clock, MemorySegment ts) {
        MemorySegment s = st();
        try {
            return check((int) CLOCK_GETRES.handle().invokeExact(s, clock, ts), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code buf} receives a {@code struct utsname}: six 65-byte fields on every architecture. */
    public long uname(MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) UNAME.handle().invokeExact(s, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long sysinfo(MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) SYSINFO.handle().invokeExact(s, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long times(MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((long) TIMES.handle().invokeExact(s, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long getrusage(int who, MemorySegment buf) {
        MemorySegment s = st();
        try {
            return check((int) GETRUSAGE.handle().invokeExact(s, who, buf), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long prlimit(int pid, int resource, MemorySegment newLimit, MemorySegment oldLimit) {
        MemorySegment s = st();
        try {
            return check((int) PRLIMIT.handle().invokeExact(s, pid, resource, newLimit, oldLimit), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long getrandom(MemorySegment buf, long n, int flags) {
        MemorySegment s = st();
        try {
            return check((long) GETRANDOM.handle().invokeExact(s, buf, n, flags), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int id(Fn f) {
        try {
            return (int) f.handle().invokeExact(st());
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

    /**
     * Links now the calls that every glibc program's start-up makes (the ids of its auxiliary vector,
     * the SIGPIPE block of each vCPU thread, its first write and the poll before it, the fstat of
     * stdout, getrandom for malloc, readlinkat, prlimit): each new call shape costs the FFM linker
     * 10 to 40 ms of class spinning, which {@code Main} has a second thread do while the first one
     * translates the guest's first blocks.
     */
    public static void linkStartupCalls() {
        // in the order a static glibc program needs them: the ids of its auxiliary vector (getuid's shape is
        // theirs), then every vCPU thread blocks SIGPIPE at its first system call, then glibc's start-up
        // calls, and a write waits (poll) for room before it writes
        for (Fn fn : new Fn[] {GETUID, PTHREAD_SIGMASK, PRLIMIT, READLINKAT, GETRANDOM, STATX, POLL, WRITE}) {
            fn.handle();
        }
    }

    /**
     * Blocks {@code signals} (bit n - 1 for signal n) on the calling thread, as
     * {@code pthread_sigmask(SIG_BLOCK, ...)}; returns 0 or the error number.
     */
    public int blockOnThisThread(long signals) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(HOST_SIGSET_SIZE, 8);
            set.set(ValueLayout.JAVA_LONG, 0, signals);
            return (int) PTHREAD_SIGMASK.handle().invokeExact(st(), SIG_BLOCK, set, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final int SIG_BLOCK = 0;
    private static final int HOST_SIGSET_SIZE = 128;

    /** getpgid (which) or getsid of a host process. */
    public long processGroup(int pid, boolean session) {
        MemorySegment s = st();
        try {
            return check((int) (session ? GETSID : GETPGID).handle().invokeExact(s, pid), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public long kill(int pid, int sig) {
        MemorySegment s = st();
        try {
            return check((int) KILL.handle().invokeExact(s, pid, sig), s);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final int RLIMIT_CORE = 4;
    private static final int SIG_UNBLOCK = 1;

    /**
     * Makes this (the emulator's) process die of {@code sig}, as qemu's dump_core_and_abort does when
     * the guest dies of it: no host core file (its size limit set to 0), the host's default action
     * restored, the signal unblocked and sent to the process. Returns only when the signal's default
     * action does not end a process.
     */
    public void dieOf(int sig) {
        try (Arena arena = Arena.ofConfined()) {
            prlimit(0, RLIMIT_CORE, arena.allocate(16, 8), MemorySegment.NULL);
            MemorySegment s = st();
            MemorySegment previous = (MemorySegment) SIGNAL.handle().invokeExact(s, sig, MemorySegment.NULL);
            MemorySegment set = arena.allocate(128, 8);
            set.set(ValueLayout.JAVA_LONG, 0, 1L << (sig - 1));
            int unblocked = (int) SIGPROCMASK.handle().invokeExact(s, SIG_UNBLOCK, set, MemorySegment.NULL);
            kill(getpid(), sig);
            Thread.sleep(1000); // delivery is asynchronous for a signal another thread takes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
