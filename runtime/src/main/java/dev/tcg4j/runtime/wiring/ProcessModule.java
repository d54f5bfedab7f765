package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.PluginHost;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.exec.GuestEvents;
import dev.tcg4j.runtime.exec.TbCache;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.LinuxAbi;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.fs.Sysroot;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.process.ProcessTable;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** A process's bindings: memory, address space, TB cache, and the Linux process its vCPUs report to. */
@Module
interface ProcessModule {
    /**
     * Closed by whoever ends the process ({@link GuestRun}), so that runs in one JVM do not pile up
     * terabytes of reserved space.
     *
     * @throws IllegalStateException when the host refuses the reservation; its message is the one line to print
     */
    @Provides
    @ProcessScope
    static GuestMemory memory() {
        return new FlatGuestMemory(Emulator.ADDRESS_BITS);
    }

    @Provides
    @ProcessScope
    static AddressSpace addressSpace(GuestMemory memory, RunRequest request) {
        AddressSpace space = new AddressSpace(memory, request.stackSize());
        space.setLimit(request.memoryLimit());
        return space;
    }

    /** The cache drops blocks whose code is written to or unmapped. */
    @Provides
    @ProcessScope
    static TbCache tbCache(GuestMemory memory, AddressSpace space, RunRequest request) {
        TbCache cache = new TbCache(request.exec().tbSize());
        memory.setCodeWriteListener(cache);
        space.setCodeInvalidator(cache);
        return cache;
    }

    @Provides
    @ProcessScope
    static LinuxProcess linux(GuestArch arch, AddressSpace space, Libc libc, LinuxAbi abi, Sysroot sysroot,
            RunRequest request, ProcessStart start, ProcessTable processes) {
        String absolute = Path.of(start.program()).toAbsolutePath().normalize().toString();
        // "-d int" shows exceptions: then a fatal signal is announced as qemu does when it dumps core
        boolean announce = LoggerFactory.getLogger("tcg4j.int").isDebugEnabled();
        LinuxProcess linux = new LinuxProcess(arch, space, libc, abi, absolute, sysroot, request.progName(),
                request.stderr(), announce, processes, start.pid());
        RunRequest.HostStdio stdio = request.stdio();
        if (!stdio.equals(RunRequest.HostStdio.INHERIT)) {
            linux.context().fds().setStdio(stdio.in(), stdio.out(), stdio.err());
        }
        return linux;
    }

    /** The -L prefix; {@link GuestRun} finds the interpreter through it, the file system calls absolute paths. */
    @Provides
    @ProcessScope
    static Sysroot sysroot(RunRequest request) {
        return Sysroot.of(request.sysroot());
    }

    /** The Linux process, with the plugins told of system calls and of signals entering and leaving handlers. */
    @Provides
    @ProcessScope
    static GuestEvents events(LinuxProcess process, PluginHost plugins, GuestArch arch) {
        return new PluginReportingEvents(process, plugins, arch);
    }
}
