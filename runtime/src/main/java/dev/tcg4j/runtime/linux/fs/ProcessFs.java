package dev.tcg4j.runtime.linux.fs;

import dev.tcg4j.runtime.linux.host.HostCalls;
import dev.tcg4j.runtime.linux.host.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The working directory and umask of one guest process (the kernel's fs_struct). Every guest
 * process lives in this JVM, whose own cwd and umask the host keeps once for all its threads; so
 * each vCPU thread leaves that shared state (unshare(CLONE_FS), Linux's per-thread cwd) and takes
 * its process's: from then on the host kernel resolves AT_FDCWD, relative paths and creation modes
 * for it exactly as for a process of its own, in every system call that passes to the host.
 *
 * <p>The process's cwd is held as a host O_PATH descriptor, so that a directory renamed or moved
 * stays the cwd as it does in Linux. A chdir, fchdir or umask in one thread is made on that thread
 * and published with a new generation; the process's other threads take it before their next
 * system call ({@link #enter}), which is when their guest would notice.
 */
public final class ProcessFs {
    private static final int CLONE_FS = 0x200;
    private static final int O_DIRECTORY = 0x10000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_PATH = 0x200000;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int NONE = -1;

    private final Libc libc;
    /** Host O_PATH fd of the cwd; NONE until the run's first process takes the JVM's. Guarded by this. */
    private int cwd = NONE;
    /** Guarded by this; NONE until the run's first process takes the JVM's. */
    private int umask = NONE;
    private volatile int generation;

    public ProcessFs(Libc libc) {
        this.libc = libc;
    }

    /**
     * Makes the calling thread, which runs {@code thread}, work in this process's cwd and umask,
     * when it does not yet: once when the thread starts, again after another thread changed them.
     */
    public void enter(Seen thread) {
        if (thread.generation != generation) {
            adopt(thread);
        }
    }

    private synchronized void adopt(Seen thread) {
        if (!thread.unshared) {
            if (cwd == NONE) {
                cwd = openCwd(); // the run's first process: the JVM's cwd, before this thread leaves it
            }
            if (HostCalls.callInt("unshare", CLONE_FS) < 0) {
                thread.generation = generation; // a host refusing it: the JVM's state stays shared
                return;
            }
            thread.unshared = true;
        }
        if (umask == NONE) {
            umask = libc.umask(0); // private to this thread now: reading it by setting it races nobody
        }
        libc.umask(umask);
        if (cwd != NONE) {
            libc.fchdir(cwd);
        }
        thread.generation = generation;
    }

    /** chdir: the calling thread's cwd moves to {@code path}, and the process's with it. */
    public synchronized long chdir(MemorySegment path, Seen thread) {
        long r = libc.chdir(path);
        return r < 0 ? r : moved(thread);
    }

    /** fchdir to host fd {@code dir}. */
    public synchronized long fchdir(int dir, Seen thread) {
        long r = libc.fchdir(dir);
        return r < 0 ? r : moved(thread);
    }

    private long moved(Seen thread) {
        int now = openCwd();
        if (now >= 0) {
            if (cwd != NONE) {
                libc.close(cwd);
            }
            cwd = now;
        }
        publish(thread);
        return 0;
    }

    /** umask: sets the process's mask; returns the one before. */
    public synchronized int umask(int mask, Seen thread) {
        int old = libc.umask(mask & 0777);
        umask = mask & 0777;
        publish(thread);
        return old;
    }

    private void publish(Seen thread) {
        generation++;
        thread.generation = generation;
    }

    private int openCwd() {
        try (Arena arena = Arena.ofConfined()) {
            long fd = libc.openat(Libc.AT_FDCWD, arena.allocateFrom("."), O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
            return fd < 0 ? NONE : (int) fd;
        }
    }

    /** fork: the new process starts in its parent's cwd with its parent's umask. */
    public void copyFrom(ProcessFs parent) {
        int dir;
        int mask;
        synchronized (parent) {
            dir = parent.cwd == NONE ? NONE : (int) libc.fcntl(parent.cwd, F_DUPFD_CLOEXEC, 3);
            mask = parent.umask;
        }
        synchronized (this) {
            cwd = dir < 0 ? NONE : dir;
            umask = mask;
            generation++;
        }
    }

    /** execve: the new image goes on in the cwd and with the umask of the one it replaces. */
    public void takeOver(ProcessFs old) {
        int dir;
        int mask;
        synchronized (old) {
            dir = old.cwd;
            mask = old.umask;
            old.cwd = NONE;
        }
        synchronized (this) {
            cwd = dir;
            umask = mask;
            generation++;
        }
    }

    /** The host fd that holds the process's cwd, -1 before the process has one. */
    public synchronized int hostCwd() {
        return cwd;
    }

    /** The process has ended. */
    public synchronized void close() {
        if (cwd != NONE) {
            libc.close(cwd);
            cwd = NONE;
        }
    }

    /** What one host thread has taken of its process's state; touched by that thread only. */
    public static final class Seen {
        private boolean unshared;
        private int generation = -1;
    }
}
