package dev.tcg4j.injector.call;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.plugin.api.MemCallback;
import java.lang.invoke.MethodType;
import java.util.Objects;

/** Holds one registered memory callback with its user data; the receiver of its bound helper. */
public final class MemAdapter implements MemHook {
    private static final MethodType TYPE =
            MethodType.methodType(void.class, long.class, long.class, long.class, long.class);

    private final String plugin;
    private final MemCallback callback;
    private final Object userData;

    public MemAdapter(String plugin, MemCallback callback, Object userData) {
        this.plugin = Objects.requireNonNull(plugin);
        this.callback = Objects.requireNonNull(callback, "callback");
        this.userData = userData;
    }

    @Override
    public void onMem(long vcpuIndex, long meminfo, long vaddr, long value) {
        try {
            callback.onMem((int) vcpuIndex, new AccessInfo((int) meminfo, value), vaddr, userData);
        } catch (Throwable t) {
            throw PluginCalls.failure(plugin, t);
        }
    }

    public Helper helper(int flags) {
        return Helper.bound(HelperNames.of(plugin, "mem"), MemHook.class, "onMem", TYPE, flags, this);
    }
}
