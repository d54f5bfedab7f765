package dev.tcg4j.plugin.api;

/** Called when a vCPU starts or stops. */
@FunctionalInterface
public interface VcpuCallback {
    void onVcpu(int vcpuIndex);
}
