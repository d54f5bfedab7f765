package dev.tcg4j.runtime.linux.process;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.runtime.linux.CpuTimes;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.SignalNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest processes of one run, all inside this JVM: who is whose parent, process groups and
 * sessions, zombies and their wait statuses. The first process (the program the emulator was started
 * with) keeps the host's pid and parent and plays init: orphans are reparented to it. One monitor
 * guards the whole table; waits sleep on it and every exit wakes them.
 */
public final class ProcessTable {
    /** siginfo's si_code for SIGCHLD. */
    static final int CLD_EXITED = 1;
    static final int CLD_KILLED = 2;
    static final int CLD_STOPPED = 5;
    static final int CLD_CONTINUED = 6;
    private static final long SA_NOCLDSTOP = 1;

    /** Makes new processes and new images; the wiring provides it, since it builds their components. */
    public interface Launcher {
        /**
         * fork, vfork or clone without CLONE_VM: a copy of {@code parent} with a new pid, its first
         * thread continuing from {@code cpu}'s registers; returns the child's pid or -errno.
         */
        long fork(LinuxProcess parent, CpuState cpu, GuestThread self, CloneArgs args);

        /**
         * execve: loads {@code request}'s program as {@code process}'s new image; on success does not
         * return (the calling thread leaves its CPU loop); returns -errno when the program cannot run.
         */
        long execve(LinuxProcess process, CpuState cpu, GuestThread self, ExecRequest request);
    }

    /** What clone asked for, as fork needs it. */
    public record CloneArgs(long flags, long newsp, long parentTid, long tls, long childTid) {}

    /** An execve: the program's path as the guest gave it, its arguments and environment. */
    public record ExecRequest(String path, List<String> argv, List<String> envp) {}

    /**
     * A reaped (or, with WNOWAIT, seen) child, with the CPU it and its own reaped children have
     * used (wait4's rusage).
     */
    public record Reaped(int pid, int status, int uid, CpuTimes times) {}

    private final Map<Integer, GuestProcess> byPid = new HashMap<>();
    private volatile Launcher launcher;
    private final Map<Integer, ProcessCpu> unlistedCpu = new HashMap<>();
    private int initPid = -1;

    public void setLauncher(Launcher launcher) {
        this.launcher = launcher;
    }

    /** The process maker, or null where none was wired (unit tests): then fork is -ENOSYS. */
    public Launcher launcher() {
        return launcher;
    }

    /** Registers the run's first process, with the host's ids; it becomes the reaper of orphans. */
    public synchronized GuestProcess addInit(int pid, int ppid, int pgid, int sid) {
        GuestProcess p = new GuestProcess(pid, ppid, pgid, sid, SignalNames.SIGCHLD);
        byPid.put(pid, p);
        initPid = pid;
        return p;
    }

    /** Registers a child of {@code parentPid}, in its parent's group and session. */
    public synchronized GuestProcess addChild(int pid, int parentPid, int exitSignal) {
        GuestProcess parent = byPid.get(parentPid);
        GuestProcess p = new GuestProcess(pid, parentPid, parent == null ? pid : parent.pgid,
                parent == null ? pid : parent.sid, exitSignal);
        byPid.put(pid, p);
        return p;
    }

    /**
     * POSIX's orphaned process group: none of its members has a parent in another group of the same
     * session, which is what keeps a job under a shell's control. The first process's parent, outside
     * the run, counts as such a parent; an orphan's adoptive parent does not, since under Linux it
     * would be init, in a session of its own. Asked of the group of {@code pid}.
     */
    public synchronized boolean inOrphanedGroup(int pid) {
        GuestProcess p = byPid.get(pid);
        return p != null && orphaned(p.pgid);
    }

    private boolean orphaned(int pgid) {
        for (GuestProcess q : byPid.values()) {
            if (q.pgid != pgid || q.zombie || q.reparented) {
                continue;
            }
            GuestProcess parent = byPid.get(q.ppid);
            if (parent == null || parent.pgid != pgid && parent.sid == q.sid) {
                return false;
            }
        }
        return true;
    }

    private boolean hasStoppedMember(int pgid) {
        for (GuestProcess q : byPid.values()) {
            if (q.pgid == pgid && q.stopped && !q.zombie) {
                return true;
            }
        }
        return false;
    }

    public synchronized GuestProcess get(int pid) {
        return byPid.get(pid);
    }

    /** Makes {@code image} the one {@code pid} runs (its first, or the one execve loaded). */
    public void install(int pid, LinuxProcess image) {
        GuestProcess p = get(pid);
        if (p != null) {
            p.image = image;
        }
    }

