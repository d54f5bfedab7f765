package dev.tcg4j.plugin.api;

/**
 * Called after a vCPU's pc jumped for a {@link Discontinuity}, as QEMU's
 * {@code qemu_plugin_vcpu_discon_cb_t}: the vCPU is ready to run {@code toPc}.
 */
@FunctionalInterface
public interface DiscontinuityCallback {
    /**
     * The vCPU's pc jumped. Runs on the vCPU's own thread.
     *
     * @param vcpuIndex the vCPU that jumped
     * @param kind why it jumped
     * @param fromPc for an exception or a host call the instruction that caused it; for an interrupt
     *     the instruction that would have run next
     * @param toPc the next instruction the vCPU runs
     */
    void onDiscontinuity(int vcpuIndex, Discontinuity kind, long fromPc, long toPc);
}
