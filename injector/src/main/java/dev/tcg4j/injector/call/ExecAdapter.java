package dev.tcg4j.injector.call;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.ExitProcess;
import dev.tcg4j.ir.cpu.ResumeAt;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.RegAccess;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Holds one registered execution callback with its user data, and is the receiver of the bound
 * helper that translated code calls. Small and final so that the JIT can inline through it.
 *
 * <p>A callback that asked for registers runs inside its vCPU's {@link VcpuScope}, which tells the API
 * what it may do and which pc it is at (the block's or the instruction's address: translated code does
 * not keep the pc up to date between instructions).
 */
public final class ExecAdapter implements ExecHook {
    private static final MethodType TYPE = MethodType.methodType(void.class, long.class);

    private final PluginSession session;
    private final int generation;
    private final ExecCallback callback;
    private final Object userData;
    private final RegAccess regs;
    private final long pc;

    public ExecAdapter(PluginSession session, ExecCallback callback, Object userData, RegAccess regs, long pc) {
        this.session = Objects.requireNonNull(session);
        this.generation = session.generation();
        this.callback = Objects.requireNonNull(callback, "callback");
        this.userData = userData;
        this.regs = Objects.requireNonNull(regs, "register access");
        this.pc = pc;
    }

    @Override
    public void onExec(long vcpuIndex) {
        if (!session.isCurrent(generation)) {
            return;
        }
        int vcpu = (int) vcpuIndex;
        VcpuScope scope = regs == RegAccess.NO_REGS ? null : session.scopes().get(vcpu);
        RegAccess before = null;
        long pcBefore = 0;
        if (scope != null) {
            pcBefore = scope.pc();
            before = scope.enter(regs, pc);
        }
        try {
            callback.onExec(vcpu, userData);
        } catch (ResumeAt | ExitProcess r) {
            throw r;
        } catch (Throwable t) {
            throw PluginCalls.failure(session.name(), t);
        } finally {
            if (scope != null) {
                scope.leave(before, pcBefore);
            }
        }
    }

    public String plugin() {
        return session.name();
    }

    /** The helper that calls this adapter, with the call flags of its register access. */
    public Helper helper(int flags) {
        return Helper.bound(HelperNames.of(session.name(), "exec"), ExecHook.class, "onExec", TYPE, flags, this);
    }
}
