package dev.tcg4j.plugin.api;

/**
 * Called when a system call returns to the guest, with the value the guest sees (a negative errno
 * for a failure), as QEMU's {@code qemu_plugin_vcpu_syscall_ret_cb_t}. A call that does not return
 * ({@code exit}, {@code exit_group}) gets none.
 */
@FunctionalInterface
public interface SyscallReturnCallback {
    /**
     * The call returned. Runs on the calling vCPU's own thread.
     *
     * @param vcpuIndex the calling vCPU
     * @param number the system call number
     * @param result what the guest gets
     */
    void onSyscallReturn(int vcpuIndex, long number, long result);
}
