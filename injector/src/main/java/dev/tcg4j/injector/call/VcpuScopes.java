package dev.tcg4j.injector.call;

import dev.tcg4j.ir.cpu.CpuState;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The {@link VcpuScope} of every started vCPU, by index. */
public final class VcpuScopes {
    private final AtomicReferenceArray<VcpuScope> scopes;

    public VcpuScopes(int maxVcpus) {
        this.scopes = new AtomicReferenceArray<>(maxVcpus);
    }

    /** Called on the vCPU's own thread when it starts. */
    public VcpuScope started(CpuState cpu) {
        VcpuScope s = new VcpuScope(cpu, Thread.currentThread());
        scopes.set(cpu.vcpuIndex, s);
        return s;
    }

    /**
     * The scope of {@code vcpuIndex}, or null when no such vCPU started. A plain read first: callers
     * are nearly always the vCPU's own thread, which wrote its scope, and VcpuScope's fields are final,
     * so a scope seen at all is whole; only a miss pays the volatile read.
     */
    public VcpuScope get(int vcpuIndex) {
        if (vcpuIndex < 0 || vcpuIndex >= scopes.length()) {
            return null;
        }
        VcpuScope s = scopes.getPlain(vcpuIndex);
        return s != null ? s : scopes.get(vcpuIndex);
    }
}
