package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.process.GuestProcess;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cwd links of /proc, /proc/self/cwd and /proc/PID/cwd, for guest processes: the host's would
 * describe the JVM's main thread, whose cwd no guest process has (see ProcessFs). The calling
 * process's is the calling thread's own (/proc/thread-self/cwd); another guest process's is the
 * host descriptor that holds its cwd. Paths under a link are kept, so the link can be walked through.
 */
final class CwdLinks {
    private static final byte[] PROC = bytes("/proc/");
    private static final byte[] SELF = bytes("self");
    private static final byte[] CWD = bytes("/cwd");

    private final ProcessContext ctx;

    CwdLinks(ProcessContext ctx) {
        this.ctx = ctx;
    }

    /** The host path for guest path {@code path}: itself unless it names a guest process's cwd link. */
    byte[] hostPath(byte[] path) {
        if (!startsWith(path, PROC, 0)) {
            return path;
        }
        int idEnd = PROC.length;
        while (idEnd < path.length && path[idEnd] != '/') {
            idEnd++;
        }
        if (!startsWith(path, CWD, idEnd)
                || (path.length > idEnd + CWD.length && path[idEnd + CWD.length] != '/')) {
            return path;
        }
        String link = linkFor(path, PROC.length, idEnd);
        if (link == null) {
            return path;
        }
        byte[] head = bytes(link);
        int restStart = idEnd + CWD.length;
        byte[] out = Arrays.copyOf(head, head.length + path.length - restStart);
        System.arraycopy(path, restStart, out, head.length, path.length - restStart);
        return out;
    }

    private String linkFor(byte[] path, int from, int to) {
        if (to - from == SELF.length && startsWith(path, SELF, from)) {
            return "/proc/thread-self/cwd";
        }
        int pid = 0;
        for (int i = from; i < to; i++) {
            if (path[i] < '0' || path[i] > '9' || pid > Integer.MAX_VALUE / 10 - 1) {
                return null;
            }
            pid = pid * 10 + (path[i] - '0');
        }
        if (to == from) {
            return null;
        }
        if (pid == ctx.pid()) {
            return "/proc/thread-self/cwd";
        }
        GuestProcess other = ctx.processes().get(pid);
        LinuxProcess image = other == null ? null : other.image();
        int fd = image == null ? -1 : image.context().fs().hostCwd();
        return fd < 0 ? null : "/proc/self/fd/" + fd;
    }

    private static boolean startsWith(byte[] path, byte[] prefix, int at) {
        return path.length >= at + prefix.length && Arrays.equals(path, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
