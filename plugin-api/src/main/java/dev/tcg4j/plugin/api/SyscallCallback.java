package dev.tcg4j.plugin.api;

/** Called when a vCPU enters a system call, before it runs, as QEMU's {@code qemu_plugin_vcpu_syscall_cb_t}. */
@FunctionalInterface
public interface SyscallCallback {
    /**
     * @param number the system call number
     * @param args its six arguments (a copy; changing it changes nothing)
     */
    void onSyscall(int vcpuIndex, long number, long[] args);
}
