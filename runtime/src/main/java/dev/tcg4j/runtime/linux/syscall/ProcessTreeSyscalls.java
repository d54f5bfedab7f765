package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.CloneRequest.CLONE_VFORK;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.process.GuestProcess;
import dev.tcg4j.runtime.linux.process.ProcessTable;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.SignalNames;
import dev.tcg4j.runtime.linux.signal.Signals;
import java.util.ArrayList;
import java.util.List;

/**
 * Processes and their relatives: fork (clone without CLONE_THREAD, vfork), execve, wait4 and waitid,
 * kill between processes, process groups and sessions, getppid. The processes live in the run's
 * {@link ProcessTable}; making one or a new image is the table's launcher's work.
 */
final class ProcessTreeSyscalls {
    private static final int WNOHANG = 1;
    private static final int WUNTRACED = 2;
    private static final int WEXITED = 4;
    private static final int WCONTINUED = 8;
    private static final int WNOWAIT = 0x01000000;
    private static final int WAIT_KERNEL_FLAGS = 0x20000000 | 0x40000000 | 0x80000000; // __WNOTHREAD, __WALL, __WCLONE
    private static final int CLD_EXITED = 1;
    private static final int CLD_KILLED = 2;
    private static final int CLD_STOPPED = 5;
    private static final int CLD_CONTINUED = 6;
    private static final int P_ALL = 0;
    private static final int P_PID = 1;
    private static final int P_PGID = 2;
    private static final int SIGINFO_SIZE = 128;
    private static final int AT_FDCWD = -100;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int ARG_MAX_STRINGS = 0x7fffffff / 8;

    private final ProcessContext ctx;
    private final GuestMemory memory;
    private final ProcessTable table;
    private final int uid;

    ProcessTreeSyscalls(ProcessContext ctx) {
        this.ctx = ctx;
        this.memory = ctx.memory();
        this.table = ctx.processes();
        this.uid = ctx.libc().getuid();
    }

    private LinuxProcess self() {
        GuestProcess p = table.get(ctx.pid());
        return p == null ? null : p.image();
    }

    /** clone or clone3 without CLONE_THREAD: a new process (fork, vfork, posix_spawn's clone). */
    long fork(CpuState cpu, GuestThread self, CloneRequest request) {
        if (request.error() != 0) {
            return request.error();
        }
        ProcessTable.Launcher launcher = table.launcher();
        LinuxProcess me = self();
        if (launcher == null || me == null) {
            return -Errno.ENOSYS;
        }
        long flags = request.flags();
        long pid = launcher.fork(me, cpu, self, new ProcessTable.CloneArgs(flags, request.stackTop(),
                request.parentTid(), request.tls(), request.childTid()));
        if (pid > 0 && (flags & CLONE_VFORK) != 0) {
            GuestProcess child = table.get((int) pid);
            if (child != null) {
                try {
                    child.awaitVforkRelease();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a signal: the parent goes on, as after the release
                }
            }
        }
        return pid;
    }

    long execve(CpuState cpu, GuestThread self, long path, long argv, long envp) {
        return execveat(cpu, self, AT_FDCWD, path, argv, envp, 0);
    }

    long execveat(CpuState cpu, GuestThread self, long dirfd, long pathAddr, long argvAddr, long envpAddr, long flags) {
        ProcessTable.Launcher launcher = table.launcher();
        LinuxProcess me = self();
        if (launcher == null || me == null) {
            return -Errno.ENOSYS;
        }
        String path = memory.readCString(pathAddr, 4096);
        List<String> argv = strings(argvAddr);
        List<String> envp = strings(envpAddr);
        if (path.isEmpty() && (flags & AT_EMPTY_PATH) == 0) {
            return -Errno.ENOENT;
        }
        if ((int) dirfd != AT_FDCWD && !path.startsWith("/")) {
            int host = ctx.fds().host((int) dirfd);
            if (host < 0) {
                return -Errno.EBADF;
            }
            path = "/proc/self/fd/" + host + (path.isEmpty() ? "" : "/" + path);
        }
        return launcher.execve(me, cpu, self, new ProcessTable.ExecRequest(path, argv, envp));
    }

    /** A NULL-terminated array of string pointers; a NULL array is empty, as Linux takes it. */
    private List<String> strings(long array) {
        List<String> out = new ArrayList<>();
        if (array == 0) {
            return out;
        }
        for (long p = array; out.size() < ARG_MAX_STRINGS; p += 8) {
            long s = memory.ld64(p);
            if (s == 0) {
                break;
            }
            out.add(memory.readCString(s, 128 * 1024));
        }
        return out;
    }

