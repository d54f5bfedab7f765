package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestExit;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.ThreadExit;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.signal.HostSignals;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Performs guest system calls: reads the number and arguments from the registers the architecture
 * names, runs the call, writes the result (or -errno) back and moves the pc past the instruction.
 * Logs each call qemu-style on {@code tcg4j.strace}, and each unknown number once on
 * {@code tcg4j.unimp}.
 */
public final class SyscallDispatcher {
    private static final Logger STRACE = LoggerFactory.getLogger("tcg4j.strace");
    /**
     * Marks a strace message the result of the call will finish: as qemu does, the call is printed
     * before it runs, so what the guest writes to stderr meanwhile lands inside the line. The CLI's
     * log encoder ends such a message without a new line; another SLF4J binding prints two lines.
     */
    public static final Marker UNFINISHED_LINE = MarkerFactory.getMarker("tcg4j.unfinished-line");
    private static final Logger UNIMP = LoggerFactory.getLogger("tcg4j.unimp");
    /** Result of a call that has set all registers itself (rt_sigreturn). */
    private static final long REGISTERS_SET = Long.MIN_VALUE;

    private final ProcessContext ctx;
    private final SyscallTable table;
    private final int pcSlot;
    private final int nrSlot;
    private final int[] argSlots;
    private final int retSlot;
    private final int spSlot;
    private final int insnSize;
    private final FileSyscalls files;
    private final MemorySyscalls mem;
    private final ProcessSyscalls proc;
    private final SignalSyscalls sig;
    private final HwprobeSyscall hwprobe;
    private final ThreadSyscalls threads;
    private final EventSyscalls events;
    private final SocketSyscalls sockets;
    private final TimerSyscalls timers;
    private final FileSpaceSyscalls fileSpace;
    private final MiscSyscalls misc;
    private final ProcessTreeSyscalls tree;
    private final Set<Long> reportedUnknown = ConcurrentHashMap.newKeySet();

    public SyscallDispatcher(ProcessContext ctx, GuestArch arch) {
        this.ctx = ctx;
        this.table = ctx.abi().syscalls();
        this.pcSlot = arch.pcSlot();
        this.nrSlot = arch.syscallNumberSlot();
        this.argSlots = arch.syscallArgSlots();
        this.retSlot = arch.syscallReturnSlot();
        this.spSlot = arch.stackPointerSlot();
        this.insnSize = arch.syscallInsnSize();
        ProcLinks links = new ProcLinks(ctx);
        GuestBuffers buf = new GuestBuffers(ctx.memory(), links);
        this.files = new FileSyscalls(ctx, buf, links);
        this.mem = new MemorySyscalls(ctx);
        this.proc = new ProcessSyscalls(ctx, buf);
        this.sig = new SignalSyscalls(ctx);
        this.threads = new ThreadSyscalls(ctx, retSlot, spSlot);
        this.events = new EventSyscalls(ctx, buf, files);
        this.sockets = new SocketSyscalls(ctx, buf);
        this.timers = new TimerSyscalls(ctx);
        this.fileSpace = new FileSpaceSyscalls(ctx, buf);
        this.misc = new MiscSyscalls(ctx, proc);
        this.tree = new ProcessTreeSyscalls(ctx);
        this.hwprobe = new HwprobeSyscall(ctx.memory(), ctx.abi().hwprobe(), ProcessSyscalls.onlineCpus());
    }

