package dev.tcg4j.runtime.linux.fs;

import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.host.Libc;
import java.util.TreeMap;

/**
 * The guest's file descriptors, each standing for a host fd this process owns. Guest numbers are
 * allocated as the kernel does (the lowest free one), independently of the host's: the JVM has
 * file descriptors of its own, which a guest {@code close(5)} must never touch.
 *
 * <p>Guest 0, 1 and 2 start as the host's stdin, stdout and stderr. Those three host fds are never
 * closed, so the emulator can still report errors and plugin output after the guest closes them.
 */
public final class FdTable {
    /** RLIMIT_NOFILE as the guest sees it. */
    public static final int MAX_FDS = 1024;

    private final Libc libc;
    private final TreeMap<Integer, Integer> guestToHost = new TreeMap<>();
    /** The host fds behind guest 0, 1 and 2 at the start: owned by whoever started the run, never closed here. */
    private int[] stdio = {0, 1, 2};

    public FdTable(Libc libc) {
        this.libc = libc;
        for (int fd = 0; fd < 3; fd++) {
            guestToHost.put(fd, fd);
        }
    }

    /**
     * Makes guest 0, 1 and 2 stand for these host fds instead of the emulator's own (an embedder's
     * pipes or files). Like the host's 0, 1 and 2, they are never closed by the guest's close.
     */
    public synchronized void setStdio(int in, int out, int err) {
        stdio = new int[] {in, out, err};
        for (int fd = 0; fd < 3; fd++) {
            guestToHost.put(fd, stdio[fd]);
        }
    }

    /** The process ended: closes every host fd the guest still had open but the start's stdio. */
    public synchronized void closeAll() {
        for (Integer guestFd : new java.util.ArrayList<>(guestToHost.keySet())) {
            close(guestFd);
        }
    }

    /** The host fd behind {@code guestFd}, or -1 when it is not open. */
    public synchronized int host(int guestFd) {
        Integer h = guestToHost.get(guestFd);
        return h == null ? -1 : h;
    }

    /** Gives the host fd the lowest free guest number at or above {@code min}; -EMFILE when full. */
    public synchronized int install(int hostFd, int min) {
        int fd = Math.max(0, min);
        while (guestToHost.containsKey(fd)) {
            fd++;
        }
        if (fd >= MAX_FDS) {
            closeHost(hostFd);
            return -Errno.EMFILE;
        }
        guestToHost.put(fd, hostFd);
        return fd;
    }

    public int install(int hostFd) {
        return install(hostFd, 0);
    }

    /** dup2/dup3: puts the host fd at {@code guestFd}, closing what was there. */
    public synchronized int installAt(int guestFd, int hostFd) {
        if (guestFd < 0 || guestFd >= MAX_FDS) {
            closeHost(hostFd);
            return -Errno.EBADF;
        }
        Integer old = guestToHost.put(guestFd, hostFd);
        if (old != null) {
            closeHost(old);
        }
        return guestFd;
    }

    public synchronized long close(int guestFd) {
        Integer h = guestToHost.remove(guestFd);
        if (h == null) {
            return -Errno.EBADF;
        }
        return closeHost(h);
    }

    private long closeHost(int hostFd) {
        if (hostFd <= 2 || hostFd == stdio[0] || hostFd == stdio[1] || hostFd == stdio[2]
                || guestToHost.containsValue(hostFd)) {
            return 0;
        }
        return libc.close(hostFd);
    }
}
