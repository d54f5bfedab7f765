package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.host.HostCalls;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.SignalNames;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Sockets, passed to the host's. sockaddr_in, sockaddr_in6 and sockaddr_un, the option values and
 * struct msghdr and cmsghdr have the same layout on riscv64 as on every LP64 host, so addresses go
 * straight from guest memory; what needs translating is the descriptors: the socket itself, and
 * those an SCM_RIGHTS message carries, both ways. Calls that wait do so interruptibly
 * ({@link Blocking}).
 */
@SuppressWarnings("restricted")
final class SocketSyscalls {
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSGHDR_SIZE = 56;
    private static final int IOV_MAX = 1024;
    private static final int CMSG_HDR = 16;

    private final ProcessContext ctx;
    private final GuestBuffers buf;
    private final GuestMemory memory;
    private final Libc libc;
    private final FdTable fds;
    private final int uid;

    SocketSyscalls(ProcessContext ctx, GuestBuffers buf) {
        this.ctx = ctx;
        this.buf = buf;
        this.memory = ctx.memory();
        this.libc = ctx.libc();
        this.fds = ctx.fds();
        this.uid = libc.getuid();
    }

    private long install(long hostFd) {
        return hostFd < 0 ? hostFd : fds.install((int) hostFd);
    }

    private long in(long addr, long len) {
        return addr == 0 || len <= 0 ? addr : buf.in(addr, len).address();
    }

    private long out(long addr, long len) {
        return addr == 0 || len <= 0 ? addr : buf.out(addr, len).address();
    }

    /** A socklen_t in/out argument: the guest's own int, and the buffer of that length it describes. */
    private long lengthOf(long lenAddr) {
        return lenAddr == 0 ? 0 : memory.ld32s(lenAddr);
    }

    long socket(long domain, long type, long protocol) {
        return install(HostCalls.callInt("socket", domain, type, protocol));
    }

