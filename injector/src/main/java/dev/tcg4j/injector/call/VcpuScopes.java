package dev.tcg4j.injector.call;

import dev.tcg4j.ir.cpu.CpuState;
import java.util.Arrays;

/**
 * The {@link VcpuScope} of every started vCPU, by index, however many start. Read on every
 * register or memory access from a callback: a start publishes a new copy of the array, so a
 * reader pays one volatile field read (a plain load on x86) and a plain element read.
 */
public final class VcpuScopes {
    private volatile VcpuScope[] scopes = new VcpuScope[8];

    /** Called on the vCPU's own thread when it starts. */
    public synchronized VcpuScope started(CpuState cpu) {
        VcpuScope s = new VcpuScope(cpu, Thread.currentThread());
        VcpuScope[] grown = Arrays.copyOf(scopes, Math.max(scopes.length, 2 * cpu.vcpuIndex + 1));
        grown[cpu.vcpuIndex] = s;
        scopes = grown;
        return s;
    }

    /** The scope of {@code vcpuIndex}, or null when no such vCPU started. */
    public VcpuScope get(int vcpuIndex) {
        VcpuScope[] s = scopes;
        return vcpuIndex >= 0 && vcpuIndex < s.length ? s[vcpuIndex] : null;
    }
}