    long wait4(long pid, long statusAddr, long options, long rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WAIT_KERNEL_FLAGS)) != 0 || (int) pid == Integer.MIN_VALUE) {
            return -Errno.EINVAL;
        }
        if (statusAddr != 0) {
            memory.checkAccess(statusAddr, 4, GuestMemory.WRITE);
        }
        ProcessTable.Reaped r;
        try {
            r = table.await(ctx.pid(), (int) pid, (options & WNOHANG) != 0, false,
                    new ProcessTable.WaitFor(true, (options & WUNTRACED) != 0, (options & WCONTINUED) != 0));
        } catch (ProcessTable.WaitFailed e) {
            return e.result();
        }
        if (r == null) {
            return 0;
        }
        if (statusAddr != 0) {
            memory.st32(statusAddr, r.status());
        }
        if (rusage != 0) {
            memory.write(rusage, new byte[CpuTimeLayouts.RUSAGE_SIZE]);
            CpuTimeLayouts.writeRusageTimes(memory, rusage, r.times());
        }
        return r.pid();
    }

    long waitid(long idtype, long id, long infop, long options, long rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | WAIT_KERNEL_FLAGS)) != 0
                || (options & (WEXITED | WUNTRACED | WCONTINUED)) == 0) {
            return -Errno.EINVAL;
        }
        int selector;
        switch ((int) idtype) {
            case P_ALL -> selector = -1;
            case P_PID -> {
                if ((int) id <= 0) {
                    return -Errno.EINVAL;
                }
                selector = (int) id;
            }
            case P_PGID -> {
                if ((int) id < 0) {
                    return -Errno.EINVAL;
                }
                selector = (int) id == 0 ? 0 : -(int) id;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
        if (infop != 0) {
            memory.checkAccess(infop, SIGINFO_SIZE, GuestMemory.WRITE);
        }
        ProcessTable.Reaped r;
        try {
            r = table.await(ctx.pid(), selector, (options & WNOHANG) != 0, (options & WNOWAIT) != 0,
                    new ProcessTable.WaitFor((options & WEXITED) != 0, (options & WUNTRACED) != 0,
                            (options & WCONTINUED) != 0));
        } catch (ProcessTable.WaitFailed e) {
            return e.result();
        }
        if (infop != 0) {
            memory.write(infop, new byte[SIGINFO_SIZE]);
            if (r != null) {
                int status = r.status();
                int code;
                int value;
                if (status == GuestProcess.CONTINUED) {
                    code = CLD_CONTINUED;
                    value = SignalNames.SIGCONT;
                } else if ((status & 0xff) == 0x7f) {
                    code = CLD_STOPPED;
                    value = (status >> 8) & 0xff;
                } else if ((status & 0x7f) != 0) {
                    code = CLD_KILLED;
                    value = status & 0x7f;
                } else {
                    code = CLD_EXITED;
                    value = (status >> 8) & 0xff;
                }
                memory.st32(infop, SignalNames.SIGCHLD);
                memory.st32(infop + 8, code);
                memory.st32(infop + 16, r.pid());
                memory.st32(infop + 20, uid);
                memory.st32(infop + 24, value);
            }
        }
        if (rusage != 0) {
            memory.write(rusage, new byte[CpuTimeLayouts.RUSAGE_SIZE]);
            if (r != null) {
                CpuTimeLayouts.writeRusageTimes(memory, rusage, r.times());
            }
        }
        return 0;
    }

    /** kill to another process, a group, or every process; the process itself keeps its own path. */
    long kill(long pidArg, long sigArg) {
        int pid = (int) pidArg;
        int sig = (int) sigArg;
        if (sig != 0 && !Signals.valid(sig)) {
            return -Errno.EINVAL;
        }
        if (pid == Integer.MIN_VALUE) {
            return -Errno.ESRCH;
        }
        List<LinuxProcess> targets = table.killTargets(ctx.pid(), pid);
        if (targets.isEmpty()) {
            if (pid > 0 && table.knows(pid)) {
                return 0; // a zombie: the signal is lost, the call succeeds
            }
            if (pid > 0) {
                return ctx.libc().kill(pid, sig); // a host process (the emulator's parent, say), as qemu does
            }
            return -Errno.ESRCH;
        }
        if (sig != 0) {
            for (LinuxProcess target : targets) {
                target.signals().post(SigInfo.sent(sig, SigInfo.SI_USER, ctx.pid(), uid));
            }
        }
        return 0;
    }

    long getppid() {
        int ppid = table.ppid(ctx.pid());
        return ppid < 0 ? ctx.libc().getppid() : ppid;
    }

    long getpgid(long pid) {
        int target = (int) pid == 0 ? ctx.pid() : (int) pid;
        return table.pgid(target);
    }

    long getsid(long pid) {
        int target = (int) pid == 0 ? ctx.pid() : (int) pid;
        return table.sid(target);
    }

    long setpgid(long pid, long pgid) {
        return table.setpgid(ctx.pid(), (int) pid, (int) pgid);
    }

    long setsid() {
        return table.setsid(ctx.pid());
    }
}
