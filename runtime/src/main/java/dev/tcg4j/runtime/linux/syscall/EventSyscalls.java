package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.host.HostCalls;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.Signals;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Waiting and events: ppoll, pselect6, epoll, eventfd, timerfd and signalfd, and the read/write
 * paths that wait for a descriptor interruptibly ({@link Blocking}).
 *
 * <p>eventfd, timerfd and epoll are the host's, with guest fds translated (an epoll set watches
 * host fds; the guest's 64-bit data word rides along untouched). A signalfd reads guest signals, so
 * it is emulated: its host side is an eventfd that is readable exactly when one of its signals is
 * pending, which keeps poll, select and epoll on it working.
 */
final class EventSyscalls {
    private static final long CLOSE_RANGE_UNSHARE = 2;
    private static final long CLOSE_RANGE_CLOEXEC = 4;
    private static final int SIGSET_SIZE = 8;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLL_CTL_MOD = 3;
    private static final int EP_MAX_EVENTS = Integer.MAX_VALUE / 16;
    /** x86-64's struct epoll_event is packed (12 bytes); riscv64's and every other host's is 16. */
    private static final boolean HOST_EPOLL_PACKED = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch"));
    private static final int HOST_EPOLL_SIZE = HOST_EPOLL_PACKED ? 12 : 16;
    private static final int HOST_EPOLL_DATA = HOST_EPOLL_PACKED ? 4 : 8;
    private static final int SIGNALFD_SIZE = 128;
    private static final int SFD_NONBLOCK = 0x800;
    private static final int SFD_CLOEXEC = 0x80000;
    private static final int O_NONBLOCK = 0x800;
    private static final int F_GETFL = 3;
    private static final short POLLPRI = 0x2;

    private final ProcessContext ctx;
    private final GuestBuffers buf;
    private final GuestMemory memory;
    private final Libc libc;
    private final FdTable fds;
    private final Signals signals;
    private final FileSyscalls files;
    /** The signalfds, by host fd (the eventfd standing for each): the signals each reads. */
    private final Map<Integer, Long> signalfdMasks = new ConcurrentHashMap<>();

    EventSyscalls(ProcessContext ctx, GuestBuffers buf, FileSyscalls files) {
        this.ctx = ctx;
        this.buf = buf;
        this.memory = ctx.memory();
        this.libc = ctx.libc();
        this.fds = ctx.fds();
        this.signals = ctx.signals();
        this.files = files;
        signals.setPendingListener(this::signalQueued);
    }

    // ---------------------------------------------------------------- read/write that may wait

