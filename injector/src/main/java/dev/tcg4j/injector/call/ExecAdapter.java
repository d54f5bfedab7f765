package dev.tcg4j.injector.call;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.RegAccess;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Holds one registered execution callback with its user data, and is the receiver of the bound
 * helper that translated code calls.
 *
 * <p>A record, because HotSpot trusts the final fields of records: translated code holds the adapter
 * as a constant, so the JIT folds its callback, user data, register access and generation into the
 * call site and calls the plugin's callback directly, as QEMU's generated code calls its function
 * pointer. {@link #onExec} stays small enough to inline anywhere; the rarer callbacks that asked for
 * registers take {@link #onExecInScope}.
 *
 * <p>A callback that asked for registers runs inside its vCPU's {@link VcpuScope}, which tells the API
 * what it may do and which pc it is at (the block's or the instruction's address: translated code does
 * not keep the pc up to date between instructions).
 */
public record ExecAdapter(PluginSession session, Generation generation, ExecCallback callback, Object userData,
        RegAccess regs, long pc) implements ExecHook {
    private static final MethodType TYPE = MethodType.methodType(void.class, long.class);

    public ExecAdapter {
        Objects.requireNonNull(session);
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(regs, "register access");
    }

    /** The adapter of a callback registered now, in the session's current generation. */
    public static ExecAdapter of(PluginSession session, ExecCallback callback, Object userData, RegAccess regs,
            long pc) {
        return new ExecAdapter(session, session.generation(), callback, userData, regs, pc);
    }

    /**
     * Kept to the fewest bytecodes: translated code inlines this once per instruction, and HotSpot
     * stops inlining into a method once 8000 bytes are inlined (DesiredMethodLimit), after which
     * every further callback of the block is a real call that spills the guest's registers (a block
     * of 122 instructions of sha256 inlined 58 callbacks and called 64).
     */
    @Override
    public void onExec(long vcpuIndex) {
        if (regs == RegAccess.NO_REGS && generation.isCurrent()) {
            try {
                callback.onExec((int) vcpuIndex, userData);
            } catch (Throwable t) {
                throw PluginCalls.rethrow(session, t);
            }
        } else if (generation.isCurrent()) {
            onExecInScope((int) vcpuIndex);
        }
    }

    private void callNoScope(int vcpu) {
        try {
            callback.onExec(vcpu, userData);
        } catch (Throwable t) {
            throw PluginCalls.rethrow(session, t);
        }
    }

    private void onExecInScope(int vcpu) {
        VcpuScope scope = session.scopes().get(vcpu);
        if (scope == null) { // a vCPU that never started has no scope to enter
            callNoScope(vcpu);
            return;
        }
        long pcBefore = scope.pc();
        RegAccess before = scope.enter(regs, pc);
        try {
            callback.onExec(vcpu, userData);
        } catch (Throwable t) {
            throw PluginCalls.rethrow(session, t);
        } finally {
            scope.leave(before, pcBefore);
        }
    }

    public String plugin() {
        return session.name();
    }

    /** The helper that calls this adapter, with the call flags of its register access. */
    public Helper helper(int flags) {
        return Helper.bound(HelperNames.of(session.name(), "exec"), ExecHook.class, "onExec", TYPE, flags, this);
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
        return "exec callback of " + session.name() + " at 0x" + Long.toHexString(pc);
    }
}
