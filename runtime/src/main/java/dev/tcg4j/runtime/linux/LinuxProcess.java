package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.exec.GuestEvents;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.Signals;
import dev.tcg4j.runtime.linux.syscall.SyscallDispatcher;
import java.io.PrintStream;
import java.util.List;

/**
 * One guest Linux process: its address space, files and signals, and the system-call and trap
 * handling the CPU loop hands over to it.
 */
public final class LinuxProcess implements GuestEvents {
    private final GuestArch arch;
    private final LinuxAbi abi;
    private final ProcessContext ctx;
    private final SyscallDispatcher dispatcher;

    public LinuxProcess(GuestArch arch, AddressSpace space, Libc libc, LinuxAbi abi, String programPath,
            String progName, PrintStream stderr, boolean announceFatalSignals) {
        this.arch = arch;
        this.abi = abi;
        Signals signals = new Signals(abi.signalFrames(), progName, stderr, announceFatalSignals);
        this.ctx = new ProcessContext(space.memory(), space, new FdTable(libc), libc, signals, programPath,
                (int) ProcessHandle.current().pid(), abi);
        this.dispatcher = new SyscallDispatcher(ctx, arch);
        long tramp = space.mapAnywhere(0, AddressSpace.PAGE, GuestMemory.READ | GuestMemory.WRITE);
        byte[] code = abi.signalFrames().trampolineCode();
        space.memory().write(tramp, code);
        space.protect(tramp, AddressSpace.PAGE, GuestMemory.READ | GuestMemory.EXEC);
        signals.setTrampoline(tramp);
    }

    public ProcessContext context() {
        return ctx;
    }

    public Signals signals() {
        return ctx.signals();
    }

    /**
     * Writes the initial stack and points the CPU at the program's entry.
     *
     * @param execfn the program path as given, for AT_EXECFN
     */
    public InitialStack.Layout start(CpuState cpu, LoadedProgram program, List<String> argv, List<String> envp,
            String execfn, byte[] random16) {
        ctx.space().mapStack();
        Libc libc = ctx.libc();
        InitialStack.Ids ids = new InitialStack.Ids(libc.getuid(), libc.geteuid(), libc.getgid(), libc.getegid());
        InitialStack.Layout layout = InitialStack.build(ctx.memory(), ctx.space().stackTop(), argv, envp, execfn,
                program, abi.hwcap(), ids, random16);
        cpu.regs[arch.pcSlot()] = program.entry();
        cpu.regs[arch.stackPointerSlot()] = layout.sp();
        return layout;
    }

    @Override
    public void syscall(CpuState cpu) {
        performSyscall(cpu);
        deliverPendingSignals(cpu);
    }

    /** The system call at the pc, without the signal delivery that follows it. */
    public void performSyscall(CpuState cpu) {
        dispatcher.perform(cpu);
    }

    /** Delivers the pending unblocked signals, entering their handlers. */
    public void deliverPendingSignals(CpuState cpu) {
        ctx.signals().deliverPending(cpu);
    }

    @Override
    public void trap(CpuState cpu, GuestTrap trap, long pc) {
        ctx.signals().deliverTrap(cpu, trap, pc, arch.pcSlot());
    }

    @Override
    public void interrupt(CpuState cpu) {
        ctx.signals().deliverPending(cpu);
    }
}
