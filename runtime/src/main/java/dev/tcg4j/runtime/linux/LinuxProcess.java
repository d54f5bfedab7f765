package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.exec.GuestEvents;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.fs.ProcessFs;
import dev.tcg4j.runtime.linux.fs.Sysroot;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.process.ProcessTable;
import dev.tcg4j.runtime.linux.signal.Signals;
import dev.tcg4j.runtime.linux.syscall.SyscallDispatcher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One guest Linux process: its address space, files, signals and threads, and the system-call and
 * trap handling the CPU loops of its vCPUs hand over to it (from several host threads at once).
 */
public final class LinuxProcess implements GuestEvents {
    private final GuestArch arch;
    private final LinuxAbi abi;
    private final ProcessContext ctx;
    private final SyscallDispatcher dispatcher;
    private volatile long mainThreadBlocked;
    private volatile long mainThreadClearTid;

    public LinuxProcess(GuestArch arch, AddressSpace space, Libc libc, LinuxAbi abi, String programPath,
            String progName, PrintStream stderr, boolean announceFatalSignals) {
        this(arch, space, libc, abi, programPath, Sysroot.NONE, progName, stderr, announceFatalSignals);
    }

    public LinuxProcess(GuestArch arch, AddressSpace space, Libc libc, LinuxAbi abi, String programPath,
            Sysroot sysroot, String progName, PrintStream stderr, boolean announceFatalSignals) {
        this(arch, space, libc, abi, programPath, sysroot, progName, stderr, announceFatalSignals,
                new ProcessTable(), (int) ProcessHandle.current().pid());
    }

    /**
     * @param processes the run's processes, this one among them
     * @param pid this process's pid: the host's for the run's first process, a new one for a fork
     */
    public LinuxProcess(GuestArch arch, AddressSpace space, Libc libc, LinuxAbi abi, String programPath,
            Sysroot sysroot, String progName, PrintStream stderr, boolean announceFatalSignals,
            ProcessTable processes, int pid) {
        this.arch = arch;
        this.abi = abi;
        Signals signals = new Signals(abi.signalFrames(), progName, stderr, announceFatalSignals);
        this.ctx = new ProcessContext(space.memory(), space, new FdTable(libc), libc, signals, programPath,
                pid, abi, sysroot, new ProcFiles(space, pid, abi.cpuinfoIsa()), new GuestThreads(), processes,
                new ProcessFs(libc));
        this.dispatcher = new SyscallDispatcher(ctx, arch);
        ctx.procFiles().describeWith(this::procStatus);
        int uid = libc.getuid();
        signals.setJobControl(new Signals.JobControl() {
            @Override
            public void stopped(int sig) {
                processes.stopped(pid, sig, uid);
            }

            @Override
            public void continued() {
                processes.continued(pid, uid);
            }

            @Override
            public boolean ending() {
                return ctx.threads().ended();
            }

            @Override
            public boolean inOrphanedGroup() {
                return processes.inOrphanedGroup(pid);
            }
        });
    }

    private ProcFiles.Status procStatus() {
        ProcessTable processes = ctx.processes();
        int pid = ctx.pid();
        int ppid = processes.ppid(pid);
        int pgrp = processes.pgid(pid);
        int session = processes.sid(pid);
        Libc libc = ctx.libc();
        GuestThread main = ctx.threads().byTid(pid);
        byte[] name = main != null ? main.name() : new byte[0];
        Signals.Masks masks = main != null ? ctx.signals().masks(main.signals()) : new Signals.Masks(0, 0, 0, 0, 0);
        return new ProcFiles.Status(name, ppid < 0 ? libc.getppid() : ppid,
                pgrp < 0 ? (int) libc.processGroup(0, false) : pgrp, session < 0 ? (int) libc.processGroup(0, true) : session,
                Math.max(1, ctx.threads().count()), processes.cpu(pid).now(), processes.reapedChildrenCpu(pid), masks);
    }

