package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginStartException;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.linux.GuestThreads;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.process.GuestProcess;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.fs.HostFileKind;
import dev.tcg4j.runtime.linux.host.HostIgnoredSignals;
import dev.tcg4j.runtime.linux.host.HostInheritedFds;
import dev.tcg4j.runtime.linux.host.HostProcessIds;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.HostSignals;
import dev.tcg4j.runtime.linux.process.ProcessTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a guest program: reads and loads it into the run's first process, starts the plugins,
 * and has {@link GuestProcesses} run it (its vCPUs on threads of their own, following execve) until
 * it ends; the processes it forks run alongside in this JVM.
 */
public final class GuestRun {
    private static final Logger INTERNAL = LoggerFactory.getLogger("tcg4j.internal");
    private static final Path URANDOM = Path.of("/dev/urandom");

    private static final Logger PLUGIN_LOG = LoggerFactory.getLogger("tcg4j.plugin");

    private final RunRequest req;
    private final GuestArch arch;
    private final GuestProcesses processes;
    private final ProgramSymbols symbols;
    private final LoadedImage image;
    private final Provider<PluginHost> plugins;
    private final ProcessTable table;
    private final Libc libc;
    private int fatalSignal;

    @Inject
    GuestRun(RunRequest req, GuestArch arch, GuestProcesses processes, ProgramSymbols symbols,
            LoadedImage image, Provider<PluginHost> plugins, ProcessTable table, Libc libc) {
        this.req = req;
        this.arch = arch;
        this.processes = processes;
        this.symbols = symbols;
        this.image = image;
        this.plugins = plugins;
        this.table = table;
        this.libc = libc;
    }

    /** The caller's descriptors above 2 become the first process's, at the same numbers, when still open. */
    private void inheritHostFds(LinuxProcess linux) {
        for (int fd : HostInheritedFds.atStart()) {
            if (fd < FdTable.MAX_FDS && HostFileKind.of(libc, fd) != null) {
                linux.context().fds().installAt(fd, fd);
            }
        }
    }

    /** Runs the program; returns the host exit status. */
    public int execute() {
        ElfFile elf;
        try {
            elf = ElfFile.parse(readProgram(req.program()), arch.elfMachine());
        } catch (ElfFormatException | ProgramUnreadable e) {
            return Emulator.fail(req, req.program() + ": " + e.getMessage());
        }
        int pid = (int) ProcessHandle.current().pid();
        HostProcessIds ids = HostProcessIds.current(libc);
        int group = ids.pgid();
        table.addInit(pid, ids.ppid(), group, ids.sid());
        GuestProcesses.Image first;
        try {
            first = processes.load(pid, elf, req.program(), req.argv(), req.envp(), req.program());
        } catch (GuestProcesses.LoadFailure e) {
            return Emulator.fail(req, e.getMessage());
        } catch (PluginStartException | IllegalArgumentException e) {
            // the first process's parts start the plugins: a plugin refusing its arguments stops here
            return Emulator.fail(req, e.getMessage());
        }
        long ignoredAtStart = HostIgnoredSignals.atStart();
        first.linux().signals().ignoreFromStart(ignoredAtStart);
        inheritHostFds(first.linux());
        table.install(pid, first.linux());
        symbols.add(first.program().symbols());
        if (first.interpreter() != null) {
            symbols.add(first.interpreter().symbols());
        }
        image.loaded(elf, first.program(), Path.of(req.program()).toAbsolutePath().normalize().toString());

        PluginHost host;
        try {
            host = plugins.get();
        } catch (PluginStartException | IllegalArgumentException e) {
            first.component().memory().close();
            return Emulator.fail(req, e.getMessage());
        }
        CpuState cpu = first.first().state();
        try {
            HostSignals.forwardTo(() -> foreground(pid, group), ignoredAtStart);
            GuestProcesses.Outcome outcome = processes.supervise(first, host);
            GuestThreads.End end = outcome.end();
            if (end.failure() != null) {
                return Emulator.fail(req, end.failure());
            }
            outcome.last().closeFiles(); // a child reading a pipe from the first process sees its end
            table.exited(pid, end.signal() != 0 ? GuestProcess.killed(end.signal()) : GuestProcess.exited(end.status()),
                    libc.getuid());
            awaitOtherProcesses();
            host.atExit();
            fatalSignal = end.signal();
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

    /** The processes a host signal reaches: the first process's group, as a terminal's foreground group. */
    private List<HostSignals.Recipient> foreground(int firstPid, int firstGroup) {
        int now = table.pgid(firstPid);
        List<HostSignals.Recipient> out = new ArrayList<>();
        for (LinuxProcess p : table.group(now < 0 ? firstGroup : now)) {
            out.add(new HostSignals.Recipient(p.signals(), p.threads()));
        }
        return out;
    }

    private void awaitOtherProcesses() {
        try {
            table.awaitEveryEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the embedder gives up: the children end with the JVM
        }
    }

    /** The signal the program died of, once {@link #execute} has returned; 0 when it exited. */
    public int fatalSignal() {
        return fatalSignal;
    }

    /**
     * AT_RANDOM's 16 bytes (glibc's stack guard and pointer guard), from the kernel's pool as QEMU
     * takes them: a {@code SecureRandom} costs every start-up its provider set-up (about 15 ms).
     */
    static byte[] auxvRandom() {
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