    /**
     * Performs the system call whose instruction is at the pc of {@code self}'s vCPU, then pending
     * signals are due.
     */
    public void perform(CpuState cpu, GuestThread self) {
        HostSignals.blockPipeOnThisThread(ctx.libc());
        long[] r = cpu.regs;
        long nr = r[nrSlot];
        long a0 = r[argSlots[0]];
        long a1 = r[argSlots[1]];
        long a2 = r[argSlots[2]];
        long a3 = r[argSlots[3]];
        long a4 = r[argSlots[4]];
        long a5 = r[argSlots[5]];
        r[pcSlot] += insnSize;
        Syscall call = table.of(nr);
        long[] args = STRACE.isDebugEnabled() ? new long[] {a0, a1, a2, a3, a4, a5} : null;
        String line = args == null ? null : StraceFormat.call(ctx.pid(), nr, call, ctx.memory(), args);
        if (line != null) {
            if (StraceFormat.printsResult(nr, call) && !exits(call)) {
                STRACE.debug(UNFINISHED_LINE, line);
            } else {
                STRACE.debug(line);
            }
        }
        long result;
        try {
            result = call == null ? unknown(nr) : run(cpu, self, call, a0, a1, a2, a3, a4, a5);
        } catch (GuestTrap badPointer) {
            result = -Errno.EFAULT;
        }
        long traced = result;
        if (result == -Errno.ERESTARTSYS) {
            // interrupted by a signal: started again after its handler if SA_RESTART says so
            if (ctx.signals().restartsAfterInterrupt(self.signals())) {
                r[pcSlot] -= insnSize;
                result = a0;
            } else {
                result = -Errno.EINTR;
                traced = result; // qemu's strace shows the EINTR; a restarted call, its ERESTARTSYS
            }
        }
        if (result != REGISTERS_SET) {
            r[retSlot] = result;
        }
        // a call cut short by another thread's exit_group never returns, and qemu's line stays open
        if (line != null && StraceFormat.printsResult(nr, call) && !exits(call) && !ctx.threads().ended()) {
            STRACE.debug(StraceFormat.result(call, traced, ctx.memory(), args));
        }
    }

    /** exit and exit_group: qemu's format ends their line, as they never return. */
    private static boolean exits(Syscall call) {
        return call == Syscall.EXIT || call == Syscall.EXIT_GROUP;
    }

    /** The kernel's work when {@code t} exits: its robust futex list and its clear_child_tid word. */
    public void releaseThread(GuestThread t) {
        threads.release(t);
    }

    private long unknown(long nr) {
        if (reportedUnknown.add(nr)) {
            UNIMP.debug("Unsupported syscall: {}", nr);
        }
        return -Errno.ENOSYS;
    }

    private long clone(CpuState cpu, GuestThread self, CloneRequest request) {
        return request.thread() ? threads.clone(cpu, self, request) : tree.fork(cpu, self, request);
    }

