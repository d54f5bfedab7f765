package dev.tcg4j.plugin.api;

/** Called after a guest memory access of an instrumented instruction. */
@FunctionalInterface
public interface MemCallback {
    /**
     * The access happened. Runs on the accessing vCPU's own thread.
     *
     * @param vcpuIndex the vCPU that accessed memory
     * @param info the access (size, direction, value); valid only during this call
     * @param vaddr the guest virtual address accessed
     * @param userData what the registration was given
     */
    void onMem(int vcpuIndex, MemInfo info, long vaddr, Object userData);
}
