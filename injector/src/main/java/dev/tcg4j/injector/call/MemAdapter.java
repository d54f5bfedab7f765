package dev.tcg4j.injector.call;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.plugin.api.MemCallback;
import dev.tcg4j.plugin.api.RegAccess;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Holds one registered memory callback with its user data; the receiver of its bound helper. A
 * record for the reason {@link ExecAdapter} is one. As there, a callback that asked for registers
 * runs in its vCPU's scope at the pc of its instruction.
 */
public record MemAdapter(PluginSession session, Generation generation, MemCallback callback, Object userData,
        RegAccess regs, long pc) implements MemHook {
    private static final MethodType TYPE =
            MethodType.methodType(void.class, long.class, long.class, long.class, long.class);

    public MemAdapter {
        Objects.requireNonNull(session);
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(regs, "register access");
    }

    /** The adapter of a callback registered now, in the session's current generation. */
    public static MemAdapter of(PluginSession session, MemCallback callback, Object userData, RegAccess regs,
            long pc) {
        return new MemAdapter(session, session.generation(), callback, userData, regs, pc);
    }

    /** Shaped as {@link ExecAdapter#onExec}, for the same reason. */
    @Override
    public void onMem(long vcpuIndex, long meminfo, long vaddr, long value) {
        if (regs == RegAccess.NO_REGS && generation.isCurrent()) {
            try {
                callback.onMem((int) vcpuIndex, new AccessInfo((int) meminfo, value), vaddr, userData);
            } catch (Throwable t) {
                throw PluginCalls.rethrow(session, t);
            }
        } else if (generation.isCurrent()) {
            onMemInScope((int) vcpuIndex, (int) meminfo, vaddr, value);
        }
    }

    private void onMemInScope(int vcpu, int meminfo, long vaddr, long value) {
        VcpuScope scope = session.scopes().get(vcpu);
        if (scope == null) { // a vCPU that never started has no scope to enter
            callNoScope(vcpu, meminfo, vaddr, value);
            return;
        }
        long pcBefore = scope.pc();
        RegAccess before = scope.enter(regs, pc);
        try {
            callback.onMem(vcpu, new AccessInfo(meminfo, value), vaddr, userData);
        } catch (Throwable t) {
            throw PluginCalls.rethrow(session, t);
        } finally {
            scope.leave(before, pcBefore);
        }
    }

    private void callNoScope(int vcpu, int meminfo, long vaddr, long value) {
        try {
            callback.onMem(vcpu, new AccessInfo(meminfo, value), vaddr, userData);
        } catch (Throwable t) {
            throw PluginCalls.rethrow(session, t);
        }
    }

    public Helper helper(int flags) {
        return Helper.bound(HelperNames.of(session.name(), "mem"), MemHook.class, "onMem", TYPE, flags, this);
    }

    // identity, as for any registration: two registrations of one callback are two callbacks
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "memory callback of " + session.name() + " at 0x" + Long.toHexString(pc);
    }
}
