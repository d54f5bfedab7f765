package dev.tcg4j.plugin.api;

/**
 * Per-vCPU storage that inline operations update without calls or locks: each vCPU owns a row of
 * {@link #u64PerVcpu()} 64-bit entries. Read it from callbacks of the same vCPU, or at exit.
 */
public interface Scoreboard {
    int u64PerVcpu();

    /** The entry at {@code index} (0 to {@code u64PerVcpu() - 1}) of every vCPU's row. */
    ScoreboardU64 u64(int index);
}
