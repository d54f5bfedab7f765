package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.plugin.api.Discontinuity;
import dev.tcg4j.runtime.exec.GuestEvents;
import dev.tcg4j.runtime.linux.LinuxProcess;
import java.util.OptionalLong;

/**
 * The Linux process's handling of guest events, with the plugins told: system call entry (where a
 * filter may perform the call itself), return, and the pc jumps of user mode, as QEMU's
 * discontinuity callbacks: a system call is a host call (from the {@code ecall} to where the guest
 * resumes, which {@code rt_sigreturn} moves to the interrupted code), a signal raised by an
 * instruction entering its handler an exception, and any other signal entering its handler an
 * interrupt. Costs a few list checks per event when no plugin watches.
 */
final class PluginReportingEvents implements GuestEvents {
    private final LinuxProcess linux;
    private final PluginHost plugins;
    private final int pcSlot;
    private final int nrSlot;
    private final int[] argSlots;
    private final int retSlot;
    private final int insnSize;

    PluginReportingEvents(LinuxProcess linux, PluginHost plugins, GuestArch arch) {
        this.linux = linux;
        this.plugins = plugins;
        this.pcSlot = arch.pcSlot();
        this.nrSlot = arch.syscallNumberSlot();
        this.argSlots = arch.syscallArgSlots();
        this.retSlot = arch.syscallReturnSlot();
        this.insnSize = arch.syscallInsnSize();
    }

    @Override
    public void syscall(CpuState cpu) {
        if (!plugins.wantsSyscalls()) {
            linux.performSyscall(cpu);
            deliverPending(cpu);
            return;
        }
        long[] r = cpu.regs;
        long pc = r[pcSlot];
        long nr = r[nrSlot];
        long[] args = new long[argSlots.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = r[argSlots[i]];
        }
        OptionalLong filtered = plugins.syscallEntry(cpu, nr, args);
        long result;
        if (filtered.isPresent()) {
            result = filtered.getAsLong();
            r[retSlot] = result;
            r[pcSlot] = pc + insnSize;
        } else {
            linux.performSyscall(cpu);
            result = r[retSlot];
        }
        plugins.syscallReturn(cpu, nr, result);
        if (plugins.wantsDiscontinuity(Discontinuity.HOSTCALL)) {
            plugins.discontinuity(cpu, Discontinuity.HOSTCALL, pc, r[pcSlot]);
        }
        deliverPending(cpu);
    }

    @Override
    public void trap(CpuState cpu, GuestTrap trap, long pc) {
        linux.trap(cpu, trap, pc);
        if (plugins.wantsDiscontinuity(Discontinuity.EXCEPTION)) {
            plugins.discontinuity(cpu, Discontinuity.EXCEPTION, pc, cpu.regs[pcSlot]);
        }
    }

    @Override
    public void interrupt(CpuState cpu) {
        deliverPending(cpu);
    }

    private void deliverPending(CpuState cpu) {
        long from = cpu.regs[pcSlot];
        linux.deliverPendingSignals(cpu);
        long to = cpu.regs[pcSlot];
        if (to != from && plugins.wantsDiscontinuity(Discontinuity.INTERRUPT)) {
            plugins.discontinuity(cpu, Discontinuity.INTERRUPT, from, to);
        }
    }
}
