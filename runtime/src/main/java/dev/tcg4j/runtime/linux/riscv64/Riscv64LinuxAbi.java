package dev.tcg4j.runtime.linux.riscv64;

import dev.tcg4j.frontend.riscv.RiscvIsa;
import dev.tcg4j.runtime.linux.LinuxAbi;
import dev.tcg4j.runtime.linux.signal.SignalFrames;
import dev.tcg4j.runtime.linux.syscall.SyscallTable;
import java.util.Map;
import javax.inject.Inject;

/**
 * Linux on riscv64: the asm-generic system call numbers, riscv64's rt_sigframe, machine "riscv64",
 * and the AT_HWCAP bits and riscv_hwprobe pairs of the extensions the RISC-V frontend implements
 * ({@link RiscvIsa}, derived from its encoding tables).
 */
public final class Riscv64LinuxAbi implements LinuxAbi {
    private final SyscallTable syscalls = SyscallTable.asmGeneric();
    private final SignalFrames frames = new Riscv64SignalFrames();

    @Inject
    public Riscv64LinuxAbi() {}

    @Override
    public SyscallTable syscalls() {
        return syscalls;
    }

    @Override
    public SignalFrames signalFrames() {
        return frames;
    }

    /** tp (x4): the ABI's thread pointer, which glibc and the TLS model use. */
    @Override
    public int threadPointerSlot() {
        return 4;
    }

    @Override
    public String machine() {
        return "riscv64";
    }

    @Override
    public long hwcap() {
        return RiscvIsa.hwcap();
    }

    @Override
    public Map<Long, Long> hwprobe() {
        return RiscvIsa.hwprobe();
    }
}
