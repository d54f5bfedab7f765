package dev.tcg4j.plugin.api;

/**
 * Called when a system call returns to the guest, with the value the guest sees (a negative errno
 * for a failure), as QEMU's {@code qemu_plugin_vcpu_syscall_ret_cb_t}. A call that does not return
 * ({@code exit}, {@code exit_group}) gets none.
 */
@FunctionalInterface
public interface SyscallReturnCallback {
    void onSyscallReturn(int vcpuIndex, long number, long result);
}
