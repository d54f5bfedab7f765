package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.injector.PluginStartException;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.exec.BlockLog;
import dev.tcg4j.runtime.exec.CpuLoop;
import dev.tcg4j.runtime.exec.TbCache;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.GuestExit;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.LoadedProgram;
import dev.tcg4j.runtime.linux.ProgramLoader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one guest program: loads it, starts the plugins, builds the process and its vCPU, and runs
 * the CPU loop until the guest exits. Returns the host exit status; every failure is a one-line
 * message on stderr and status 1, never a stack trace.
 */
public final class Emulator {
    public static final String PROG = "tcg4j-riscv64";
    /**
     * Guest address bits: a 2 TiB window, reserved lazily. Room for qemu-riscv64's layout (programs at
     * 0x4000000000, the stack, the loader and mmaps above) and then some.
     */
    public static final int ADDRESS_BITS = 41;
    private static final Logger INTERNAL = LoggerFactory.getLogger("tcg4j.internal");

    private final Engine engine;

    public Emulator(Engine engine) {
        this.engine = engine;
    }

    public int run(RunRequest req) {
        GuestFrontend frontend = engine.frontend();
        GuestArch arch = frontend.arch();
        ElfFile elf;
        try {
            elf = ElfFile.parse(readProgram(req.program()), arch.elfMachine());
        } catch (ElfFormatException | ProgramUnreadable e) {
            return fail(req, req.program() + ": " + e.getMessage());
        }
        GuestMemory memory;
        try {
            memory = new FlatGuestMemory(ADDRESS_BITS);
        } catch (IllegalStateException e) {
            return fail(req, e.getMessage());
        }
        // closed when the run ends, so that runs in one JVM do not pile up terabytes of reserved space
        try (memory) {
            return runProgram(req, frontend, elf, memory);
        }
    }

    private int runProgram(RunRequest req, GuestFrontend frontend, ElfFile elf, GuestMemory memory) {
        GuestArch arch = frontend.arch();
        AddressSpace space = new AddressSpace(memory, req.stackSize());
        LoadedProgram program;
        try {
            program = ProgramLoader.load(elf, space);
        } catch (ElfFormatException e) {
            return fail(req, req.program() + ": " + e.getMessage());
        }

        PluginHost plugins;
        try {
            plugins = startPlugins(req, frontend, program);
        } catch (PluginStartException e) {
            req.stderr().println(e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            return fail(req, e.getMessage());
        }

        TbCache cache = new TbCache();
        memory.setCodeWriteListener(cache);
        space.setCodeInvalidator(cache);
        String absolute = Path.of(req.program()).toAbsolutePath().normalize().toString();
        // "-d int" shows exceptions: then a fatal signal is announced as qemu does when it dumps core
        boolean announce = LoggerFactory.getLogger("tcg4j.int").isDebugEnabled();
        LinuxProcess process = new LinuxProcess(arch, space, engine.libc(), engine.linuxAbi(), absolute, PROG,
                req.stderr(), announce);
        CpuState cpu = new CpuState(arch.stateSlots(), 0, memory);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        process.start(cpu, program, req.argv(), req.envp(), req.program(), random);

        TranslatorHooks hooks = plugins.wantsTranslation() ? plugins.newTranslatorHooks() : TranslatorHooks.NONE;
        BlockLog log = new BlockLog(frontend.disassembler(), program.symbols(), req.exec().logFilter());
        CpuLoop loop = new CpuLoop(frontend, engine.backend(), cache, hooks, req.exec(), log, process);
        try {
            plugins.vcpuInit(cpu);
            try {
                loop.run(cpu);
                throw new IllegalStateException("the CPU loop returned");
            } catch (GuestExit exit) {
                plugins.vcpuExit(cpu);
                plugins.atExit();
                return exit.status();
            }
        } catch (PluginFailure e) {
            return fail(req, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            INTERNAL.debug("internal error", e);
            return fail(req, "internal error at guest pc 0x" + Long.toHexString(cpu.regs[arch.pcSlot()]) + ": " + e);
        } finally {
            req.stderr().flush();
        }
    }

    private PluginHost startPlugins(RunRequest req, GuestFrontend frontend, LoadedProgram program) {
        if (req.plugins().isEmpty()) {
            return new NoPlugins();
        }
        List<PluginSpec> specs = new ArrayList<>();
        for (String p : req.plugins()) {
            specs.add(PluginSpec.parse(p));
        }
        GuestInfo info = new GuestInfo(frontend.arch(), frontend.disassembler(), program.symbols(),
                req.exec().logFilter());
        return PluginHost.start(specs, info, req.pluginOutput());
    }

    private static int fail(RunRequest req, String message) {
        req.stderr().println(PROG + ": " + message);
        req.stderr().flush();
        return 1;
    }

    /** The program's bytes, or the reason it cannot be read, worded as strerror. */
    static byte[] readProgram(String program) throws ProgramUnreadable {
        Path path = Path.of(program);
        if (Files.isDirectory(path)) {
            throw new ProgramUnreadable("Is a directory");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ProgramUnreadable("No such file or directory");
        } catch (AccessDeniedException e) {
            throw new ProgramUnreadable("Permission denied");
        } catch (IOException e) {
            throw new ProgramUnreadable(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    static final class ProgramUnreadable extends Exception {
        private static final long serialVersionUID = 1L;

        ProgramUnreadable(String reason) {
            super(reason);
        }
    }
}
