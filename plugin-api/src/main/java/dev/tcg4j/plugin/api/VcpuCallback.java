package dev.tcg4j.plugin.api;

/** Called when a vCPU starts or stops. */
@FunctionalInterface
public interface VcpuCallback {
    /**
     * The vCPU started or stopped. Runs on that vCPU's own thread.
     *
     * @param vcpuIndex the vCPU
     */
    void onVcpu(int vcpuIndex);
}