    /** A vfork child has exec'd: its parent may go on. */
    public void execed(int pid) {
        GuestProcess p = get(pid);
        if (p != null) {
            p.releaseVfork();
        }
    }

    /**
     * {@code pid} has ended with {@code waitStatus}: it becomes a zombie (or goes at once when its
     * parent ignores SIGCHLD), its children go to init, and its parent gets its exit signal.
     */
    public void exited(int pid, int waitStatus, int uid) {
        GuestProcess p;
        LinuxProcess parentImage;
        synchronized (this) {
            p = byPid.get(pid);
            if (p == null) {
                return;
            }
            GuestProcess parent = byPid.get(p.ppid);
            parentImage = parent == null ? null : parent.image;
            p.exiting = true;
        }
        CpuTimes used = p.cpu.freeze();
        // as do_notify_parent: the signal is queued before a wait can find the zombie, so that a
        // parent's wait returns with its handler already run; a wait meanwhile waits for the zombie
        // (exiting), since under Linux the zombie is there before the signal
        if (parentImage != null && p.exitSignal != 0) {
            boolean killed = (waitStatus & 0x7f) != 0;
            parentImage.signals().post(SigInfo.child(p.exitSignal, killed ? CLD_KILLED : CLD_EXITED, pid, uid,
                    killed ? waitStatus & 0x7f : waitStatus >> 8 & 0xff, used));
        }
        List<LinuxProcess> hungUp;
        synchronized (this) {
            List<Integer> guarded = groupsGuardedBy(p);
            p.zombie = true;
            p.waitStatus = waitStatus;
            p.image = null;
            for (GuestProcess q : byPid.values()) {
                if (q.ppid == pid && q != p) {
                    q.ppid = initPid;
                    q.reparented = true;
                }
            }
            hungUp = newlyOrphanedWithStops(guarded);
            GuestProcess parent = byPid.get(p.ppid);
            LinuxProcess image = parent == null ? null : parent.image;
            if (parent == null || image != null && image.signals().action(SignalNames.SIGCHLD).isIgnore()) {
                byPid.remove(pid); // nobody to wait for it (POSIX: SIGCHLD ignored means no zombies)
            }
            notifyAll();
        }
        // as kill_orphaned_pgrp: stopped members of a group that just lost its last outside parent
        // would never be continued, so they are hung up and continued
        for (SigInfo info : List.of(SigInfo.sent(SignalNames.SIGHUP, SigInfo.SI_KERNEL, 0, 0),
                SigInfo.sent(SignalNames.SIGCONT, SigInfo.SI_KERNEL, 0, 0))) {
            for (LinuxProcess member : hungUp) {
                member.signals().post(info);
            }
        }
        p.releaseVfork();
    }

    /**
     * The groups {@code p} keeps from being orphaned as exit_notify sees them: its own, when its
     * parent is in another group of the session, and those of its children in other groups of it.
     */
    private List<Integer> groupsGuardedBy(GuestProcess p) {
        List<Integer> groups = new ArrayList<>();
        GuestProcess parent = byPid.get(p.ppid);
        if (parent != null && parent.pgid != p.pgid && parent.sid == p.sid) {
            groups.add(p.pgid);
        }
        for (GuestProcess q : byPid.values()) {
            if (q.ppid == p.pid() && q != p && q.pgid != p.pgid && q.sid == p.sid && !groups.contains(q.pgid)) {
                groups.add(q.pgid);
            }
        }
        return groups;
    }

    private List<LinuxProcess> newlyOrphanedWithStops(List<Integer> groups) {
        List<LinuxProcess> members = new ArrayList<>();
        for (int pgid : groups) {
            if (orphaned(pgid) && hasStoppedMember(pgid)) {
                for (GuestProcess q : byPid.values()) {
                    LinuxProcess image = q.image;
                    if (q.pgid == pgid && !q.zombie && image != null) {
                        members.add(image);
                    }
                }
            }
        }
        return members;
    }

    /** {@code pid} has stopped by {@code sig}: a WUNTRACED wait reports it, the parent gets SIGCHLD. */
    public void stopped(int pid, int sig, int uid) {
        jobChanged(pid, GuestProcess.stoppedBy(sig), CLD_STOPPED, uid);
    }

    /** {@code pid} has been continued: a WCONTINUED wait reports it, the parent gets SIGCHLD. */
    public void continued(int pid, int uid) {
        jobChanged(pid, GuestProcess.CONTINUED, CLD_CONTINUED, uid);
    }

