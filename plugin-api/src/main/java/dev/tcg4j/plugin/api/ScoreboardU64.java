package dev.tcg4j.plugin.api;

/**
 * One 64-bit entry of a {@link Scoreboard}, seen across vCPUs, as QEMU's {@code qemu_plugin_u64}.
 * Values are unsigned 64-bit integers held in a {@code long}.
 */
public interface ScoreboardU64 {
    /**
     * Reads one vCPU's entry; see {@link Scoreboard} for which threads may.
     *
     * @param vcpuIndex the vCPU
     * @return the entry of vCPU {@code vcpuIndex}
     */
    long get(int vcpuIndex);

    /**
     * Sets one vCPU's entry, from that vCPU's own callbacks (see {@link Scoreboard}).
     *
     * @param vcpuIndex the vCPU
     * @param value the new value
     */
    void set(int vcpuIndex, long value);

    /**
     * Adds to one vCPU's entry (wrapping like u64), from that vCPU's own callbacks.
     *
     * @param vcpuIndex the vCPU
     * @param delta the amount
     */
    void add(int vcpuIndex, long delta);

    /**
     * The entry summed over the vCPUs: exact at exit, a snapshot that may be stale while vCPUs run.
     *
     * @return the sum of the entry over every vCPU started so far
     */
    long sum();
}