    long socketpair(long domain, long type, long protocol, long sv) {
        memory.checkAccess(sv, 8, GuestMemory.WRITE);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pair = arena.allocate(8, 4);
            long r = HostCalls.callInt("socketpair", domain, type, protocol, pair.address());
            if (r < 0) {
                return r;
            }
            int a = fds.install(pair.get(ValueLayout.JAVA_INT, 0));
            int b = fds.install(pair.get(ValueLayout.JAVA_INT, 4));
            if (a < 0 || b < 0) {
                fds.close(a);
                fds.close(b);
                return -Errno.EMFILE;
            }
            memory.st32(sv, a);
            memory.st32(sv + 4, b);
            return 0;
        }
    }

    private int host(long fd) {
        return fds.host((int) fd);
    }

    long bind(long fd, long addr, long len) {
        int h = host(fd);
        return h < 0 ? -Errno.EBADF : HostCalls.callInt("bind", h, in(addr, len), len);
    }

    long connect(long fd, long addr, long len) {
        int h = host(fd);
        return h < 0 ? -Errno.EBADF : Blocking.restartable(HostCalls.callInt("connect", h, in(addr, len), len));
    }

    long listen(long fd, long backlog) {
        int h = host(fd);
        return h < 0 ? -Errno.EBADF : HostCalls.callInt("listen", h, backlog);
    }

    long accept4(long fd, long addr, long lenAddr, long flags) {
        int h = host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        long w = Blocking.awaitReady(libc, h, Blocking.POLLIN);
        if (w < 0) {
            return Blocking.restartable(w);
        }
        long len = lengthOf(lenAddr);
        return install(HostCalls.callInt("accept4", h, out(addr, len), out(lenAddr, 4), flags));
    }

    long shutdown(long fd, long how) {
        int h = host(fd);
        return h < 0 ? -Errno.EBADF : HostCalls.callInt("shutdown", h, how);
    }

    long getsockname(long fd, long addr, long lenAddr) {
        int h = host(fd);
        return h < 0 ? -Errno.EBADF
                : HostCalls.callInt("getsockname", h, out(addr, lengthOf(lenAddr)), out(lenAddr, 4));
    }

    long getpeername(long fd, long addr, long lenAddr) {
        int h = host(fd);
        return h < 0 ? -Errno.EBADF
                : HostCalls.callInt("getpeername", h, out(addr, lengthOf(lenAddr)), out(lenAddr, 4));
    }

    long setsockopt(long fd, long level, long name, long value, long len) {
        int h = host(fd);
        return h < 0 ? -Errno.EBADF : HostCalls.callInt("setsockopt", h, level, name, in(value, len), len);
    }

    long getsockopt(long fd, long level, long name, long value, long lenAddr) {
        int h = host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        return HostCalls.callInt("getsockopt", h, level, name, out(value, lengthOf(lenAddr)), out(lenAddr, 4));
    }

    long sendto(long fd, long data, long len, long flags, long addr, long addrLen) {
        int h = host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if ((flags & MSG_DONTWAIT) == 0) {
            long w = Blocking.awaitReady(libc, h, Blocking.POLLOUT);
            if (w < 0) {
                return Blocking.restartable(w);
            }
        }
        long r = HostCalls.callLong("sendto", h, in(data, len), len == 0 ? 0 : buf.in(data, len).byteSize(),
                flags | MSG_NOSIGNAL, in(addr, addrLen), addrLen);
        return brokenPipe(r, flags);
    }

    /** The JVM ignores SIGPIPE, and sends pass MSG_NOSIGNAL anyway: the guest's SIGPIPE is raised here. */
    private long brokenPipe(long r, long flags) {
        if (r == -Errno.EPIPE && (flags & MSG_NOSIGNAL) == 0) {
            ctx.signals().post(SigInfo.sent(SignalNames.SIGPIPE, SigInfo.SI_USER, ctx.pid(), uid));
        }
        return r;
    }

    long recvfrom(long fd, long data, long len, long flags, long addr, long lenAddr) {
        int h = host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        if ((flags & MSG_DONTWAIT) == 0) {
            long w = Blocking.awaitReady(libc, h, Blocking.POLLIN);
            if (w < 0) {
                return Blocking.restartable(w);
            }
        }
        return HostCalls.callLong("recvfrom", h, out(data, len), len == 0 ? 0 : buf.out(data, len).byteSize(), flags,
                out(addr, lengthOf(lenAddr)), out(lenAddr, 4));
    }

    // ---------------------------------------------------------------- sendmsg, recvmsg

    /**
     * A host msghdr for the guest's: name and iovecs pointing into guest memory, the control data
     * copied so that descriptors can be translated.
     */
    private MemorySegment hostMsghdr(long msg, Arena arena, boolean receiving) {
        long name = memory.ld64(msg);
        int nameLen = (int) memory.ld32s(msg + 8);
        long iov = memory.ld64(msg + 16);
        long iovLen = memory.ld64(msg + 24);
        long control = memory.ld64(msg + 32);
        long controlLen = memory.ld64(msg + 40);
        if (iovLen < 0 || iovLen > IOV_MAX) {
            throw new BadMessage(-Errno.EMSGSIZE);
        }
        MemorySegment h = arena.allocate(MSGHDR_SIZE, 8);
        h.set(ValueLayout.JAVA_LONG, 0, receiving ? out(name, nameLen) : in(name, nameLen));
        h.set(ValueLayout.JAVA_INT, 8, nameLen);
        MemorySegment vec = arena.allocate(16L * Math.max(1, iovLen), 8);
        for (int i = 0; i < iovLen; i++) {
            long base = memory.ld64(iov + 16L * i);
            long len = memory.ld64(iov + 16L * i + 8);
            MemorySegment seg = len == 0 ? MemorySegment.NULL : receiving ? buf.out(base, len) : buf.in(base, len);
            vec.set(ValueLayout.JAVA_LONG, 16L * i, seg.address());
            vec.set(ValueLayout.JAVA_LONG, 16L * i + 8, seg.byteSize());
        }
        h.set(ValueLayout.JAVA_LONG, 16, vec.address());
        h.set(ValueLayout.JAVA_LONG, 24, iovLen);
        if (control != 0 && controlLen > 0) {
            if (controlLen > 1 << 20) {
                throw new BadMessage(-Errno.ENOBUFS);
            }
            MemorySegment c = arena.allocate(controlLen, 8);
            if (!receiving) {
                MemorySegment.copy(buf.in(control, controlLen), 0, c, 0, controlLen);
            }
            h.set(ValueLayout.JAVA_LONG, 32, c.address());
            h.set(ValueLayout.JAVA_LONG, 40, controlLen);
        }
        return h;
    }

    /** A message the kernel refuses before sending anything. */
    private static final class BadMessage extends RuntimeException {
        final long errno;

        BadMessage(long errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }

    /** The cmsghdrs of a host control buffer: {offset, level, type, data length}. */
    private static List<long[]> cmsgs(MemorySegment control, long controlLen) {
        List<long[]> out = new ArrayList<>();
        long at = 0;
        while (at + CMSG_HDR <= controlLen) {
            long len = control.get(ValueLayout.JAVA_LONG, at);
            if (len < CMSG_HDR || at + len > controlLen) {
                break;
            }
            out.add(new long[] {at, control.get(ValueLayout.JAVA_INT, at + 8), control.get(ValueLayout.JAVA_INT, at + 12),
                len - CMSG_HDR});
            at += (len + 7) & ~7L;
        }
        return out;
    }

    long sendmsg(long fd, long msg, long flags) {
        int h = host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hm;
            try {
                hm = hostMsghdr(msg, arena, false);
            } catch (BadMessage e) {
                return e.errno;
            }
            long controlLen = hm.get(ValueLayout.JAVA_LONG, 40);
            if (controlLen > 0) {
                MemorySegment c = MemorySegment.ofAddress(hm.get(ValueLayout.JAVA_LONG, 32)).reinterpret(controlLen);
                for (long[] cm : cmsgs(c, controlLen)) {
                    if (cm[1] == SOL_SOCKET && cm[2] == SCM_RIGHTS) {
                        for (long i = 0; i + 4 <= cm[3]; i += 4) {
                            long at = cm[0] + CMSG_HDR + i;
                            int hostFd = fds.host(c.get(ValueLayout.JAVA_INT, at));
                            if (hostFd < 0) {
                                return -Errno.EBADF;
                            }
                            c.set(ValueLayout.JAVA_INT, at, hostFd);
                        }
                    }
                }
            }
            if ((flags & MSG_DONTWAIT) == 0) {
                long w = Blocking.awaitReady(libc, h, Blocking.POLLOUT);
                if (w < 0) {
                    return Blocking.restartable(w);
                }
            }
            return brokenPipe(HostCalls.callLong("sendmsg", h, hm.address(), flags | MSG_NOSIGNAL), flags);
        }
    }

    long recvmsg(long fd, long msg, long flags) {
        int h = host(fd);
        if (h < 0) {
            return -Errno.EBADF;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hm;
            try {
                hm = hostMsghdr(msg, arena, true);
            } catch (BadMessage e) {
                return e.errno;
            }
            memory.checkAccess(msg, MSGHDR_SIZE, GuestMemory.WRITE);
            if ((flags & MSG_DONTWAIT) == 0) {
                long w = Blocking.awaitReady(libc, h, Blocking.POLLIN);
                if (w < 0) {
                    return Blocking.restartable(w);
                }
            }
            long r = HostCalls.callLong("recvmsg", h, hm.address(), flags);
            if (r < 0) {
                return r;
            }
            memory.st32(msg + 8, hm.get(ValueLayout.JAVA_INT, 8));
            memory.st32(msg + 48, hm.get(ValueLayout.JAVA_INT, 48));
            long controlLen = hm.get(ValueLayout.JAVA_LONG, 40);
            long control = memory.ld64(msg + 32);
            if (controlLen > 0 && control != 0) {
                MemorySegment c = MemorySegment.ofAddress(hm.get(ValueLayout.JAVA_LONG, 32)).reinterpret(controlLen);
                for (long[] cm : cmsgs(c, controlLen)) {
                    if (cm[1] == SOL_SOCKET && cm[2] == SCM_RIGHTS) {
                        for (long i = 0; i + 4 <= cm[3]; i += 4) {
                            long at = cm[0] + CMSG_HDR + i;
                            int guestFd = fds.install(c.get(ValueLayout.JAVA_INT, at));
                            c.set(ValueLayout.JAVA_INT, at, guestFd);
                        }
                    }
                }
                MemorySegment.copy(c, 0, buf.out(control, controlLen), 0, controlLen);
            }
            memory.st64(msg + 40, controlLen);
            return r;
        }
    }

    private static final int MMSGHDR_SIZE = 64;
    private static final int UIO_MAXIOV = 1024;
    private static final long MSG_WAITFORONE = 0x10000;

    /**
     * sendmmsg: sendmsg for each entry in turn, its msg_len stored; the number sent, or the first
     * entry's error when none was.
     */
    long sendmmsg(long fd, long vec, long vlen, long flags) {
        int n = (int) Math.min(Integer.toUnsignedLong((int) vlen), UIO_MAXIOV);
        int sent = 0;
        for (; sent < n; sent++) {
            long entry = vec + (long) MMSGHDR_SIZE * sent;
            long r = sendmsg(fd, entry, flags);
            if (r < 0) {
                return sent > 0 ? sent : r;
            }
            memory.st32(entry + 56, (int) r);
        }
        return sent;
    }

    /**
     * recvmmsg: recvmsg for each entry in turn; MSG_WAITFORONE makes every one after the first
     * non-blocking, and the timeout is checked after each datagram, as the kernel does (it does
     * not cut a blocked receive short). The number received, or the first entry's error. When
     * something was received, the time left (zero when past) is written back to the timeout, as
     * the kernel's __sys_recvmmsg does.
     */
    long recvmmsg(long fd, long vec, long vlen, long flags, long timeout) {
        long deadline = Long.MAX_VALUE;
        if (timeout != 0) {
            long sec = memory.ld64(timeout);
            long nsec = memory.ld64(timeout + 8);
            if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
                return -Errno.EINVAL;
            }
            deadline = System.nanoTime() + ProcessSyscalls.saturatingNanos(sec, nsec);
        }
        long got = receiveEach(fd, vec, vlen, flags, deadline);
        if (got > 0 && timeout != 0) {
            long left = Math.max(0, deadline - System.nanoTime());
            memory.st64(timeout, left / 1_000_000_000L);
            memory.st64(timeout + 8, left % 1_000_000_000L);
        }
        return got;
    }

    private long receiveEach(long fd, long vec, long vlen, long flags, long deadline) {
        int n = (int) Math.min(Integer.toUnsignedLong((int) vlen), UIO_MAXIOV);
        long each = flags & ~MSG_WAITFORONE;
        int got = 0;
        for (; got < n; got++) {
            long entry = vec + (long) MMSGHDR_SIZE * got;
            long r = recvmsg(fd, entry, each);
            if (r < 0) {
                return got > 0 ? got : r;
            }
            memory.st32(entry + 56, (int) r);
            if ((flags & MSG_WAITFORONE) != 0) {
                each |= MSG_DONTWAIT;
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                return got + 1;
            }
        }
        return got;
    }
}
