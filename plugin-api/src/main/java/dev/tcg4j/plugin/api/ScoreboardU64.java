package dev.tcg4j.plugin.api;

/**
 * One 64-bit entry of a {@link Scoreboard}, seen across vCPUs, as QEMU's {@code qemu_plugin_u64}.
 * Values are unsigned 64-bit integers held in a {@code long}.
 */
public interface ScoreboardU64 {
    /** The entry of vCPU {@code vcpuIndex}. */
    long get(int vcpuIndex);

    void set(int vcpuIndex, long value);

    /** Adds {@code delta} to the entry of vCPU {@code vcpuIndex} (wrapping like u64). */
    void add(int vcpuIndex, long delta);

    /** The sum of the entry over every vCPU started so far. */
    long sum();
}
