package dev.tcg4j.plugin.api;

/** Called after a guest memory access of an instrumented instruction. */
@FunctionalInterface
public interface MemCallback {
    /**
     * @param info the access (size, direction, value); valid only during this call
     * @param vaddr the guest virtual address accessed
     */
    void onMem(int vcpuIndex, MemInfo info, long vaddr, Object userData);
}
