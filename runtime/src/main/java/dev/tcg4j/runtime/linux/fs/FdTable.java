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
    /**
     * Host fds known to stand for a file whose reads and writes never wait ({@link HostFileKind#neverWaits}:
     * poll always reports them ready), and those known not to. Forgotten when the host fd
     * closes, since the number may then be reused.
     */
    private final java.util.BitSet typeKnown = new java.util.BitSet();
    private final java.util.BitSet neverWaits = new java.util.BitSet();
    /** Of those known, the pipes (FIFOs), whose small writes are atomic. */
    private final java.util.BitSet pipes = new java.util.BitSet();
    /** Host fds whose kind of file refused a read or write without waiting (RWF_NOWAIT). */
    private final java.util.BitSet refusesNoWait = new java.util.BitSet();
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

    /** The open guest fds in {@code [first, last]}, lowest first. */
    public synchronized int[] openIn(int first, int last) {
        return guestToHost.subMap(first, true, last, true).keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Marks {@code guestFd} close-on-exec; the mark lives on its host fd, as F_SETFD's. */
    public synchronized void setCloseOnExec(int guestFd) {
        Integer h = guestToHost.get(guestFd);
        long flags = h == null ? -1 : libc.fcntl(h, F_GETFD, 0);
        if (flags >= 0) {
            libc.fcntl(h, F_SETFD, flags | FD_CLOEXEC);
        }
    }

    /**
     * Whether I/O on {@code hostFd} never waits (a regular file, a directory, /dev/null and its
     * kin), so that a read or a write needs no interruptible wait for readiness first; asked of the
     * host once per fd.
     */
    public boolean neverWaits(int hostFd) {
        synchronized (this) {
            if (typeKnown.get(hostFd)) {
                return neverWaits.get(hostFd);
            }
        }
        return learnKind(hostFd).neverWaits();
    }

    /** Whether {@code hostFd} is a pipe (asked of the host once per fd, with {@link #neverWaits}). */
    public boolean isPipe(int hostFd) {
        synchronized (this) {
            if (typeKnown.get(hostFd)) {
                return pipes.get(hostFd);
            }
        }
        return learnKind(hostFd).pipe();
    }

    private HostFileKind learnKind(int hostFd) {
        HostFileKind kind = HostFileKind.of(libc, hostFd);
        if (kind == null) {
            return HostFileKind.UNKNOWN;
        }
        synchronized (this) {
            if (guestToHost.containsValue(hostFd)) { // closed meanwhile: the answer is not kept
                typeKnown.set(hostFd);
                neverWaits.set(hostFd, kind.neverWaits());
                pipes.set(hostFd, kind.pipe());
            }
        }
        return kind;
    }

    /** Whether a read or write without waiting is worth trying on {@code hostFd}. */
    public synchronized boolean triesNoWait(int hostFd) {
        return !refusesNoWait.get(hostFd);
    }

    /** {@code hostFd}'s kind of file cannot read or write without waiting: poll first from now on. */
    public synchronized void refusedNoWait(int hostFd) {
        refusesNoWait.set(hostFd);
    }

    private long closeHost(int hostFd) {
        if (hostFd >= 0) {
            typeKnown.clear(hostFd);
            refusesNoWait.clear(hostFd);
        }
        if (hostFd <= 2 || hostFd == stdio[0] || hostFd == stdio[1] || hostFd == stdio[2]
                || guestToHost.containsValue(hostFd)) {
            return 0;
        }
        return libc.close(hostFd);
    }

    private static final int F_DUPFD = 0;
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FD_CLOEXEC = 1;

    /**
     * fork: this (new) table gets a duplicate of each of {@code parent}'s host fds under the same
     * guest numbers, close-on-exec kept, so that either process closing one leaves the other's open.
     * The host's 0, 1 and 2, never closed, are shared as they are.
     */
    public void copyFrom(FdTable parent) {
        java.util.Map<Integer, Integer> entries;
        synchronized (parent) {
            entries = new TreeMap<>(parent.guestToHost);
        }
        synchronized (this) {
            guestToHost.clear();
            for (java.util.Map.Entry<Integer, Integer> e : entries.entrySet()) {
                int h = e.getValue();
                if (h <= 2) {
                    guestToHost.put(e.getKey(), h);
                    continue;
                }
                long flags = libc.fcntl(h, F_GETFD, 0);
                long copy = libc.fcntl(h, flags > 0 && (flags & FD_CLOEXEC) != 0 ? F_DUPFD_CLOEXEC : F_DUPFD, 3);
                if (copy >= 0) {
                    guestToHost.put(e.getKey(), (int) copy);
                }
            }
        }
    }

    /** execve: closes the fds marked close-on-exec (the mark lives on the host fd). */
    public synchronized void closeOnExec() {
        for (Integer fd : new java.util.ArrayList<>(guestToHost.keySet())) {
            int h = guestToHost.get(fd);
            long flags = libc.fcntl(h, F_GETFD, 0);
            if (flags > 0 && (flags & FD_CLOEXEC) != 0) {
                close(fd);
            }
        }
    }

    /** execve: this (new image's) table takes over every fd of {@code old}, which is left empty. */
    public void takeOver(FdTable old) {
        synchronized (old) {
            synchronized (this) {
                guestToHost.clear();
                guestToHost.putAll(old.guestToHost);
                old.guestToHost.clear();
            }
        }
    }

    /** The process has ended: every fd it still holds is closed (a pipe's reader then sees EOF). */
    public synchronized void closeAll() {
        for (Integer fd : new java.util.ArrayList<>(guestToHost.keySet())) {
            close(fd);
        }
    }
}
