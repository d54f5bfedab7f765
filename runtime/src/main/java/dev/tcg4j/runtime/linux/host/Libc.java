package dev.tcg4j.runtime.linux.host;

import dev.tcg4j.memory.HostFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The host C library, called through {@link HostFunction}s. Guest system calls on files are passed to the
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
    public static final int AT_FDCWD = -100;

    private static final HostFunction READ = HostFunction.returningLong("read");
    private static final HostFunction WRITE = HostFunction.returningLong("write");
    private static final HostFunction PREAD = HostFunction.returningLong("pread64");
    private static final HostFunction PWRITE = HostFunction.returningLong("pwrite64");
    private static final HostFunction READV = HostFunction.returningLong("readv");
    private static final HostFunction WRITEV = HostFunction.returningLong("writev");
    private static final HostFunction PREADV2 = HostFunction.returningLong("preadv2");
    private static final HostFunction PWRITEV2 = HostFunction.returningLong("pwritev2");
    private static final HostFunction OPENAT = HostFunction.variadicReturningInt("openat");
    private static final HostFunction CLOSE = HostFunction.returningInt("close");
    private static final HostFunction LSEEK = HostFunction.returningLong("lseek64");
    private static final HostFunction STATX = HostFunction.returningInt("statx");
    private static final HostFunction GETDENTS64 = HostFunction.returningLong("getdents64");
    private static final HostFunction READLINKAT = HostFunction.returningLong("readlinkat");
    private static final HostFunction IOCTL = HostFunction.variadicReturningInt("ioctl");
    private static final HostFunction FCNTL = HostFunction.variadicReturningInt("fcntl");
    private static final HostFunction DUP = HostFunction.returningInt("dup");
    private static final HostFunction PIPE2 = HostFunction.returningInt("pipe2");
    private static final HostFunction FACCESSAT = HostFunction.returningInt("faccessat");
    private static final HostFunction UNLINKAT = HostFunction.returningInt("unlinkat");
    private static final HostFunction MKDIRAT = HostFunction.returningInt("mkdirat");
    private static final HostFunction RENAMEAT2 = HostFunction.returningInt("renameat2");
    private static final HostFunction SYMLINKAT = HostFunction.returningInt("symlinkat");
    private static final HostFunction LINKAT = HostFunction.returningInt("linkat");
    private static final HostFunction GETCWD = HostFunction.returningPointer("getcwd");
    private static final HostFunction CHDIR = HostFunction.returningInt("chdir");
    private static final HostFunction FCHDIR = HostFunction.returningInt("fchdir");
    private static final HostFunction FTRUNCATE = HostFunction.returningInt("ftruncate64");
    private static final HostFunction FSYNC = HostFunction.returningInt("fsync");
    private static final HostFunction FCHMOD = HostFunction.returningInt("fchmod");
    private static final HostFunction FCHMODAT = HostFunction.returningInt("fchmodat");
    private static final HostFunction UTIMENSAT = HostFunction.returningInt("utimensat");
    private static final HostFunction UMASK = HostFunction.returningInt("umask");
    private static final HostFunction CLOCK_GETTIME = HostFunction.returningInt("clock_gettime");
    private static final HostFunction CLOCK_GETRES = HostFunction.returningInt("clock_getres");
    private static final HostFunction UNAME = HostFunction.returningInt("uname");
    private static final HostFunction SYSINFO = HostFunction.returningInt("sysinfo");
    private static final HostFunction TIMES = HostFunction.returningLong("times");
    private static final HostFunction GETRUSAGE = HostFunction.returningInt("getrusage");
    private static final HostFunction PRLIMIT = HostFunction.returningInt("prlimit64");
    private static final HostFunction GETRANDOM = HostFunction.returningLong("getrandom");
    private static final HostFunction GETPID = HostFunction.returningInt("getpid");
    private static final HostFunction GETPPID = HostFunction.returningInt("getppid");
    private static final HostFunction GETTID = HostFunction.returningInt("gettid");
    private static final HostFunction GETUID = HostFunction.returningInt("getuid");
    private static final HostFunction GETEUID = HostFunction.returningInt("geteuid");
    private static final HostFunction GETGID = HostFunction.returningInt("getgid");
    private static final HostFunction GETEGID = HostFunction.returningInt("getegid");
    private static final HostFunction STATFS = HostFunction.returningInt("statfs");
    private static final HostFunction FSTATFS = HostFunction.returningInt("fstatfs");
    private static final HostFunction GETPGID = HostFunction.returningInt("getpgid");
    private static final HostFunction GETSID = HostFunction.returningInt("getsid");
    private static final HostFunction KILL = HostFunction.returningInt("kill");
    private static final HostFunction SIGNAL = HostFunction.returningLong("signal");
    private static final HostFunction SIGPROCMASK = HostFunction.returningInt("sigprocmask");
    private static final HostFunction PTHREAD_SIGMASK = HostFunction.returningInt("pthread_sigmask");
    private static final HostFunction POLL = HostFunction.returningInt("poll");

    // ---------------------------------------------------------------- I/O

    public long read(int fd, MemorySegment buf, long n) {
        return READ.call(fd, buf.address(), n);
    }

    public long write(int fd, MemorySegment buf, long n) {
        return WRITE.call(fd, buf.address(), n);
    }

    public long pread(int fd, MemorySegment buf, long n, long off) {
        return PREAD.call(fd, buf.address(), n, off);
    }

    public long pwrite(int fd, MemorySegment buf, long n, long off) {
        return PWRITE.call(fd, buf.address(), n, off);
    }

    /** {@code iov} is a native array of host {@code struct iovec}. */
    /** preadv2 and pwritev2: {@code offset} -1 is the file position, as readv and writev use. */
    public long preadv2(int fd, MemorySegment iov, int count, long offset, int flags) {
        return PREADV2.call(fd, iov.address(), count, offset, flags);
    }

    public long pwritev2(int fd, MemorySegment iov, int count, long offset, int flags) {
        return PWRITEV2.call(fd, iov.address(), count, offset, flags);
    }

    public long readv(int fd, MemorySegment iov, int count) {
        return READV.call(fd, iov.address(), count);
    }

    public long writev(int fd, MemorySegment iov, int count) {
        return WRITEV.call(fd, iov.address(), count);
    }

    public long openat(int dirfd, MemorySegment path, int flags, int mode) {
        return OPENAT.call(dirfd, path.address(), flags, mode);
    }

    public long close(int fd) {
        return CLOSE.call(fd);
    }

    public long lseek(int fd, long off, int whence) {
        return LSEEK.call(fd, off, whence);
    }

    /** {@code buf} receives a {@code struct statx} (256 bytes, the same on every architecture). */
    public long statx(int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
        return STATX.call(dirfd, path.address(), flags, mask, buf.address());
    }

    public long getdents64(int fd, MemorySegment buf, long n) {
        return GETDENTS64.call(fd, buf.address(), n);
    }

    public long readlinkat(int dirfd, MemorySegment path, MemorySegment buf, long n) {
        return READLINKAT.call(dirfd, path.address(), buf.address(), n);
    }

    /** ioctl with a pointer (or integer) argument. */
    public long ioctl(int fd, long request, long arg) {
        return IOCTL.call(fd, request, arg);
    }

    public long fcntl(int fd, int cmd, long arg) {
        return FCNTL.call(fd, cmd, arg);
    }

    public long dup(int fd) {
        return DUP.call(fd);
    }

    /** {@code fds} receives two ints. */
    public long pipe2(MemorySegment fds, int flags) {
        return PIPE2.call(fds.address(), flags);
    }

    // ---------------------------------------------------------------- paths

    public long faccessat(int dirfd, MemorySegment path, int mode, int flags) {
        return FACCESSAT.call(dirfd, path.address(), mode, flags);
    }

    public long unlinkat(int dirfd, MemorySegment path, int flags) {
        return UNLINKAT.call(dirfd, path.address(), flags);
    }

    public long mkdirat(int dirfd, MemorySegment path, int mode) {
        return MKDIRAT.call(dirfd, path.address(), mode);
    }

    public long renameat2(int olddir, MemorySegment oldpath, int newdir, MemorySegment newpath, int flags) {
        return RENAMEAT2.call(olddir, oldpath.address(), newdir, newpath.address(), flags);
    }

    public long symlinkat(MemorySegment target, int dirfd, MemorySegment linkpath) {
        return SYMLINKAT.call(target.address(), dirfd, linkpath.address());
    }

    public long linkat(int olddir, MemorySegment oldpath, int newdir, MemorySegment newpath, int flags) {
        return LINKAT.call(olddir, oldpath.address(), newdir, newpath.address(), flags);
    }

    /** Returns the length written including the NUL, as the system call does, or -errno. */
    public long getcwd(MemorySegment buf, long size) {
        long r = GETCWD.call(buf.address(), size);
        if (r < 0) {
            return r;
        }
        MemorySegment path = buf.reinterpret(size);
        long n = 0;
        while (n < size && path.get(ValueLayout.JAVA_BYTE, n) != 0) {
            n++;
        }
        return n + 1;
    }

    public long chdir(MemorySegment path) {
        return CHDIR.call(path.address());
    }

    public long fchdir(int fd) {
        return FCHDIR.call(fd);
    }

    public long ftruncate(int fd, long len) {
        return FTRUNCATE.call(fd, len);
    }

    public long fsync(int fd) {
        return FSYNC.call(fd);
    }

    public long fchmod(int fd, int mode) {
        return FCHMOD.call(fd, mode);
    }

    public long fchmodat(int dirfd, MemorySegment path, int mode, int flags) {
        return FCHMODAT.call(dirfd, path.address(), mode, flags);
    }

    public long utimensat(int dirfd, MemorySegment path, MemorySegment times, int flags) {
        return UTIMENSAT.call(dirfd, path.address(), times.address(), flags);
    }

    public long statfs(MemorySegment path, MemorySegment buf) {
        return STATFS.call(path.address(), buf.address());
    }

    public long fstatfs(int fd, MemorySegment buf) {
        return FSTATFS.call(fd, buf.address());
    }

    /** {@code fds} is a native array of {@code struct pollfd} (8 bytes each on every architecture). */
    public long poll(MemorySegment fds, long nfds, int timeoutMillis) {
        return POLL.call(fds.address(), nfds, timeoutMillis);
    }

    // ---------------------------------------------------------------- process and time

    public int umask(int mask) {
        return (int) UMASK.call(mask);
    }

    public long clockGettime(int clock, MemorySegment ts) {
        return CLOCK_GETTIME.call(clock, ts.address());
    }

    public long clockGetres(int clock, MemorySegment ts) {
        return CLOCK_GETRES.call(clock, ts.address());
    }

    /** {@code buf} receives a {@code struct utsname}: six 65-byte fields on every architecture. */
    public long uname(MemorySegment buf) {
        return UNAME.call(buf.address());
    }

    public long sysinfo(MemorySegment buf) {
        return SYSINFO.call(buf.address());
    }

    public long times(MemorySegment buf) {
        return TIMES.call(buf.address());
    }

    public long getrusage(int who, MemorySegment buf) {
        return GETRUSAGE.call(who, buf.address());
    }

    public long prlimit(int pid, int resource, MemorySegment newLimit, MemorySegment oldLimit) {
        return PRLIMIT.call(pid, resource, newLimit.address(), oldLimit.address());
    }

    public long getrandom(MemorySegment buf, long n, int flags) {
        return GETRANDOM.call(buf.address(), n, flags);
    }

    private static int id(HostFunction f) {
        return (int) f.call();
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
     * Links now the two call shapes of every host function ({@link HostFunction}): linking costs the
     * FFM API tens of milliseconds of class spinning, which {@code Main} has a second thread do while
     * the first one translates the guest's first blocks.
     */
    public static void linkStartupCalls() {
        GETUID.call();
        FCNTL.call(-1, 0, 0); // the variadic shape: EBADF
    }

    /**
     * Blocks {@code signals} (bit n - 1 for signal n) on the calling thread, as
     * {@code pthread_sigmask(SIG_BLOCK, ...)}; returns 0 or the error number.
     */
    public int blockOnThisThread(long signals) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(HOST_SIGSET_SIZE, 8);
            set.set(ValueLayout.JAVA_LONG, 0, signals);
            return (int) PTHREAD_SIGMASK.call(SIG_BLOCK, set.address(), 0);
        }
    }

    private static final int SIG_BLOCK = 0;
    private static final int HOST_SIGSET_SIZE = 128;

    /** getpgid (which) or getsid of a host process. */
    public long processGroup(int pid, boolean session) {
        return (session ? GETSID : GETPGID).call(pid);
    }

    public long kill(int pid, int sig) {
        return KILL.call(pid, sig);
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
            SIGNAL.call(sig, 0); // SIG_DFL
            MemorySegment set = arena.allocate(HOST_SIGSET_SIZE, 8);
            set.set(ValueLayout.JAVA_LONG, 0, 1L << (sig - 1));
            SIGPROCMASK.call(SIG_UNBLOCK, set.address(), 0);
            kill(getpid(), sig);
            Thread.sleep(1000); // delivery is asynchronous for a signal another thread takes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
