package dev.tcg4j.plugin.api;

/**
 * Called when an instrumented block or instruction executes. Runs in translated code on the vCPU's
 * thread: keep it short.
 */
@FunctionalInterface
public interface ExecCallback {
    /**
     * The instrumented block or instruction is executing.
     *
     * @param vcpuIndex the vCPU executing it, whose thread this is
     * @param userData what the registration was given
     */
    void onExec(int vcpuIndex, Object userData);
}
