package dev.tcg4j.runtime.linux.process;

import dev.tcg4j.runtime.linux.CpuTimes;
import dev.tcg4j.runtime.linux.LinuxProcess;
import java.util.concurrent.CountDownLatch;

/**
 * One guest process as its relatives see it: its ids, its parent, the image it runs now (execve
 * replaces it, the pid stays), and once it has exited, its wait status until a wait reaps it. The
 * fields are guarded by the {@link ProcessTable}.
 */
public final class GuestProcess {
    private final int pid;
    int ppid;
    int pgid;
    int sid;
    /** The signal the parent gets when this process ends (clone's low byte); 0 for none. */
    final int exitSignal;
    volatile LinuxProcess image;
    /** Adopted by the run's first process when its parent ended (init's part under Linux). */
    boolean reparented;
    /** Its exit is under way: its exit signal may be out, it is about to be a zombie. */
    boolean exiting;
    boolean zombie;
    /** wait4's status word: (code << 8) for an exit, the signal number for a death by signal. */
    int waitStatus;
    /** Stopped by a stop signal and not continued since. */
    boolean stopped;
    /** A stop not yet reported to a WUNTRACED wait: its status word, 0 for none. */
    int stopStatus;
    /** A continue not yet reported to a WCONTINUED wait. */
    boolean continuedUnreported;
    /** The CPU its vCPU threads use; kept across execve. */
    final ProcessCpu cpu = new ProcessCpu();
    /** The CPU of the children it has reaped, and of theirs (getrusage's RUSAGE_CHILDREN). */
    CpuTimes reapedChildren = CpuTimes.ZERO;
    /** Released when a vfork child execs or exits, which lets its parent go on. */
    private final CountDownLatch vforkRelease = new CountDownLatch(1);

    GuestProcess(int pid, int ppid, int pgid, int sid, int exitSignal) {
        this.pid = pid;
        this.ppid = ppid;
        this.pgid = pgid;
        this.sid = sid;
        this.exitSignal = exitSignal;
    }

    public int pid() {
        return pid;
    }

    /** The image running now; null until the first one is installed. */
    public LinuxProcess image() {
        return image;
    }

    /** A vfork parent waits on this until the child has exec'd or exited. */
    public void awaitVforkRelease() throws InterruptedException {
        vforkRelease.await();
    }

    void releaseVfork() {
        vforkRelease.countDown();
    }

    /** The wait status of an exit with {@code code}. */
    public static int exited(int code) {
        return (code & 0xff) << 8;
    }

    /** The wait status of a stop by {@code signal} (WIFSTOPPED). */
    public static int stoppedBy(int signal) {
        return (signal & 0xff) << 8 | 0x7f;
    }

    /** The wait status of a continue (WIFCONTINUED). */
    public static final int CONTINUED = 0xffff;

    /** The wait status of a death by {@code signal} (no core bit: as qemu, no core file is written). */
    public static int killed(int signal) {
        return signal & 0x7f;
    }
}
