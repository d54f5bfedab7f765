package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.process.GuestProcess;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The links of /proc that name a guest process's cwd or descriptors, which the host's would take
 * for the JVM's: /proc/self/cwd and /proc/PID/cwd (no guest process has the JVM main thread's cwd,
 * see ProcessFs), and /proc/self/fd/N, /proc/PID/fd/N, /dev/fd/N, /dev/stdin, /dev/stdout and
 * /dev/stderr (a guest fd is a host fd of another number). The calling process's cwd is the calling
 * thread's own (/proc/thread-self/cwd); another guest process's, and any guest descriptor, is the
 * host descriptor that holds it. Paths under a link are kept, so the link can be walked through. A
 * descriptor the process does not have becomes a name no file has, as Linux answers ENOENT. The
 * directories themselves are listed by {@link FdListings}.
 */
final class ProcLinks {
    private static final byte[] PROC = bytes("/proc/");
    private static final byte[] SELF = bytes("self");
    private static final byte[] THREAD_SELF = bytes("thread-self");
    private static final byte[] CWD = bytes("cwd");
    private static final byte[] FD = bytes("fd/");
    private static final byte[] DEV_FD = bytes("/dev/fd/");
    private static final String[] DEV_STDIO = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    private static final String NO_SUCH_FD = "/proc/self/fd/-1";

    private final ProcessContext ctx;

    ProcLinks(ProcessContext ctx) {
        this.ctx = ctx;
    }

    /** The host path for guest path {@code path}: itself unless it goes through one of the links. */
    byte[] hostPath(byte[] path) {
        for (int fd = 0; fd < DEV_STDIO.length; fd++) {
            if (Arrays.equals(path, bytes(DEV_STDIO[fd]))) {
                return bytes(fdLink(ctx, fd));
            }
        }
        if (startsWith(path, DEV_FD, 0)) {
            return fdPath(path, DEV_FD.length, ctx);
        }
        if (!startsWith(path, PROC, 0)) {
            return path;
        }
        int idEnd = PROC.length;
        while (idEnd < path.length && path[idEnd] != '/') {
            idEnd++;
        }
        int entry = idEnd + 1;
        if (entry >= path.length) {
            return path;
        }
        if (startsWith(path, FD, entry)) {
            ProcessContext owner = processOf(path, PROC.length, idEnd);
            return owner == null ? path : fdPath(path, entry + FD.length, owner);
        }
        int cwdEnd = entry + CWD.length;
        if (!startsWith(path, CWD, entry) || (path.length > cwdEnd && path[cwdEnd] != '/')) {
            return path;
        }
        String link = cwdLinkFor(path, PROC.length, idEnd);
        return link == null ? path : splice(link, path, cwdEnd);
    }

    /**
     * The guest process whose descriptors the directory {@code path} lists (/dev/fd, /proc/self/fd,
     * /proc/PID/fd, with or without a final slash), or null for any other path.
     */
    ProcessContext fdDirectoryOwner(String path) {
        String dir = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (dir.equals("/dev/fd")) {
            return ctx;
        }
        if (!dir.startsWith("/proc/") || !dir.endsWith("/fd")) {
            return null;
        }
        String id = dir.substring("/proc/".length(), dir.length() - "/fd".length());
        if (id.isEmpty() || id.indexOf('/') >= 0) {
            return null;
        }
        byte[] idBytes = bytes(id);
        return processOf(idBytes, 0, idBytes.length);
    }

    /** {@code path} from {@code numberAt} on is "N" or "N/rest": guest descriptor N of {@code owner}. */
    private static byte[] fdPath(byte[] path, int numberAt, ProcessContext owner) {
        int end = numberAt;
        int fd = 0;
        while (end < path.length && path[end] != '/') {
            if (path[end] < '0' || path[end] > '9' || fd > Integer.MAX_VALUE / 10 - 1) {
                return bytes(NO_SUCH_FD);
            }
            fd = fd * 10 + (path[end] - '0');
            end++;
        }
        if (end == numberAt) {
            return path; // the directory itself
        }
        return splice(fdLink(owner, fd), path, end);
    }

    private static String fdLink(ProcessContext owner, int guestFd) {
        int host = owner.fds().host(guestFd);
        return host < 0 ? NO_SUCH_FD : "/proc/self/fd/" + host;
    }

    /** The guest process /proc/ID names (self, thread-self, its pid or another guest's), else null. */
    private ProcessContext processOf(byte[] path, int from, int to) {
        if (isSelf(path, from, to)) {
            return ctx;
        }
        int pid = pid(path, from, to);
        if (pid == ctx.pid()) {
            return ctx;
        }
        GuestProcess other = pid < 0 ? null : ctx.processes().get(pid);
        LinuxProcess image = other == null ? null : other.image();
        return image == null ? null : image.context();
    }

    private String cwdLinkFor(byte[] path, int from, int to) {
        ProcessContext owner = processOf(path, from, to);
        if (owner == ctx) {
            return "/proc/thread-self/cwd";
        }
        int fd = owner == null ? -1 : owner.fs().hostCwd();
        return fd < 0 ? null : "/proc/self/fd/" + fd;
    }

    private static boolean isSelf(byte[] path, int from, int to) {
        return to - from == SELF.length && startsWith(path, SELF, from)
                || to - from == THREAD_SELF.length && startsWith(path, THREAD_SELF, from);
    }

    /** The decimal number from {@code from} to {@code to}, or -1. */
    private static int pid(byte[] path, int from, int to) {
        if (to == from) {
            return -1;
        }
        int pid = 0;
        for (int i = from; i < to; i++) {
            if (path[i] < '0' || path[i] > '9' || pid > Integer.MAX_VALUE / 10 - 1) {
                return -1;
            }
            pid = pid * 10 + (path[i] - '0');
        }
        return pid;
    }

    private static byte[] splice(String head, byte[] path, int restStart) {
        byte[] h = bytes(head);
        byte[] out = Arrays.copyOf(h, h.length + path.length - restStart);
        System.arraycopy(path, restStart, out, h.length, path.length - restStart);
        return out;
    }

    private static boolean startsWith(byte[] path, byte[] prefix, int at) {
        return path.length >= at + prefix.length && Arrays.equals(path, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
