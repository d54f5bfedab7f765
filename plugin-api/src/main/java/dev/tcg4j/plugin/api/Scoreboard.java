package dev.tcg4j.plugin.api;

/**
 * Per-vCPU storage that inline operations update without calls or locks: each vCPU owns a row of
 * {@link #u64PerVcpu()} 64-bit entries.
 *
 * <p>Threading: a vCPU's row is written by that vCPU's thread alone (its inline operations and its
 * callbacks), without locks or memory barriers. Read and write a row from callbacks of the same vCPU;
 * a value read from another vCPU's thread may be stale, and a write to another vCPU's row may be
 * lost. At exit ({@link PluginContext#onExit}) every vCPU has stopped and every row is final.
 */
public interface Scoreboard {
    /**
     * The row's width.
     *
     * @return the number of 64-bit entries in each vCPU's row
     */
    int u64PerVcpu();

    /**
     * One entry of every vCPU's row.
     *
     * @param index 0 to {@code u64PerVcpu() - 1}
     * @return the entry at {@code index}, seen across vCPUs
     */
    ScoreboardU64 u64(int index);
}
