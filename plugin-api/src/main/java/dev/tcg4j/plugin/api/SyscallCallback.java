package dev.tcg4j.plugin.api;

/** Called when a vCPU enters a system call, before it runs, as QEMU's {@code qemu_plugin_vcpu_syscall_cb_t}. */
@FunctionalInterface
public interface SyscallCallback {
    /**
     * The vCPU is entering a system call. Runs on that vCPU's own thread.
     *
     * @param vcpuIndex the calling vCPU
     * @param number the system call number
     * @param args its six arguments (a copy; changing it changes nothing)
     */
    void onSyscall(int vcpuIndex, long number, long[] args);
}