    /**
     * Maps the page of signal-return code, where qemu 7.2 puts it: the next mmap after the stack and
     * the interpreter (load_elf_binary).
     */
    public void mapSignalTrampoline() {
        AddressSpace space = ctx.space();
        long tramp = space.mapAnywhere(0, AddressSpace.PAGE, GuestMemory.READ | GuestMemory.WRITE);
        space.memory().write(tramp, abi.signalFrames().trampolineCode());
        space.protect(tramp, AddressSpace.PAGE, GuestMemory.READ | GuestMemory.EXEC);
        ctx.signals().setTrampoline(tramp);
    }

    /**
     * fork: this new process becomes a copy of {@code parent}: its memory, its files (duplicated), its
     * cwd and umask, its signal actions and its /proc files.
     */
    public void copyFrom(LinuxProcess parent) {
        ctx.space().copyFrom(parent.ctx.space());
        ctx.fds().copyFrom(parent.ctx.fds());
        ctx.fs().copyFrom(parent.ctx.fs());
        ctx.signals().inheritActions(parent.ctx.signals(), false);
        ctx.procFiles().copyFrom(parent.ctx.procFiles());
    }

    /**
     * execve: this new image of the process takes over {@code old}'s files but those marked
     * close-on-exec, its cwd and umask, and its ignored signals; other actions go back to their defaults.
     */
    public void succeed(LinuxProcess old) {
        old.ctx.fds().closeOnExec();
        ctx.fds().takeOver(old.ctx.fds());
        ctx.fs().takeOver(old.ctx.fs());
        ctx.signals().inheritActions(old.ctx.signals(), true);
    }

    /** The process has ended: its files are closed, so that the other end of a pipe sees it. */
    public void closeFiles() {
        ctx.fds().closeAll();
        ctx.fs().close();
    }

    public ProcessContext context() {
        return ctx;
    }

    public Signals signals() {
        return ctx.signals();
    }

    public GuestThreads threads() {
        return ctx.threads();
    }

    /** What {@link #start} set up: the initial stack, and the interpreter when there is one. */
    public record Started(InitialStack.Layout layout, LoadedProgram interpreter) {}

    /**
     * Finishes the process image after the program was loaded, in qemu 7.2's order (load_elf_binary):
     * the stack, the interpreter, the signal trampoline, the initial stack's tables; then gives the
     * program's heap room back and points the CPU at the interpreter's entry, or the program's.
     * {@code cpu} becomes the main thread when it first reaches the process (a system call, a trap, a
     * signal check), on the host thread that runs it.
     *
     * @param interpreter the program's interpreter (PT_INTERP), or null for a static program
     * @param execfn the program path as given, for AT_EXECFN
     * @throws ElfFormatException when the interpreter does not fit
     */
    public Started start(CpuState cpu, LoadedProgram program, ElfFile interpreter, AddressSpace.MappedFile interpreterFile,
            List<String> argv, List<String> envp, String execfn, byte[] random16) throws ElfFormatException {
        AddressSpace space = ctx.space();
        space.mapStack();
        LoadedProgram interp = interpreter == null ? null
                : ProgramLoader.load(interpreter, space, false, interpreterFile);
        mapSignalTrampoline();
        Libc libc = ctx.libc();
        InitialStack.Ids ids = new InitialStack.Ids(libc.getuid(), libc.geteuid(), libc.getgid(), libc.getegid());
        InitialStack.Layout layout = InitialStack.build(ctx.memory(), space.stackTop(), argv, envp, execfn,
                program, interp == null ? 0 : interp.loadAddr(), abi.hwcap(), ids, random16);
        ProgramLoader.releaseBrkReserve(space, program);
        ctx.procFiles().started(argv, layout.auxv(), layout.auxvLength(), layout.sp());
        cpu.regs[arch.pcSlot()] = interp == null ? program.entry() : interp.entry();
        cpu.regs[arch.stackPointerSlot()] = layout.sp();
        return new Started(layout, interp);
    }