    private void jobChanged(int pid, int status, int code, int uid) {
        LinuxProcess parentImage;
        ProcessCpu cpu;
        synchronized (this) {
            GuestProcess p = byPid.get(pid);
            if (p == null || p.zombie) {
                return;
            }
            cpu = p.cpu;
            p.stopped = code == CLD_STOPPED;
            p.stopStatus = code == CLD_STOPPED ? status : 0;
            p.continuedUnreported = code == CLD_CONTINUED;
            GuestProcess parent = byPid.get(p.ppid);
            parentImage = parent == null ? null : parent.image;
            notifyAll();
        }
        // as do_notify_parent_cldstop: SIGCHLD whatever the exit signal, unless SA_NOCLDSTOP
        if (parentImage != null && (parentImage.signals().action(SignalNames.SIGCHLD).flags() & SA_NOCLDSTOP) == 0) {
            parentImage.signals().post(SigInfo.child(SignalNames.SIGCHLD, code, pid, uid,
                    code == CLD_STOPPED ? status >> 8 & 0xff : SignalNames.SIGCONT, cpu.now()));
        }
    }

    /** What a wait asks to hear of besides exits: stops (WUNTRACED), continues (WCONTINUED). */
    public record WaitFor(boolean exits, boolean stops, boolean continues) {
        public static final WaitFor EXITS = new WaitFor(true, false, false);
    }

    /**
     * wait4/waitid: a child of {@code self} that {@code selector} names (a pid; 0 for self's group;
     * -1 for any; -pgid for that group) and has exited. Blocks unless {@code noHang}; a child is
     * removed unless {@code noReap}. Returns null when {@code noHang} and none has exited yet.
     *
     * @throws WaitFailed with -ECHILD when no child matches, -EINTR when a signal interrupted the wait
     */
    public synchronized Reaped await(int self, int selector, boolean noHang, boolean noReap) throws WaitFailed {
        return await(self, selector, noHang, noReap, WaitFor.EXITS);
    }

