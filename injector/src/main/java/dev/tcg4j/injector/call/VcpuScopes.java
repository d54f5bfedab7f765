package dev.tcg4j.injector.call;

import dev.tcg4j.ir.cpu.CpuState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The {@link VcpuScope} of every started vCPU, by index. */
public final class VcpuScopes {
    private static final VarHandle SCOPE = MethodHandles.arrayElementVarHandle(VcpuScope[].class);

    private final VcpuScope[] scopes;

    public VcpuScopes(int maxVcpus) {
        this.scopes = new VcpuScope[maxVcpus];
    }

    /** Called on the vCPU's own thread when it starts. */
    public VcpuScope started(CpuState cpu) {
        VcpuScope s = new VcpuScope(cpu, Thread.currentThread());
        SCOPE.setVolatile(scopes, cpu.vcpuIndex, s);
        return s;
    }

    /**
     * The scope of {@code vcpuIndex}, or null when no such vCPU started. A plain read first: callers
     * are nearly always the vCPU's own thread, which wrote its scope, and VcpuScope's fields that
     * another thread reads are final, so a scope seen at all is whole; only a miss pays the volatile
     * read.
     */
    public VcpuScope get(int vcpuIndex) {
        if (vcpuIndex < 0 || vcpuIndex >= scopes.length) {
            return null;
        }
        VcpuScope s = scopes[vcpuIndex];
        return s != null ? s : (VcpuScope) SCOPE.getVolatile(scopes, vcpuIndex);
    }
}
