package dev.tcg4j.plugin.api;

import java.util.OptionalLong;

/**
 * Decides whether a system call runs, as QEMU's {@code qemu_plugin_vcpu_syscall_filter_cb_t}. Called
 * after the entry callbacks. Returning a value skips the call: the guest sees that value as its result
 * (return callbacks see it too) and the next filters are not asked. Returning
 * {@link OptionalLong#empty()} lets the call go on. The filter may read and write registers and memory,
 * and {@link PluginContext#setPc} leaves the call unperformed and resumes the guest elsewhere.
 */
@FunctionalInterface
public interface SyscallFilter {
    /**
     * Decides. Runs on the calling vCPU's own thread.
     *
     * @param vcpuIndex the calling vCPU
     * @param number the system call number
     * @param args its six arguments
     * @return the result the guest gets instead of the call, or empty to let the call run
     */
    OptionalLong filter(int vcpuIndex, long number, long[] args);
}