    /** {@link #await} hearing of what {@code events} asks for; a stop or continue is reported once. */
    public synchronized Reaped await(int self, int selector, boolean noHang, boolean noReap, WaitFor events)
            throws WaitFailed {
        GuestProcess me = byPid.get(self);
        int ownGroup = me == null ? self : me.pgid;
        boolean interrupted = false;
        while (true) {
            boolean any = false;
            boolean zombieComing = false;
            for (GuestProcess c : byPid.values()) {
                if (c.ppid != self || c.pid() == self || !matches(c, selector, ownGroup)) {
                    continue;
                }
                any = true;
                zombieComing |= c.exiting && !c.zombie && events.exits();
                Reaped change = jobChange(c, events, noReap);
                if (change != null) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return change;
                }
                if (c.zombie && events.exits()) {
                    CpuTimes times = c.cpu.freeze().plus(c.reapedChildren);
                    if (!noReap) {
                        byPid.remove(c.pid());
                        if (me != null) {
                            me.reapedChildren = me.reapedChildren.plus(times); // as wait_task_zombie's cutime
                        }
                    }
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return new Reaped(c.pid(), c.waitStatus, 0, times);
                }
            }
            if (!any) {
                throw new WaitFailed(-Errno.ECHILD);
            }
            if (zombieComing) {
                // its exit signal may be what interrupted us, or what a WNOHANG handler answers
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                continue;
            }
            if (noHang || interrupted) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                    throw new WaitFailed(-Errno.EINTR);
                }
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // one more look: a child that exited with the signal is reported
            }
        }
    }

    private static Reaped jobChange(GuestProcess c, WaitFor events, boolean noReap) {
        if (c.zombie) {
            return null;
        }
        if (events.stops() && c.stopStatus != 0) {
            Reaped r = new Reaped(c.pid(), c.stopStatus, 0, c.cpu.now().plus(c.reapedChildren));
            if (!noReap) {
                c.stopStatus = 0;
            }
            return r;
        }
        if (events.continues() && c.continuedUnreported) {
            if (!noReap) {
                c.continuedUnreported = false;
            }
            return new Reaped(c.pid(), GuestProcess.CONTINUED, 0, c.cpu.now().plus(c.reapedChildren));
        }
        return null;
    }

    private static boolean matches(GuestProcess c, int selector, int ownGroup) {
        if (selector > 0) {
            return c.pid() == selector;
        }
        if (selector == 0) {
            return c.pgid == ownGroup;
        }
        if (selector == -1) {
            return true;
        }
        return c.pgid == -selector;
    }

    /** Why a wait returned nothing: -ECHILD or -EINTR. */
    public static final class WaitFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final int errno;

        WaitFailed(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }

        public int result() {
            return errno;
        }
    }

    /**
     * The live images kill's {@code pid} names, seen from {@code self}: one process, self's group
     * (0), a group (-pgid), or every process but self (-1). Empty when none is an emulated process.
     */
    public synchronized List<LinuxProcess> killTargets(int self, int pid) {
        List<LinuxProcess> out = new ArrayList<>();
        GuestProcess me = byPid.get(self);
        int group = pid == 0 ? (me == null ? self : me.pgid) : -pid;
        for (GuestProcess p : byPid.values()) {
            boolean named = pid > 0 ? p.pid() == pid : pid == -1 ? p.pid() != self : p.pgid == group;
            if (named && !p.zombie && p.image != null) {
                out.add(p.image);
            }
        }
        return out;
    }

    /** The live images of process group {@code pgid}: where a terminal's signal goes. */
    public synchronized List<LinuxProcess> group(int pgid) {
        List<LinuxProcess> out = new ArrayList<>();
        for (GuestProcess p : byPid.values()) {
            if (p.pgid == pgid && !p.zombie && p.image != null) {
                out.add(p.image);
            }
        }
        return out;
    }

    /**
     * Waits until every process of the run has ended (zombies count as ended): the emulator stays
     * while the first process's background children live on, as they would without it.
     */
    public synchronized void awaitEveryEnd() throws InterruptedException {
        while (byPid.values().stream().anyMatch(p -> !p.zombie)) {
            wait();
        }
    }

    /** Whether {@code pid} is a process of this run, a zombie included (kill of a zombie succeeds). */
    public synchronized boolean knows(int pid) {
        return byPid.containsKey(pid);
    }

    public synchronized boolean anyInGroup(int pgid) {
        for (GuestProcess p : byPid.values()) {
            if (p.pgid == pgid) {
                return true;
            }
        }
        return false;
    }

    /**
     * The CPU account of {@code pid}; a process the table does not list (a bare {@code LinuxProcess}
     * of a unit test or an embedding) gets one of its own all the same.
     */
    public synchronized ProcessCpu cpu(int pid) {
        GuestProcess p = byPid.get(pid);
        return p != null ? p.cpu : unlistedCpu.computeIfAbsent(pid, k -> new ProcessCpu());
    }

    /** What the reaped children of {@code pid} (and their reaped children) have used. */
    public synchronized CpuTimes reapedChildrenCpu(int pid) {
        GuestProcess p = byPid.get(pid);
        return p == null ? CpuTimes.ZERO : p.reapedChildren;
    }

    public synchronized int ppid(int pid) {
        GuestProcess p = byPid.get(pid);
        return p == null ? -Errno.ESRCH : p.ppid;
    }

    public synchronized int pgid(int pid) {
        GuestProcess p = byPid.get(pid);
        return p == null ? -Errno.ESRCH : p.pgid;
    }

    public synchronized int sid(int pid) {
        GuestProcess p = byPid.get(pid);
        return p == null ? -Errno.ESRCH : p.sid;
    }

    /** setpgid as the kernel checks it: self or a child of self, into a group of self's session. */
    public synchronized int setpgid(int self, int pid, int pgid) {
        if (pgid < 0) {
            return -Errno.EINVAL;
        }
        int target = pid == 0 ? self : pid;
        GuestProcess p = byPid.get(target);
        GuestProcess me = byPid.get(self);
        if (p == null || me == null || (target != self && p.ppid != self)) {
            return -Errno.ESRCH;
        }
        if (p.sid == p.pid() || p.sid != me.sid) {
            return -Errno.EPERM; // a session leader, or a child in another session
        }
        int group = pgid == 0 ? target : pgid;
        if (group != target) {
            boolean exists = false;
            for (GuestProcess q : byPid.values()) {
                if (q.pgid == group && q.sid == me.sid) {
                    exists = true;
                    break;
                }
            }
            if (!exists) {
                return -Errno.EPERM;
            }
        }
        p.pgid = group;
        return 0;
    }

    /** setsid: a new session and group led by self, unless self leads a group already. */
    public synchronized int setsid(int self) {
        GuestProcess me = byPid.get(self);
        if (me == null) {
            return -Errno.EPERM;
        }
        for (GuestProcess q : byPid.values()) {
            if (q.pgid == self) {
                return -Errno.EPERM;
            }
        }
        me.pgid = self;
        me.sid = self;
        return self;
    }
}