    @Override
    public void syscall(CpuState cpu) {
        performSyscall(cpu);
        deliverPendingSignals(cpu);
    }

    /** The system call at the pc, without the signal delivery that follows it. */
    public void performSyscall(CpuState cpu) {
        GuestThread self = thread(cpu);
        // an interrupt left from a signal already delivered must not cut this call's wait short;
        // cleared first, then checked, so that one posted meanwhile still interrupts it
        Thread.interrupted();
        ctx.fs().enter(self.fsSeen());
        if (ctx.threads().ended() || ctx.signals().hasDeliverable(self.signals())) {
            Thread.currentThread().interrupt();
        }
        dispatcher.perform(cpu, self);
        stopIfEnded();
    }

    /** Delivers the pending unblocked signals, entering their handlers. */
    public void deliverPendingSignals(CpuState cpu) {
        ctx.signals().deliverPending(cpu, thread(cpu).signals());
    }

    @Override
    public void trap(CpuState cpu, GuestTrap trap, long pc) {
        ctx.signals().deliverTrap(cpu, thread(cpu).signals(), trap, pc, arch.pcSlot());
    }

    @Override
    public void interrupt(CpuState cpu) {
        stopIfEnded();
        ctx.signals().deliverPending(cpu, thread(cpu).signals());
    }

    /**
     * The thread on {@code cpu} has left its CPU loop by the exit system call: the kernel's exit work
     * (the robust futex list, clear_child_tid), then the process ends if it was the last thread.
     */
    public void threadExited(CpuState cpu, int status) {
        GuestThread t = thread(cpu);
        dispatcher.releaseThread(t);
        ctx.signals().removeThread(t.signals());
        if (ctx.threads().remove(t)) {
            ctx.threads().end(status, null);
        }
    }

    /** exit_group or a fatal signal in any thread: every thread stops, the process ends with {@code status}. */
    public void exitGroup(int status) {
        ctx.threads().end(status, null);
    }

    /** exit_group, or a death by {@code signal} when it is not 0. */
    public void exitGroup(int status, int signal) {
        ctx.threads().end(status, signal, null);
    }

    /**
     * What the main thread starts with when it is not the run's first (a fork's child, a new image):
     * the blocked mask it inherits, and the clear_child_tid word CLONE_CHILD_CLEARTID asked for.
     */
    public void inheritMainThread(long blocked, long clearChildTid) {
        this.mainThreadBlocked = blocked;
        this.mainThreadClearTid = clearChildTid;
    }

    /** The emulator cannot go on (a plugin failed, an internal error): the process ends with one line. */
    public void fail(String message) {
        ctx.threads().end(1, message);
    }

    private void stopIfEnded() {
        if (ctx.threads().ended()) {
            throw new GuestExit(0); // the first end's status stands
        }
    }

    /** The thread of {@code cpu}; the first vCPU the process sees becomes its main thread (tid = pid). */
    private GuestThread thread(CpuState cpu) {
        GuestThread t = ctx.threads().of(cpu);
        return t != null ? t : adoptMainThread(cpu);
    }

    private synchronized GuestThread adoptMainThread(CpuState cpu) {
        GuestThreads threads = ctx.threads();
        GuestThread t = threads.of(cpu);
        if (t != null) {
            return t;
        }
        if (threads.count() != 0) {
            throw new IllegalStateException("vCPU " + cpu.vcpuIndex + " is no thread of this process");
        }
        String path = ctx.programPath();
        byte[] name = path.substring(path.lastIndexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
        if (name.length > 15) {
            name = java.util.Arrays.copyOf(name, 15);
        }
        t = new GuestThread(ctx.pid(), cpu, ctx.signals().addThread(cpu, mainThreadBlocked), Thread.currentThread(),
                name);
        t.setClearChildTid(mainThreadClearTid);
        if (!threads.add(t)) {
            throw new GuestExit(0);
        }
        return t;
    }
}