    /** read: a signalfd's, or the host's after an interruptible wait for data. */
    long read(GuestThread self, long fd, long addr, long n) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        Long mask = signalfdMasks.get(h);
        if (mask != null) {
            return readSignalfd(self, h, mask, addr, n);
        }
        return mayWait(h, false, () -> n,
                noWait -> noWait ? files.transferNoWait(fd, addr, n, false) : files.read(fd, addr, n));
    }

    /** write, after an interruptible wait for room (a full pipe or socket). */
    long write(long fd, long addr, long n) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        return mayWait(h, true, () -> n,
                noWait -> noWait ? files.transferNoWait(fd, addr, n, true) : files.write(fd, addr, n));
    }

    long readv(long fd, long iov, long count) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        return mayWait(h, false, () -> 0, noWait -> files.vectored(fd, iov, count, false, noWait));
    }

    long writev(long fd, long iov, long count) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        return mayWait(h, true, () -> vectorLength(iov, count), noWait -> files.vectored(fd, iov, count, true, noWait));
    }

    /** A host read or write, made without waiting (RWF_NOWAIT) or as the guest asked. */
    private interface Transfer {
        long run(boolean noWait);
    }

    /**
     * A read or write on host fd {@code h} that may have to wait: at once on a file that never
     * waits; else without waiting when it can ({@link #tryWithoutWaiting}); else after an
     * interruptible wait for readiness.
     */
    private long mayWait(int h, boolean write, LongSupplier length, Transfer transfer) {
        if (fds.neverWaits(h)) {
            return transfer.run(false);
        }
        long r = tryWithoutWaiting(h, write, length, transfer);
        if (r != NOT_READY) {
            return r;
        }
        long w = Blocking.awaitReady(libc, h, write ? Blocking.POLLOUT : Blocking.POLLIN);
        return w < 0 ? Blocking.restartable(w) : transfer.run(false);
    }

    /**
     * The transfer when the file is ready now, in one host call (a read returns what is there, as a
     * blocking one does; a write only when it is a pipe write of at most PIPE_BUF bytes, which is
     * all-or-nothing either way); else {@link #NOT_READY}, and the caller waits interruptibly first.
     */
    private long tryWithoutWaiting(int h, boolean write, LongSupplier length, Transfer transfer) {
        if (!fds.triesNoWait(h) || write && (!fds.isPipe(h) || Long.compareUnsigned(length.getAsLong(), PIPE_BUF) > 0)) {
            return NOT_READY;
        }
        long r = transfer.run(true);
        if (r == -Errno.EOPNOTSUPP || r == -Errno.EINVAL || r == -Errno.ENOSYS) {
            fds.refusedNoWait(h); // this kind of file, or this host kernel, cannot
            return NOT_READY;
        }
        if (r == -Errno.EAGAIN) {
            return Blocking.nonBlocking(libc, h) ? r : NOT_READY; // an event loop's last read: no poll
        }
        return r;
    }

    /** The bytes a guest iovec array asks for; more than PIPE_BUF when it cannot be read. */
    private long vectorLength(long iov, long count) {
        if (count < 0 || count > 1024) {
            return Long.MAX_VALUE;
        }
        long total = 0;
        for (long i = 0; i < count; i++) {
            long len = memory.accessible(iov + 16 * i + 8, 8, GuestMemory.READ) ? memory.ld64(iov + 16 * i + 8) : -1;
            if (len < 0 || (total += len) < 0) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    private static final long NOT_READY = Long.MIN_VALUE;
    private static final long PIPE_BUF = 4096;

    /** close, forgetting a signalfd. */
    long close(long fd) {
        int h = fds.host((int) fd);
        if (h >= 0) {
            signalfdMasks.remove(h);
        }
        return files.close(fd);
    }

    /**
     * close_range(first, last, flags), with unsigned bounds. CLOSE_RANGE_UNSHARE is taken as done:
     * a process's threads share one table here, which is right for its one caller in practice, the
     * single-threaded child of a posix_spawn or a fork.
     */
    long closeRange(long first, long last, long flags) {
        long lo = first & 0xffffffffL;
        long hi = last & 0xffffffffL;
        if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) != 0 || lo > hi) {
            return -Errno.EINVAL;
        }
        if (lo >= FdTable.MAX_FDS) {
            return 0;
        }
        for (int fd : fds.openIn((int) lo, (int) Math.min(hi, FdTable.MAX_FDS - 1))) {
            if ((flags & CLOSE_RANGE_CLOEXEC) != 0) {
                fds.setCloseOnExec(fd);
            } else {
                close(fd);
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- ppoll, pselect6

    /** ppoll: the pollfd array rebuilt with host fds; an fd the guest does not have reports POLLNVAL. */
    long ppoll(GuestThread self, long fdsAddr, long nfds, long timeoutAddr, long sigmask, long sigsetSize) {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) {
            return -Errno.EINVAL;
        }
        long timeout = -1;
        if (timeoutAddr != 0) {
            timeout = timespec(timeoutAddr);
            if (timeout < -1) {
                return -Errno.EINVAL;
            }
        }
        if (sigmask != 0) {
            if (sigsetSize != SIGSET_SIZE) {
                return -Errno.EINVAL;
            }
            signals.maskUntilDelivery(self.signals(), memory.ld64(sigmask));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(8 * Math.max(1, nfds), 4);
            for (int i = 0; i < nfds; i++) {
                long at = fdsAddr + 8L * i;
                int g = (int) memory.ld32s(at);
                int h = g < 0 ? -1 : fds.host(g);
                host.set(ValueLayout.JAVA_INT, 8L * i, h < 0 && g >= 0 ? Integer.MAX_VALUE : h);
                host.set(ValueLayout.JAVA_SHORT, 8L * i + 4, (short) memory.ld16u(at + 4));
                host.set(ValueLayout.JAVA_SHORT, 8L * i + 6, (short) 0);
            }
            long start = System.nanoTime();
            long r = Blocking.poll(libc, host, nfds, timeout);
            if (r >= 0) {
                for (int i = 0; i < nfds; i++) {
                    memory.st16(fdsAddr + 8L * i + 6, host.get(ValueLayout.JAVA_SHORT, 8L * i + 6));
                }
            }
            writeRemaining(timeoutAddr, timeout, start);
            return r;
        }
    }

    /** The kernel writes back what is left of a ppoll/pselect6 timeout. */
    private void writeRemaining(long timeoutAddr, long timeout, long start) {
        if (timeoutAddr != 0 && timeout >= 0) {
            long left = Math.max(0, timeout - (System.nanoTime() - start));
            memory.st64(timeoutAddr, left / 1_000_000_000L);
            memory.st64(timeoutAddr + 8, left % 1_000_000_000L);
        }
    }

    /** A guest timespec in nanoseconds; -2 when invalid. */
    private long timespec(long addr) {
        long sec = memory.ld64(addr);
        long nsec = memory.ld64(addr + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -2;
        }
        return ProcessSyscalls.saturatingNanos(sec, nsec);
    }

    /** pselect6: the fd_sets become a host pollfd array; the sixth argument is { sigset*, size }. */
    long pselect6(GuestThread self, long nfds, long readfds, long writefds, long exceptfds, long timeoutAddr,
            long sigmaskArg) {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) {
            return -Errno.EINVAL;
        }
        int n = (int) nfds;
        int words = (n + 63) / 64;
        long[] rd = loadSet(readfds, words);
        long[] wr = loadSet(writefds, words);
        long[] ex = loadSet(exceptfds, words);
        long timeout = -1;
        if (timeoutAddr != 0) {
            timeout = timespec(timeoutAddr);
            if (timeout < -1) {
                return -Errno.EINVAL;
            }
        }
        if (sigmaskArg != 0) {
            long set = memory.ld64(sigmaskArg);
            long size = memory.ld64(sigmaskArg + 8);
            if (set != 0) {
                if (size != SIGSET_SIZE) {
                    return -Errno.EINVAL;
                }
                signals.maskUntilDelivery(self.signals(), memory.ld64(set));
            }
        }
        int count = 0;
        for (int fd = 0; fd < n; fd++) {
            if (bit(rd, fd) || bit(wr, fd) || bit(ex, fd)) {
                if (fds.host(fd) < 0) {
                    return -Errno.EBADF;
                }
                count++;
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(8L * Math.max(1, count), 4);
            int[] guestFd = new int[count];
            int i = 0;
            for (int fd = 0; fd < n; fd++) {
                short ev = (short) ((bit(rd, fd) ? Blocking.POLLIN : 0) | (bit(wr, fd) ? Blocking.POLLOUT : 0)
                        | (bit(ex, fd) ? POLLPRI : 0));
                if (ev != 0) {
                    guestFd[i] = fd;
                    host.set(ValueLayout.JAVA_INT, 8L * i, fds.host(fd));
                    host.set(ValueLayout.JAVA_SHORT, 8L * i + 4, ev);
                    host.set(ValueLayout.JAVA_SHORT, 8L * i + 6, (short) 0);
                    i++;
                }
            }
            long start = System.nanoTime();
            long r = Blocking.poll(libc, host, count, timeout);
            if (r < 0) {
                return r;
            }
            long[] ord = new long[words];
            long[] owr = new long[words];
            long[] oex = new long[words];
            int ready = 0;
            for (i = 0; i < count; i++) {
                int fd = guestFd[i];
                short re = host.get(ValueLayout.JAVA_SHORT, 8L * i + 6);
                if ((re & Blocking.POLLNVAL) != 0) {
                    return -Errno.EBADF;
                }
                if (bit(rd, fd) && (re & (Blocking.POLLIN | Blocking.POLLHUP | Blocking.POLLERR)) != 0) {
                    ord[fd >> 6] |= 1L << (fd & 63);
                    ready++;
                }
                if (bit(wr, fd) && (re & (Blocking.POLLOUT | Blocking.POLLERR)) != 0) {
                    owr[fd >> 6] |= 1L << (fd & 63);
                    ready++;
                }
                if (bit(ex, fd) && (re & POLLPRI) != 0) {
                    oex[fd >> 6] |= 1L << (fd & 63);
                    ready++;
                }
            }
            storeSet(readfds, ord);
            storeSet(writefds, owr);
            storeSet(exceptfds, oex);
            writeRemaining(timeoutAddr, timeout, start);
            return ready;
        }
    }

    private long[] loadSet(long addr, int words) {
        long[] set = new long[words];
        if (addr != 0) {
            for (int i = 0; i < words; i++) {
                set[i] = memory.ld64(addr + 8L * i);
            }
        }
        return set;
    }

    private void storeSet(long addr, long[] set) {
        if (addr != 0) {
            for (int i = 0; i < set.length; i++) {
                memory.st64(addr + 8L * i, set[i]);
            }
        }
    }

    private static boolean bit(long[] set, int fd) {
        return (set[fd >> 6] & (1L << (fd & 63))) != 0;
    }

    // ---------------------------------------------------------------- eventfd, timerfd

    long eventfd2(long initval, long flags) {
        return install(HostCalls.callInt("eventfd", initval & 0xffffffffL, flags));
    }

    private long install(long hostFd) {
        return hostFd < 0 ? hostFd : fds.install((int) hostFd);
    }

    long timerfdCreate(long clock, long flags) {
        return install(HostCalls.callInt("timerfd_create", clock, flags));
    }

    /** struct itimerspec is four longs on every LP64 architecture: passed through. */
    long timerfdSettime(long fd, long flags, long newValue, long oldValue) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        return HostCalls.callInt("timerfd_settime", h, flags, buf.in(newValue, 32).address(),
                oldValue == 0 ? 0 : buf.out(oldValue, 32).address());
    }

    long timerfdGettime(long fd, long out) {
        int h = fds.host((int) fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        return HostCalls.callInt("timerfd_gettime", h, buf.out(out, 32).address());
    }

    // ---------------------------------------------------------------- epoll

    long epollCreate1(long flags) {
        return install(HostCalls.callInt("epoll_create1", flags));
    }

    /** epoll_ctl with the guest's struct epoll_event (u32 events, then a u64 at offset 8) converted. */
    long epollCtl(long epfd, long op, long fd, long event) {
        int he = fds.host((int) epfd);
        int hf = fds.host((int) fd);
        if (he < 0 || hf < 0) {
            return -Errno.EBADF;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ev = MemorySegment.NULL;
            if (op != EPOLL_CTL_DEL || event != 0) {
                if (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD || event != 0) {
                    ev = arena.allocate(16, 8);
                    ev.set(ValueLayout.JAVA_INT, 0, (int) memory.ld32s(event));
                    ev.set(ValueLayout.JAVA_LONG_UNALIGNED, HOST_EPOLL_DATA, memory.ld64(event + 8));
                }
            }
            return HostCalls.callInt("epoll_ctl", he, op, hf, ev.address());
        }
    }

    /** epoll_pwait: an interruptible wait for the epoll fd to become readable, then the host's events. */
    long epollPwait(GuestThread self, long epfd, long events, long maxevents, long timeoutNanos, long sigmask,
            long sigsetSize) {
        int he = fds.host((int) epfd);
        if (he < 0) {
            return -Errno.EBADF;
        }
        if (maxevents <= 0 || maxevents > EP_MAX_EVENTS) {
            return -Errno.EINVAL;
        }
        memory.checkAccess(events, 16 * maxevents, GuestMemory.WRITE);
        if (sigmask != 0) {
            if (sigsetSize != SIGSET_SIZE) {
                return -Errno.EINVAL;
            }
            signals.maskUntilDelivery(self.signals(), memory.ld64(sigmask));
        }
        int max = (int) Math.min(maxevents, 1024);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(8, 4);
            pfd.set(ValueLayout.JAVA_INT, 0, he);
            pfd.set(ValueLayout.JAVA_SHORT, 4, Blocking.POLLIN);
            MemorySegment out = arena.allocate((long) HOST_EPOLL_SIZE * max, 8);
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            while (true) {
                long left = deadline == Long.MAX_VALUE ? -1 : Math.max(0, deadline - System.nanoTime());
                long r = Blocking.poll(libc, pfd, 1, left);
                if (r < 0) {
                    return r;
                }
                long n = HostCalls.callInt("epoll_wait", he, out.address(), max, 0);
                if (n < 0) {
                    return n;
                }
                if (n > 0 || r == 0) {
                    for (int i = 0; i < n; i++) {
                        long at = (long) HOST_EPOLL_SIZE * i;
                        memory.st32(events + 16L * i, out.get(ValueLayout.JAVA_INT, at));
                        memory.st32(events + 16L * i + 4, 0);
                        memory.st64(events + 16L * i + 8, out.get(ValueLayout.JAVA_LONG_UNALIGNED, at + HOST_EPOLL_DATA));
                    }
                    return n;
                }
            }
        }
    }

    /** epoll_pwait's timeout in milliseconds (negative: for ever) as nanoseconds. */
    static long millisTimeout(long millis) {
        int ms = (int) millis;
        return ms < 0 ? -1 : ms * 1_000_000L;
    }

    /** epoll_pwait2's timeout, a struct timespec or NULL (for ever). */
    long epollPwait2(GuestThread self, long epfd, long events, long maxevents, long timeoutAddr, long sigmask,
            long sigsetSize) {
        long timeout = -1;
        if (timeoutAddr != 0) {
            timeout = timespec(timeoutAddr);
            if (timeout < -1) {
                return -Errno.EINVAL;
            }
        }
        return epollPwait(self, epfd, events, maxevents, timeout, sigmask, sigsetSize);
    }

    // ---------------------------------------------------------------- signalfd

    long signalfd4(GuestThread self, long fd, long maskAddr, long sizemask, long flags) {
        if (sizemask != SIGSET_SIZE || (flags & ~(SFD_NONBLOCK | SFD_CLOEXEC)) != 0) {
            return -Errno.EINVAL;
        }
        long mask = memory.ld64(maskAddr) & ~(Signals.bit(9) | Signals.bit(19)); // never SIGKILL, SIGSTOP
        if ((int) fd != -1) {
            int h = fds.host((int) fd);
            if (h < 0) {
                return -Errno.EBADF;
            }
            if (!signalfdMasks.containsKey(h)) {
                return -Errno.EINVAL;
            }
            signalfdMasks.put(h, mask);
            refreshReadiness(h, mask);
            return fd;
        }
        long h = HostCalls.callInt("eventfd", 0, (flags & SFD_NONBLOCK) | (flags & SFD_CLOEXEC));
        if (h < 0) {
            return h;
        }
        signalfdMasks.put((int) h, mask);
        refreshReadiness((int) h, mask);
        return install(h);
    }

    /** Told under the signal lock that {@code sig} was queued: the signalfds reading it become readable. */
    private void signalQueued(int sig) {
        long bit = Signals.bit(sig);
        for (Map.Entry<Integer, Long> e : signalfdMasks.entrySet()) {
            if ((e.getValue() & bit) != 0) {
                addOne(e.getKey());
            }
        }
    }

    private void addOne(int hostEventfd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(8, 8);
            one.set(ValueLayout.JAVA_LONG, 0, 1);
            libc.write(hostEventfd, one, 8);
        }
    }

    /** Makes the eventfd behind a signalfd readable exactly when one of its signals is pending. */
    private void refreshReadiness(int hostEventfd, long mask) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(8, 4);
            pfd.set(ValueLayout.JAVA_INT, 0, hostEventfd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, Blocking.POLLIN);
            boolean readable = libc.poll(pfd, 1, 0) > 0;
            boolean pending = signals.anyPendingInProcess(mask);
            if (readable && !pending) {
                MemorySegment drain = arena.allocate(8, 8);
                libc.read(hostEventfd, drain, 8);
            } else if (!readable && pending) {
                addOne(hostEventfd);
            }
        }
    }

    private long readSignalfd(GuestThread self, int h, long mask, long addr, long n) {
        if (n < SIGNALFD_SIZE) {
            return -Errno.EINVAL;
        }
        memory.checkAccess(addr, SIGNALFD_SIZE, GuestMemory.WRITE);
        long done = 0;
        while (done + SIGNALFD_SIZE <= n) {
            SigInfo info = signals.take(self.signals(), mask);
            if (info == null) {
                if (done > 0) {
                    break;
                }
                if ((libc.fcntl(h, F_GETFL, 0) & O_NONBLOCK) != 0) {
                    refreshReadiness(h, mask);
                    return -Errno.EAGAIN;
                }
                if (!signals.awaitPending(self.signals(), mask)) {
                    refreshReadiness(h, mask);
                    return -Errno.ERESTARTSYS;
                }
                continue;
            }
            writeSignalfdSiginfo(addr + done, info);
            done += SIGNALFD_SIZE;
        }
        refreshReadiness(h, mask);
        return done;
    }

    /** struct signalfd_siginfo (128 bytes). */
    private void writeSignalfdSiginfo(long at, SigInfo info) {
        memory.write(at, new byte[SIGNALFD_SIZE]);
        memory.st32(at, info.signo());
        memory.st32(at + 8, info.code());
        if (info.fault()) {
            memory.st64(at + 72, info.addr());
        } else if (info.code() == SigInfo.SI_TIMER) {
            memory.st32(at + 24, info.pid()); // ssi_tid: the timer id
            memory.st32(at + 32, info.uid()); // ssi_overrun
            memory.st32(at + 44, (int) info.addr()); // ssi_int
            memory.st64(at + 48, info.addr()); // ssi_ptr
        } else {
            memory.st32(at + 12, info.pid());
            memory.st32(at + 16, info.uid());
            memory.st32(at + 40, (int) info.addr()); // ssi_status of a child's signal, else 0
            memory.st64(at + 56, info.childCpu().userTicks()); // ssi_utime
            memory.st64(at + 64, info.childCpu().systemTicks()); // ssi_stime
        }
    }
}
