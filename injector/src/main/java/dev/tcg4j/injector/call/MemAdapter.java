package dev.tcg4j.injector.call;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.ExitProcess;
import dev.tcg4j.ir.cpu.ResumeAt;
import dev.tcg4j.plugin.api.MemCallback;
import dev.tcg4j.plugin.api.RegAccess;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Holds one registered memory callback with its user data; the receiver of its bound helper. As
 * {@link ExecAdapter}, a callback that asked for registers runs in its vCPU's scope at the pc of its
 * instruction.
 */
public final class MemAdapter implements MemHook {
    private static final MethodType TYPE =
            MethodType.methodType(void.class, long.class, long.class, long.class, long.class);

    private final PluginSession session;
    private final int generation;
    private final MemCallback callback;
    private final Object userData;
    private final RegAccess regs;
    private final long pc;

    public MemAdapter(PluginSession session, MemCallback callback, Object userData, RegAccess regs, long pc) {
        this.session = Objects.requireNonNull(session);
        this.generation = session.generation();
        this.callback = Objects.requireNonNull(callback, "callback");
        this.userData = userData;
        this.regs = Objects.requireNonNull(regs, "register access");
        this.pc = pc;
    }

    @Override
    public void onMem(long vcpuIndex, long meminfo, long vaddr, long value) {
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
            callback.onMem(vcpu, new AccessInfo((int) meminfo, value), vaddr, userData);
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

    public Helper helper(int flags) {
        return Helper.bound(HelperNames.of(session.name(), "mem"), MemHook.class, "onMem", TYPE, flags, this);
    }
}
