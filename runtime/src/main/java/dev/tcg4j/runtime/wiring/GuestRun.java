package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginStartException;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.exec.Vcpu;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.GuestExit;
import dev.tcg4j.runtime.linux.GuestThreads;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.signal.HostSignals;
import dev.tcg4j.runtime.linux.LoadedProgram;
import dev.tcg4j.runtime.linux.ProgramLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.inject.Inject;
import javax.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a guest program: reads and loads it into a new process, starts the plugins, makes the
 * first vCPU and runs it on a thread of its own (as every thread the guest makes), and waits until
 * the process ends.
 */
public final class GuestRun {
    private static final Logger INTERNAL = LoggerFactory.getLogger("tcg4j.internal");
    /**
     * How long the end of a process waits for its other vCPUs to stop; one blocked in a host call
     * (a read of a terminal) is left behind, a daemon thread, and the process's memory with it.
     */
    private static final long STOP_MILLIS = 250;
    private static final Path URANDOM = Path.of("/dev/urandom");

    private static final Logger PLUGIN_LOG = LoggerFactory.getLogger("tcg4j.plugin");

    private final RunRequest req;
    private final GuestArch arch;
    private final ProcessComponent.Factory processes;
    private final ProgramSymbols symbols;
    private final LoadedImage image;
    private final Provider<PluginHost> plugins;
    private boolean vcpusLeftRunning;

    @Inject
    GuestRun(RunRequest req, GuestArch arch, ProcessComponent.Factory processes, ProgramSymbols symbols,
            LoadedImage image, Provider<PluginHost> plugins) {
        this.req = req;
        this.arch = arch;
        this.processes = processes;
        this.symbols = symbols;
        this.image = image;
        this.plugins = plugins;
    }

    /** Runs the program; returns the host exit status. */
    public int execute() {
        ElfFile elf;
        try {
            elf = ElfFile.parse(readProgram(req.program()), arch.elfMachine());
        } catch (ElfFormatException | ProgramUnreadable e) {
            return Emulator.fail(req, req.program() + ": " + e.getMessage());
        }
        ProcessComponent process = processes.create();
        GuestMemory memory;
        try {
            memory = process.memory();
        } catch (IllegalStateException e) {
            return Emulator.fail(req, e.getMessage());
        }
        // closed when the run ends, so that runs in one JVM do not pile up terabytes of reserved space;
        // kept when a vCPU thread could not be stopped, since it may still touch it
        try {
            return runProgram(elf, process);
        } finally {
            if (!vcpusLeftRunning) {
                memory.close();
            }
        }
    }

    private int runProgram(ElfFile elf, ProcessComponent process) {
        ElfFile interpreter = null;
        AddressSpace.MappedFile interpreterFile = null;
        if (elf.interpreter() != null) {
            // qemu's load_elf_interp: the interpreter's path under the -L prefix first, then the host's
            String interp = elf.interpreter();
            String hostPath = process.sysroot().map(interp);
            try {
                interpreter = ElfFile.parse(readProgram(hostPath), arch.elfMachine());
                interpreterFile = AddressSpace.MappedFile.of(Path.of(hostPath));
            } catch (ProgramUnreadable e) {
                return Emulator.fail(req, "Could not open '" + interp + "': " + e.getMessage());
            } catch (ElfFormatException e) {
                return Emulator.fail(req, interp + ": " + e.getMessage());
            }
            if (interpreter.interpreter() != null) {
                return Emulator.fail(req, interp + ": an interpreter must not ask for an interpreter itself");
            }
        }
        LoadedProgram program;
        try {
            program = ProgramLoader.load(elf, process.addressSpace(), true,
                    AddressSpace.MappedFile.of(Path.of(req.program())));
        } catch (ElfFormatException e) {
            return Emulator.fail(req, req.program() + ": " + e.getMessage());
        }
        symbols.add(program.symbols());
        image.loaded(elf, program, Path.of(req.program()).toAbsolutePath().normalize().toString());

        PluginHost host;
        try {
            host = plugins.get();
        } catch (PluginStartException e) {
            return Emulator.fail(req, e.getMessage());
        } catch (IllegalArgumentException e) {
            return Emulator.fail(req, e.getMessage());
        }

        LinuxProcess linux = process.linux();
        Vcpu vcpu = process.vcpus().create(linux.threads().reserveIndex());
        CpuState cpu = vcpu.state();
        try {
            LinuxProcess.Started started = linux.start(cpu, program, interpreter, interpreterFile, req.argv(),
                    req.envp(), req.program(), auxvRandom());
            if (started.interpreter() != null) {
                symbols.add(started.interpreter().symbols());
            }
        } catch (ElfFormatException e) {
            return Emulator.fail(req, elf.interpreter() + ": " + e.getMessage());
        }
        host.attachTranslationFlush(process.tbCache()::invalidateAll);
        VcpuThreads vcpus = new VcpuThreads(process.vcpus(), host, linux, arch);
        linux.threads().setStarter(vcpus);
        HostSignals.forwardTo(linux.signals(), linux.threads());
        try {
            vcpus.startFirst(vcpu);
            GuestThreads.End end = linux.threads().awaitEnd();
            vcpusLeftRunning = !vcpus.awaitOthers(STOP_MILLIS);
            if (end.failure() != null) {
                return Emulator.fail(req, end.failure());
            }
            host.atExit();
            return end.status();
        } catch (PluginFailure e) {
            PLUGIN_LOG.debug("{}", e.getMessage(), e.getCause());
            return Emulator.fail(req, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            INTERNAL.debug("internal error", e);
            return Emulator.fail(req, "internal error at guest pc 0x" + Long.toHexString(cpu.regs[arch.pcSlot()])
                    + ": " + e);
        } finally {
            req.stderr().flush();
        }
    }

    /**
     * AT_RANDOM's 16 bytes (glibc's stack guard and pointer guard), from the kernel's pool as QEMU
     * takes them: a {@code SecureRandom} costs every start-up its provider set-up (about 15 ms).
     */
    private static byte[] auxvRandom() {
        try (InputStream in = Files.newInputStream(URANDOM)) {
            byte[] random = in.readNBytes(16);
            if (random.length == 16) {
                return random;
            }
        } catch (IOException e) {
            // no /dev/urandom (a sandbox): fall back to the JDK's generator
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return random;
    }

    /** The program's bytes, or the reason it cannot be read, worded as strerror. */
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    static byte[] readProgram(String program) throws ProgramUnreadable {
        Path path = Path.of(program);
        if (Files.isDirectory(path)) {
            throw new ProgramUnreadable("Is a directory");
        }
        // the magic first, so that an endless file (/dev/zero) is refused instead of read forever
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(ELF_MAGIC.length);
            if (!Arrays.equals(magic, ELF_MAGIC)) {
                return magic;
            }
            byte[] rest = in.readAllBytes();
            byte[] image = Arrays.copyOf(magic, magic.length + rest.length);
            System.arraycopy(rest, 0, image, magic.length, rest.length);
            return image;
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
