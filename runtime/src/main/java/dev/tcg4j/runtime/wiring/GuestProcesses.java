package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.exec.Vcpu;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestExit;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.GuestThreads;
import dev.tcg4j.runtime.linux.HostProgram;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.LoadedProgram;
import dev.tcg4j.runtime.linux.ProgramLoader;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.process.GuestProcess;
import dev.tcg4j.runtime.linux.process.ProcessTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import javax.inject.Inject;
import javax.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest processes of a run, all in this JVM: loads a program into a new process component (the
 * first one, and each execve's new image), forks, and supervises a process until it ends.
 *
 * <p>A process is supervised by a platform thread of its own (the run's caller for the first):
 * it starts the process's first vCPU, waits for the end, gives its memory back, and when the end
 * was an execve goes on with the new image under the same pid; otherwise it closes the process's
 * files and reports its wait status to the {@link ProcessTable}. A fork's pid is the host tid of its
 * supervising thread, so it never collides with a guest thread id (host tids too) or the first pid.
 */
@RunScope
final class GuestProcesses implements ProcessTable.Launcher {
    private static final Logger STRACE = LoggerFactory.getLogger("tcg4j.strace");

    /**
     * How long the end of an image waits for its other vCPUs to stop; one blocked in a host call
     * (a read of a terminal) is left behind, a daemon thread, and the image's memory with it.
     */
    private static final long STOP_MILLIS = 250;
    private static final long STACK_BYTES = 16L << 20;
    private static final long CLONE_SETTLS = 0x80000;
    private static final long CLONE_PARENT_SETTID = 0x100000;
    private static final long CLONE_CHILD_CLEARTID = 0x200000;
    private static final long CLONE_CHILD_SETTID = 0x1000000;
    /** Linux's limit on nested #! interpreters (BINPRM_MAX_RECURSION). */
    private static final int MAX_SCRIPT_DEPTH = 4;

    private final RunRequest req;
    private final GuestArch arch;
    private final ProcessComponent.Factory components;
    private final Provider<PluginHost> plugins;
    private final ProcessTable table;
    private final Libc libc;
    /** execve's new images, by the image they replace, for that image's supervisor to go on with. */
    private final Map<LinuxProcess, Image> successors = new ConcurrentHashMap<>();
    /** The images running now, by their Linux side: a fork starts from its parent's. */
    private final Map<LinuxProcess, Image> running = new ConcurrentHashMap<>();
    private final SharedTranslations sharing;

    @Inject
    GuestProcesses(RunRequest req, GuestArch arch, ProcessComponent.Factory components, Provider<PluginHost> plugins,
            ProcessTable table, Libc libc, SharedTranslations sharing) {
        this.req = req;
        this.sharing = sharing;
        this.arch = arch;
        this.components = components;
        this.plugins = plugins;
        this.table = table;
        this.libc = libc;
        table.setLauncher(this);
    }

    /** A loaded image, ready to run: its component and its first vCPU. */
    record Image(ProcessComponent component, Vcpu first, LoadedProgram program, LoadedProgram interpreter, String file,
            String interpreterFile) {
        LinuxProcess linux() {
            return component.linux();
        }
    }

    /** Why a program could not be loaded: the one-line message, and the errno execve returns for it. */
    static final class LoadFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int errno;

        LoadFailure(String message, int errno) {
            super(message, null, false, false);
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    /**
     * Loads {@code elf} (read from {@code hostPath}) into a new process component with {@code pid}:
     * the program, its interpreter, the stack, the initial stack of {@code argv} and {@code envp}.
     */
    Image load(int pid, ElfFile elf, String hostPath, List<String> argv, List<String> envp, String execfn)
            throws LoadFailure {
        ElfFile interpreter = null;
        AddressSpace.MappedFile interpreterFile = null;
        ProcessComponent process = components.create(new ProcessStart(pid, hostPath));
        if (elf.interpreter() != null) {
            // qemu's load_elf_interp: the interpreter's path under the -L prefix first, then the host's
            String interp = elf.interpreter();
            String interpPath = process.sysroot().map(interp);
            try {
                interpreter = ElfFile.parse(GuestRun.readProgram(interpPath), arch.elfMachine());
                interpreterFile = AddressSpace.MappedFile.of(Path.of(interpPath));
            } catch (GuestRun.ProgramUnreadable e) {
                throw new LoadFailure("Could not open '" + interp + "': " + e.getMessage(), Errno.ENOENT);
            } catch (ElfFormatException e) {
                throw new LoadFailure(interp + ": " + e.getMessage(), Errno.ELIBBAD);
            }
            if (interpreter.interpreter() != null) {
                throw new LoadFailure(interp + ": an interpreter must not ask for an interpreter itself", Errno.ELIBBAD);
            }
        }
        GuestMemory memory;
        try {
            memory = process.memory();
        } catch (IllegalStateException e) {
            throw new LoadFailure(e.getMessage(), Errno.ENOMEM);
        }
        try {
            LoadedProgram program = ProgramLoader.load(elf, process.addressSpace(), true,
                    AddressSpace.MappedFile.of(Path.of(hostPath)));
            LinuxProcess linux = process.linux();
            Vcpu vcpu = process.vcpus().create(linux.threads().reserveIndex());
            LinuxProcess.Started started;
            try {
                started = linux.start(vcpu.state(), program, interpreter, interpreterFile, argv, envp, execfn,
                        GuestRun.auxvRandom());
            } catch (ElfFormatException e) {
                throw new LoadFailure(elf.interpreter() + ": " + e.getMessage(), Errno.ELIBBAD);
            }
            Image image = new Image(process, vcpu, program, started.interpreter(), hostPath,
                    interpreter == null ? null : process.sysroot().map(elf.interpreter()));
            sharing.seed(process.tbCache(), memory, hostPath, program);
            sharing.seed(process.tbCache(), memory, image.interpreterFile(), image.interpreter());
            return image;
        } catch (ElfFormatException e) {
            memory.close();
            throw new LoadFailure(hostPath + ": " + e.getMessage(), Errno.ENOEXEC);
        } catch (LoadFailure | RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    /** How a process ended: the last image's end, and whether its vCPUs all stopped. */
    record Outcome(GuestThreads.End end, LinuxProcess last, boolean stopped) {}

    /**
     * Runs {@code image} until its process ends, following execve to the images that replace it;
     * the memory of each image is closed once its vCPUs have stopped.
     */
    Outcome supervise(Image image, PluginHost host) {
        while (true) {
            ProcessComponent process = image.component();
            LinuxProcess linux = process.linux();
            host.attachTranslationFlush(process.tbCache()::invalidateAll);
            VcpuThreads vcpus = new VcpuThreads(process.vcpus(), host, linux, arch);
            linux.threads().setStarter(vcpus);
            running.put(linux, image);
            vcpus.startFirst(image.first());
            GuestThreads.End end = linux.threads().awaitEnd();
            boolean stopped = vcpus.awaitOthers(STOP_MILLIS);
            running.remove(linux);
            sharing.keep(process.tbCache(), image.file(), image.program());
            sharing.keep(process.tbCache(), image.interpreterFile(), image.interpreter());
            if (stopped) {
                process.memory().close();
            }
            Image next = successors.remove(linux);
            if (next == null) {
                return new Outcome(end, linux, stopped);
            }
            image = next;
        }
    }

    // ---------------------------------------------------------------- fork

    @Override
    public long fork(LinuxProcess parent, CpuState cpu, GuestThread self, ProcessTable.CloneArgs args) {
        long[] regs = cpu.regs.clone(); // the pc is past the ecall already
        long blocked = parent.signals().blocked(self.signals());
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread supervisor = Thread.ofPlatform().daemon().name("process").stackSize(STACK_BYTES)
                .unstarted(() -> runChild(parent, regs, blocked, args, started));
        try {
            supervisor.start();
        } catch (OutOfMemoryError e) {
            return -Errno.EAGAIN;
        }
        boolean interrupted = false;
        int pid;
        while (true) {
            try {
                pid = started.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the child is being made; its pid is the answer all the same
            } catch (ExecutionException e) {
                pid = -Errno.EAGAIN;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return pid;
    }

    private void runChild(LinuxProcess parent, long[] regs, long blocked, ProcessTable.CloneArgs args,
            CompletableFuture<Integer> started) {
        int pid = libc.gettid();
        int ppid = parent.context().pid();
        Image image;
        Image parentImage = running.get(parent);
        try {
            ProcessComponent process = components.create(new ProcessStart(pid, parent.context().programPath()));
            GuestMemory memory = process.memory();
            LinuxProcess child = process.linux();
            table.addChild(pid, ppid, (int) (args.flags() & 0xff));
            child.copyFrom(parent);
            if (parentImage != null) {
                sharing.seedFork(process.tbCache(), memory, parentImage.component().tbCache(), parentImage.file(),
                        parentImage.program(), parentImage.interpreterFile(), parentImage.interpreter());
            }
            table.install(pid, child);
            Vcpu vcpu = process.vcpus().create(child.threads().reserveIndex());
            long[] r = vcpu.state().regs;
            System.arraycopy(regs, 0, r, 0, regs.length);
            r[arch.syscallReturnSlot()] = 0;
            if (args.newsp() != 0) {
                r[arch.stackPointerSlot()] = args.newsp();
            }
            if ((args.flags() & CLONE_SETTLS) != 0) {
                r[parent.context().abi().threadPointerSlot()] = args.tls();
            }
            child.inheritMainThread(blocked, (args.flags() & CLONE_CHILD_CLEARTID) != 0 ? args.childTid() : 0);
            storeTid(child.context().memory(), args.flags(), CLONE_CHILD_SETTID, args.childTid(), pid);
            storeTid(parent.context().memory(), args.flags(), CLONE_PARENT_SETTID, args.parentTid(), pid);
            storeTid(child.context().memory(), args.flags(), CLONE_PARENT_SETTID, args.parentTid(), pid);
            image = parentImage == null ? new Image(process, vcpu, null, null, null, null)
                    : new Image(process, vcpu, parentImage.program(), parentImage.interpreter(), parentImage.file(),
                            parentImage.interpreterFile());
        } catch (RuntimeException e) {
            table.exited(pid, GuestProcess.exited(1), 0);
            started.complete(-Errno.ENOMEM);
            return;
        }
        started.complete(pid);
        if (STRACE.isDebugEnabled()) {
            STRACE.debug(" = 0"); // the fork's result in the child, which qemu's -strace prints there too
        }
        finish(pid, supervise(image, plugins.get()));
    }

    private static void storeTid(GuestMemory memory, long flags, long flag, long addr, int tid) {
        if ((flags & flag) != 0) {
            try {
                memory.st32(addr, tid);
            } catch (GuestTrap ignored) {
                // the kernel's put_user failing leaves the word unwritten; the child runs anyway
            }
        }
    }

    /** A forked process has ended: its files close, its parent learns its status. */
    private void finish(int pid, Outcome outcome) {
        GuestThreads.End end = outcome.end();
        if (end.failure() != null) {
            Emulator.fail(req, end.failure());
        }
        outcome.last().closeFiles();
        int status = end.failure() != null ? GuestProcess.exited(1)
                : end.signal() != 0 ? GuestProcess.killed(end.signal()) : GuestProcess.exited(end.status());
        table.exited(pid, status, libc.getuid());
    }

    // ---------------------------------------------------------------- execve

    @Override
    public long execve(LinuxProcess process, CpuState cpu, GuestThread self, ProcessTable.ExecRequest request) {
        String path = request.path();
        List<String> argv = request.argv();
        ElfFile elf = null;
        String hostPath = null;
        for (int depth = 0; elf == null; depth++) {
            if (depth > MAX_SCRIPT_DEPTH) {
                return -Errno.ELOOP;
            }
            hostPath = hostPath(process, path);
            Path file = Path.of(hostPath);
            byte[] bytes;
            try {
                if (Files.isDirectory(file)) {
                    return -Errno.EACCES;
                }
                bytes = GuestRun.readProgram(hostPath);
            } catch (GuestRun.ProgramUnreadable e) {
                return "No such file or directory".equals(e.getMessage()) ? -Errno.ENOENT : -Errno.EACCES;
            }
            if (!Files.isExecutable(file)) {
                return -Errno.EACCES;
            }
            if (bytes.length >= 2 && bytes[0] == '#' && bytes[1] == '!') {
                List<String> line;
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    line = shebang(in.readNBytes(258)); // readProgram stops after the magic of a non-ELF file
                } catch (java.io.IOException e) {
                    return -Errno.EACCES;
                }
                if (line.isEmpty()) {
                    return -Errno.ENOEXEC;
                }
                List<String> next = new ArrayList<>(line);
                next.add(path); // the script as it was named
                next.addAll(argv.isEmpty() ? List.of() : argv.subList(1, argv.size()));
                argv = next;
                path = line.get(0);
                continue;
            }
            try {
                elf = ElfFile.parse(bytes, arch.elfMachine());
            } catch (ElfFormatException e) {
                if (HostProgram.isHostElf(bytes)) {
                    return HostProgram.run(process.context(), self, hostPath, argv, request.envp());
                }
                return -Errno.ENOEXEC;
            }
        }
        int pid = process.context().pid();
        Image image;
        try {
            image = load(pid, elf, hostPath, argv, request.envp(), request.path());
        } catch (LoadFailure e) {
            return -e.errno();
        }
        // the point of no return: the old image's threads stop, the new one takes its place
        LinuxProcess next = image.linux();
        next.succeed(process);
        next.inheritMainThread(process.signals().blocked(self.signals()), 0);
        successors.put(process, image);
        table.install(pid, next);
        table.execed(pid);
        process.exitGroup(0);
        throw new GuestExit(0);
    }

    /** The host file an exec'd path names: under the -L prefix first, relative ones from the cwd. */
    private String hostPath(LinuxProcess process, String path) {
        int pid = process.context().pid();
        if (path.equals("/proc/self/exe") || path.equals("/proc/" + pid + "/exe")) {
            return process.context().programPath(); // the guest's program, not the JVM (busybox re-runs itself so)
        }
        if (path.startsWith("/")) {
            return process.context().sysroot().map(path);
        }
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            var buf = arena.allocate(4096);
            long r = libc.getcwd(buf, 4096);
            String cwd = r < 0 ? "." : buf.getString(0);
            return cwd + "/" + path;
        }
    }

    /**
     * The interpreter and its optional argument from a script's first line (at most 255 bytes after
     * "#!", as Linux reads it): words split at the first blank, the argument taken whole.
     */
    static List<String> shebang(byte[] bytes) {
        int end = 2;
        while (end < bytes.length && end < 258 && bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, 2, end - 2, StandardCharsets.UTF_8).strip();
        if (line.isEmpty()) {
            return List.of();
        }
        int blank = 0;
        while (blank < line.length() && line.charAt(blank) != ' ' && line.charAt(blank) != '\t') {
            blank++;
        }
        String interp = line.substring(0, blank);
        String arg = line.substring(blank).strip();
        return arg.isEmpty() ? List.of(interp) : List.of(interp, arg);
    }
}
