package dev.tcg4j.injector.call;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.plugin.api.RegAccess;

/**
 * What the plugin API may do with one vCPU right now: the register access of the callback running on
 * it and the pc that callback reports. Written only by the vCPU's own thread.
 */
public final class VcpuScope {
    private final CpuState cpu;
    private final Thread thread;
    private RegAccess access = RegAccess.NO_REGS;
    private long pc;

    VcpuScope(CpuState cpu, Thread thread) {
        this.cpu = cpu;
        this.thread = thread;
    }

    public CpuState cpu() {
        return cpu;
    }

    public RegAccess access() {
        return access;
    }

    public long pc() {
        return pc;
    }

    public boolean onOwnThread() {
        return Thread.currentThread() == thread;
    }

    /** Enters a callback with {@code access} reporting {@code pc}; returns what to restore on leaving. */
    public RegAccess enter(RegAccess newAccess, long newPc) {
        RegAccess old = access;
        access = newAccess;
        pc = newPc;
        return old;
    }

    public void leave(RegAccess previous, long previousPc) {
        access = previous;
        pc = previousPc;
    }
}