    private long run(CpuState cpu, GuestThread self, Syscall call, long a0, long a1, long a2, long a3, long a4, long a5) {
        return switch (call) {
            case READ -> events.read(self, a0, a1, a2);
            case WRITE -> events.write(a0, a1, a2);
            case READV -> events.readv(a0, a1, a2);
            case WRITEV -> events.writev(a0, a1, a2);
            case PREAD64 -> files.pread(a0, a1, a2, a3);
            case PWRITE64 -> files.pwrite(a0, a1, a2, a3);
            case OPENAT -> files.openat(a0, a1, a2, a3);
            case CLOSE -> events.close(a0);
            case CLOSE_RANGE -> events.closeRange(a0, a1, a2);
            case LSEEK -> files.lseek(a0, a1, a2);
            case FSTAT -> files.fstat(a0, a1);
            case NEWFSTATAT -> files.newfstatat(a0, a1, a2, a3);
            case STATX -> files.statx(a0, a1, a2, a3, a4);
            case STATFS -> files.statfs(a0, a1);
            case FSTATFS -> files.fstatfs(a0, a1);
            case GETDENTS64 -> files.getdents64(a0, a1, a2);
            case READLINKAT -> files.readlinkat(a0, a1, a2, a3);
            case FACCESSAT -> files.faccessat(a0, a1, a2, 0);
            case FACCESSAT2 -> files.faccessat(a0, a1, a2, a3);
            case UNLINKAT -> files.unlinkat(a0, a1, a2);
            case MKNODAT -> files.mknodat(a0, a1, a2, a3);
            case MKDIRAT -> files.mkdirat(a0, a1, a2);
            case RENAMEAT -> files.renameat2(a0, a1, a2, a3, 0);
            case RENAMEAT2 -> files.renameat2(a0, a1, a2, a3, a4);
            case SYMLINKAT -> files.symlinkat(a0, a1, a2);
            case LINKAT -> files.linkat(a0, a1, a2, a3, a4);
            case GETCWD -> files.getcwd(a0, a1);
            case CHDIR -> files.chdir(a0, self);
            case FCHDIR -> files.fchdir(a0, self);
            case FTRUNCATE -> files.ftruncate(a0, a1);
            case FSYNC, FDATASYNC -> files.fsync(a0);
            case FCHMOD -> files.fchmod(a0, a1);
            case FCHMODAT -> files.fchmodat(a0, a1, a2);
            case UTIMENSAT -> files.utimensat(a0, a1, a2, a3);
            case UMASK -> files.umask(a0, self);
            case DUP -> files.dup(a0);
            case DUP3 -> files.dup3(a0, a1, a2);
            case PIPE2 -> files.pipe2(a0, a1);
            case FCNTL -> files.fcntl(a0, a1, a2);
            case IOCTL -> files.ioctl(a0, a1, a2);
            case PPOLL -> events.ppoll(self, a0, a1, a2, a3, a4);
            case PSELECT6 -> events.pselect6(self, a0, a1, a2, a3, a4, a5);
            case EVENTFD2 -> events.eventfd2(a0, a1);
            case EPOLL_CREATE1 -> events.epollCreate1(a0);
            case EPOLL_CTL -> events.epollCtl(a0, a1, a2, a3);
            case EPOLL_PWAIT -> events.epollPwait(self, a0, a1, a2, EventSyscalls.millisTimeout(a3), a4, a5);
            case EPOLL_PWAIT2 -> events.epollPwait2(self, a0, a1, a2, a3, a4, a5);
            case TIMERFD_CREATE -> events.timerfdCreate(a0, a1);
            case TIMERFD_SETTIME -> events.timerfdSettime(a0, a1, a2, a3);
            case TIMERFD_GETTIME -> events.timerfdGettime(a0, a1);
            case SIGNALFD4 -> events.signalfd4(self, a0, a1, a2, a3);

            case SOCKET -> sockets.socket(a0, a1, a2);
            case SOCKETPAIR -> sockets.socketpair(a0, a1, a2, a3);
            case BIND -> sockets.bind(a0, a1, a2);
            case LISTEN -> sockets.listen(a0, a1);
            case ACCEPT -> sockets.accept4(a0, a1, a2, 0);
            case ACCEPT4 -> sockets.accept4(a0, a1, a2, a3);
            case CONNECT -> sockets.connect(a0, a1, a2);
            case GETSOCKNAME -> sockets.getsockname(a0, a1, a2);
            case GETPEERNAME -> sockets.getpeername(a0, a1, a2);
            case SENDTO -> sockets.sendto(a0, a1, a2, a3, a4, a5);
            case RECVFROM -> sockets.recvfrom(a0, a1, a2, a3, a4, a5);
            case SETSOCKOPT -> sockets.setsockopt(a0, a1, a2, a3, a4);
            case GETSOCKOPT -> sockets.getsockopt(a0, a1, a2, a3, a4);
            case SHUTDOWN -> sockets.shutdown(a0, a1);
            case SENDMSG -> sockets.sendmsg(a0, a1, a2);
            case RECVMSG -> sockets.recvmsg(a0, a1, a2);
            case SENDMMSG -> sockets.sendmmsg(a0, a1, a2, a3);
            case RECVMMSG -> sockets.recvmmsg(a0, a1, a2, a3, a4);

            case SENDFILE -> fileSpace.sendfile(a0, a1, a2, a3);
            case SPLICE -> fileSpace.splice(a0, a1, a2, a3, a4, a5);
            case COPY_FILE_RANGE -> fileSpace.copyFileRange(a0, a1, a2, a3, a4, a5);
            case TRUNCATE -> fileSpace.truncate(a0, a1);
            case FALLOCATE -> fileSpace.fallocate(a0, a1, a2, a3);
            case FLOCK -> fileSpace.flock(a0, a1);
            case FCHOWN -> fileSpace.fchown(a0, a1, a2);
            case FCHOWNAT -> fileSpace.fchownat(a0, a1, a2, a3, a4);
            case MEMFD_CREATE -> fileSpace.memfdCreate(a0, a1);

            case BRK -> mem.brk(a0);
            case MMAP -> mem.mmap(a0, a1, a2, a3, a4, a5);
            case MUNMAP -> mem.munmap(a0, a1);
            case MPROTECT -> mem.mprotect(a0, a1, a2);
            case MREMAP -> mem.mremap(a0, a1, a2, a3, a4);
            case MADVISE -> mem.madvise(a0, a1, a2);
            case MSYNC -> fileSpace.msync(a0, a1, a2);
            case RISCV_FLUSH_ICACHE -> misc.riscvFlushIcache(a0, a1, a2);
            case MEMBARRIER -> misc.membarrier(a0, a1, a2);
            case RISCV_HWPROBE -> hwprobe.hwprobe(a0, a1, a2, a3, a4);

            case EXIT -> threads.exit(a0);
            case EXIT_GROUP -> proc.exitGroup(a0);
            case CLONE -> clone(cpu, self, CloneRequest.ofClone(a0, a1, a2, a3, a4));
            case CLONE3 -> clone(cpu, self, CloneRequest.ofClone3(ctx.memory(), a0, a1));
            case EXECVE -> tree.execve(cpu, self, a0, a1, a2);
            case EXECVEAT -> tree.execveat(cpu, self, a0, a1, a2, a3, a4);
            case WAIT4 -> tree.wait4(a0, a1, a2, a3);
            case WAITID -> tree.waitid(a0, a1, a2, a3, a4);
            case SETPGID -> tree.setpgid(a0, a1);
            case GETPGID -> tree.getpgid(a0);
            case GETSID -> tree.getsid(a0);
            case SETSID -> tree.setsid();
            case SET_TID_ADDRESS -> threads.setTidAddress(self, a0);
            case SET_ROBUST_LIST -> threads.setRobustList(self, a0, a1);
            case GET_ROBUST_LIST -> threads.getRobustList(self, a0, a1, a2);
            case FUTEX -> threads.futex(a0, a1, a2, a3, a4, a5);
            case UNAME -> proc.uname(a0);
            case PRLIMIT64 -> proc.prlimit(a0, a1, a2, a3);
            case GETRLIMIT -> proc.prlimit(0, a0, 0, a1);
            case SETRLIMIT -> proc.prlimit(0, a0, a1, 0);
            case GETRANDOM -> proc.getrandom(a0, a1, a2);
            case CLOCK_GETTIME -> proc.clockGettime(a0, a1);
            case CLOCK_GETRES -> proc.clockGetres(a0, a1);
            case GETTIMEOFDAY -> proc.gettimeofday(a0, a1);
            case NANOSLEEP -> proc.nanosleep(a0, a1);
            case CLOCK_NANOSLEEP -> proc.clockNanosleep(a0, a1, a2, a3);
            case SCHED_GETAFFINITY -> proc.schedGetaffinity(a0, a1, a2);
            case SCHED_SETAFFINITY -> misc.schedSetaffinity(a0, a1, a2);
            case SCHED_YIELD -> {
                Thread.yield();
                yield 0;
            }
            case GETCPU -> proc.getcpu(a0, a1);
            case PRCTL -> misc.prctl(self, a0, a1, a2, a3, a4);
            case PERSONALITY -> 0; // PER_LINUX, whatever was asked
            case SYSINFO -> proc.sysinfo(a0);
            case TIMES -> proc.times(a0);
            case GETRUSAGE -> proc.getrusage(a0, a1);
            case GETPID -> ctx.pid();
            case GETTID -> self.tid();
            case GETPPID -> tree.getppid();
            case GETUID -> ctx.libc().getuid();
            case GETEUID -> ctx.libc().geteuid();
            case GETGID -> ctx.libc().getgid();
            case GETEGID -> ctx.libc().getegid();
            case GETGROUPS -> 0;

            case SETITIMER -> timers.setitimer(a0, a1, a2);
            case GETITIMER -> timers.getitimer(a0, a1);
            case TIMER_CREATE -> timers.timerCreate(self, a0, a1, a2);
            case TIMER_SETTIME -> timers.timerSettime(a0, a1, a2, a3);
            case TIMER_GETTIME -> timers.timerGettime(a0, a1);
            case TIMER_GETOVERRUN -> timers.timerGetoverrun(a0);
            case TIMER_DELETE -> timers.timerDelete(a0);

            case RT_SIGACTION -> sig.rtSigaction(a0, a1, a2, a3);
            case RT_SIGPROCMASK -> sig.rtSigprocmask(self, a0, a1, a2, a3);
            case RT_SIGPENDING -> sig.rtSigpending(self, a0, a1);
            case RT_SIGSUSPEND -> sig.rtSigsuspend(self, a0, a1);
            case SIGALTSTACK -> sig.sigaltstack(self, a0, a1, cpu.regs[spSlot]);
            case KILL -> (int) a0 == ctx.pid() || ctx.processes().get(ctx.pid()) == null ? sig.kill(a0, a1)
                    : tree.kill(a0, a1);
            case TKILL -> sig.tkill(a0, a1);
            case TGKILL -> sig.tgkill(a0, a1, a2);
            case RT_SIGRETURN -> {
                sig.rtSigreturn(cpu, self);
                yield REGISTERS_SET;
            }
        };
    }
}
