package dev.tcg4j.plugin.api;

/**
 * Called when an instrumented block or instruction executes. Runs in translated code on the vCPU's
 * thread: keep it short.
 */
@FunctionalInterface
public interface ExecCallback {
    void onExec(int vcpuIndex, Object userData);
}
