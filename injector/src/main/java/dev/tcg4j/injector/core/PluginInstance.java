package dev.tcg4j.injector.core;

import dev.tcg4j.injector.call.PluginSession;
import dev.tcg4j.injector.call.VcpuScope;
import dev.tcg4j.injector.score.ScoreboardStore;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.ExitProcess;
import dev.tcg4j.ir.cpu.ResumeAt;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.plugin.api.Discontinuity;
import dev.tcg4j.plugin.api.DiscontinuityCallback;
import dev.tcg4j.plugin.api.ExitCallback;
import dev.tcg4j.plugin.api.FlushCallback;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Register;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.SyscallCallback;
import dev.tcg4j.plugin.api.SyscallFilter;
import dev.tcg4j.plugin.api.SyscallReturnCallback;
import dev.tcg4j.plugin.api.TbTranslateCallback;
import dev.tcg4j.plugin.api.VcpuCallback;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One installed plugin's context: every registration made through it is tagged with the plugin's session. */
final class PluginInstance implements PluginContext {
    private final PluginSession session;
    private final PluginCore core;

    PluginInstance(PluginSession session, PluginCore core) {
        this.session = session;
        this.core = core;
    }

    @Override
    public String targetName() {
        return core.targetName();
    }

    @Override
    public int vcpuCount() {
        return core.vcpuCount();
    }

    @Override
    public long startCode() {
        return core.program().startCode();
    }

    @Override
    public long endCode() {
        return core.program().endCode();
    }

    @Override
    public long entryCode() {
        return core.program().entry();
    }

    @Override
    public String binaryPath() {
        return core.program().path();
    }

    @Override
    public void onVcpuInit(VcpuCallback cb) {
        core.addVcpuInit(session, Objects.requireNonNull(cb));
    }

    @Override
    public void onVcpuExit(VcpuCallback cb) {
        core.addVcpuExit(session, Objects.requireNonNull(cb));
    }

    @Override
    public void onExit(ExitCallback cb) {
        core.addAtExit(session, Objects.requireNonNull(cb));
    }

    @Override
    public void onTbTranslate(TbTranslateCallback cb) {
        core.addTbTranslate(session, Objects.requireNonNull(cb));
        PluginCore.LOG.debug("plugin {} registered a TB translation callback", session.name());
    }

    @Override
    public void onSyscall(SyscallCallback cb) {
        core.addSyscall(session, Objects.requireNonNull(cb));
    }

    @Override
    public void onSyscallReturn(SyscallReturnCallback cb) {
        core.addSyscallReturn(session, Objects.requireNonNull(cb));
    }

    @Override
    public void onSyscallFilter(SyscallFilter filter) {
        core.addSyscallFilter(session, Objects.requireNonNull(filter));
    }

    @Override
    public void onDiscontinuity(Set<Discontinuity> kinds, DiscontinuityCallback cb) {
        core.addDiscontinuity(session, Objects.requireNonNull(kinds), Objects.requireNonNull(cb));
    }

    @Override
    public void onFlush(FlushCallback cb) {
        core.addFlush(session, Objects.requireNonNull(cb));
    }

    @Override
    public void out(String text) {
        core.out(text);
    }

    @Override
    public Scoreboard newScoreboard(int u64PerVcpu) {
        return new ScoreboardStore(u64PerVcpu, core::vcpuCount);
    }

    @Override
    public List<Register> registers() {
        return core.registers();
    }

    @Override
    public long readRegister(int vcpuIndex, Register reg) {
        GuestArch.RegisterDescriptor d = core.descriptor(reg);
        VcpuScope s = core.scope(vcpuIndex, RegAccess.R_REGS, "reading register", reg);
        return core.isPc(d) ? s.pc() : core.arch().readRegister(s.cpu().regs, d);
    }

    @Override
    public void writeRegister(int vcpuIndex, Register reg, long value) {
        GuestArch.RegisterDescriptor d = core.descriptor(reg);
        VcpuScope s = core.scope(vcpuIndex, RegAccess.RW_REGS, "writing register", reg);
        if (core.isPc(d)) {
            throw new IllegalArgumentException("the pc is not written with writeRegister: use setPc");
        }
        core.arch().writeRegister(s.cpu().regs, d, value);
    }

    @Override
    public boolean readMemory(int vcpuIndex, long vaddr, byte[] into) {
        GuestMemory m = core.scope(vcpuIndex, RegAccess.NO_REGS, "reading guest memory").cpu().memory;
        if (into.length == 0) {
            return true;
        }
        if (!m.accessible(vaddr, into.length, GuestMemory.READ)) {
            return false;
        }
        m.read(vaddr, into, 0, into.length);
        return true;
    }

    /**
     * A writable range is written as the guest would write it (which drops translations of code on
     * it); a mapped read-only range, such as code being patched, is written past its protection and
     * then every translation is dropped.
     */
    @Override
    public boolean writeMemory(int vcpuIndex, long vaddr, byte[] data) {
        GuestMemory m = core.scope(vcpuIndex, RegAccess.NO_REGS, "writing guest memory").cpu().memory;
        if (data.length == 0) {
            return true;
        }
        if (m.accessible(vaddr, data.length, GuestMemory.WRITE)) {
            m.write(vaddr, data);
            return true;
        }
        for (long page = GuestMemory.pageFloor(vaddr); page < vaddr + data.length; page += GuestMemory.PAGE_SIZE) {
            if (!m.isMapped(page)) {
                return false;
            }
        }
        m.writeInitial(vaddr, data, 0, data.length);
        core.flushTranslations();
        return true;
    }

    @Override
    public void setPc(int vcpuIndex, long pc) {
        core.scope(vcpuIndex, RegAccess.RW_REGS_PC, "setPc");
        throw new ResumeAt(pc);
    }

    @Override
    public void exitProcess(int vcpuIndex, int status) {
        core.scope(vcpuIndex, RegAccess.NO_REGS, "exitProcess");
        throw new ExitProcess(status);
    }

    @Override
    public void reset(Runnable done) {
        core.reset(session, done, false);
    }

    @Override
    public void uninstall(Runnable done) {
        core.reset(session, done, true);
    }

    @Override
    public String toString() {
        return "plugin " + session.name();
    }
}
