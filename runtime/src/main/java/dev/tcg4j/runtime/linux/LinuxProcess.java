package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.exec.GuestEvents;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.fs.Sysroot;
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
        this(arch, space, libc, abi, programPath, Sysroot.NONE, progName, stderr, announceFatalSignals);
    }

    public LinuxProcess(GuestArch arch, AddressSpace space, Libc libc, LinuxAbi abi, String programPath,
            Sysroot sysroot, String progName, PrintStream stderr, boolean announceFatalSignals) {
        this.arch = arch;
        this.abi = abi;
        Signals signals = new Signals(abi.signalFrames(), progName, stderr, announceFatalSignals);
        this.ctx = new ProcessContext(space.memory(), space, new FdTable(libc), libc, signals, programPath,
                (int) ProcessHandle.current().pid(), abi, sysroot,
                new ProcFiles(space, (int) ProcessHandle.current().pid(), abi.cpuinfoIsa()));
        this.dispatcher = new SyscallDispatcher(ctx, arch);
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

    public ProcessContext context() {
        return ctx;
    }

    public Signals signals() {
        return ctx.signals();
    }

    /** What {@link #start} set up: the initial stack, and the interpreter when there is one. */
    public record Started(InitialStack.Layout layout, LoadedProgram interpreter) {}

    /**
     * Finishes the process image after the program was loaded, in qemu 7.2's order (load_elf_binary):
     * the stack, the interpreter, the signal trampoline, the initial stack's tables; then gives the
     * program's heap room back and points the CPU at the interpreter's entry, or the program's.
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
        ctx.procFiles().started(argv, layout.auxv(), layout.auxvLength());
        cpu.regs[arch.pcSlot()] = interp == null ? program.entry() : interp.entry();
        cpu.regs[arch.stackPointerSlot()] = layout.sp();
        return new Started(layout, interp);
    }

    @Override
    public void syscall(CpuState cpu) {
        dispatcher.perform(cpu);
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
