package dev.tcg4j.runtime.wiring;

import dev.tcg4j.runtime.exec.TbCache;
import dagger.BindsInstance;
import dagger.Subcomponent;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.exec.Vcpu;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.fs.Sysroot;

/**
 * One guest process: its address space, its translated blocks, its Linux state (files, signals,
 * system calls) and its vCPUs. A run makes the first; fork and execve make others from the same
 * factory ({@link GuestProcesses}), and a new thread is one more {@link #vcpus()} call.
 */
@ProcessScope
@Subcomponent(modules = ProcessModule.class)
public interface ProcessComponent {
    /** The process's memory: made on first use, closed by whoever ends the process. */
    GuestMemory memory();

    AddressSpace addressSpace();

    /** The process's Linux side. */
    LinuxProcess linux();

    /** The -L prefix paths are looked up in. */
    Sysroot sysroot();

    Vcpu.Factory vcpus();

    /** The process's translated blocks: plugins drop them all (QEMU's tb_flush) through it. */
    TbCache tbCache();

    @Subcomponent.Factory
    interface Factory {
        ProcessComponent create(@BindsInstance ProcessStart start);
    }
}
