package dev.tcg4j.injector.call;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.plugin.api.ExecCallback;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Holds one registered execution callback with its user data, and is the receiver of the bound
 * helper that translated code calls. Small and final so that the JIT can inline through it.
 */
public final class ExecAdapter implements ExecHook {
    private static final MethodType TYPE = MethodType.methodType(void.class, long.class);

    private final String plugin;
    private final ExecCallback callback;
    private final Object userData;

    public ExecAdapter(String plugin, ExecCallback callback, Object userData) {
        this.plugin = Objects.requireNonNull(plugin);
        this.callback = Objects.requireNonNull(callback, "callback");
        this.userData = userData;
    }

    @Override
    public void onExec(long vcpuIndex) {
        try {
            callback.onExec((int) vcpuIndex, userData);
        } catch (Throwable t) {
            throw PluginCalls.failure(plugin, t);
        }
    }

    public String plugin() {
        return plugin;
    }

    /** The helper that calls this adapter, with the call flags of its register access. */
    public Helper helper(int flags) {
        return Helper.bound(HelperNames.of(plugin, "exec"), ExecHook.class, "onExec", TYPE, flags, this);
    }
}
