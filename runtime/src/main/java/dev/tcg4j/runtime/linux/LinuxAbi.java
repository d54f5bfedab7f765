package dev.tcg4j.runtime.linux;

import dev.tcg4j.runtime.linux.signal.SignalFrames;
import dev.tcg4j.runtime.linux.syscall.SyscallTable;
import java.util.Map;

/**
 * What Linux does differently on each guest architecture, as far as the runtime cares: bound by
 * the architecture's Dagger module (riscv64's is {@code linux.riscv64.Riscv64LinuxModule}), never
 * chosen by comparing the architecture's name.
 */
public interface LinuxAbi {
    /** The architecture's system call numbers. */
    SyscallTable syscalls();

    /** How a signal handler is entered and left. */
    SignalFrames signalFrames();

    /** The register slot of the thread pointer, which clone's CLONE_SETTLS sets in the new thread. */
    int threadPointerSlot();

    /** What uname(2) reports as the machine, as that architecture's kernel does. */
    String machine();

    /** AT_HWCAP of the initial auxiliary vector: the guest CPU's features, in that kernel's encoding. */
    long hwcap();

    /**
     * The key/value pairs of the architecture's hardware-probe system call (riscv_hwprobe), by key,
     * for the keys that depend on the ISA alone; empty for an architecture without one.
     */
    Map<Long, Long> hwprobe();
}
