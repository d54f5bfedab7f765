package dev.tcg4j.injector.score;

import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.function.IntSupplier;

/**
 * A scoreboard: one {@code long[]} holding a row of {@code stride} entries per vCPU, row {@code v} at
 * {@code v * stride}. Translated code updates it in place (HOST_LD/HOST_ST ops with the array as a
 * constant), so the array is allocated once, for {@code maxVcpus} rows, and never replaced: a bigger
 * array would leave already-translated blocks updating the old one. A vCPU index at or past
 * {@code maxVcpus} is refused when the vCPU starts (see {@code PluginCore.vcpuInit}).
 */
public final class ScoreboardStore implements Scoreboard {
    private final long[] storage;
    private final int stride;
    private final int maxVcpus;
    private final IntSupplier vcpuCount;
    private final ScoreboardSlot[] slots;

    public ScoreboardStore(int stride, int maxVcpus, IntSupplier vcpuCount) {
        if (stride < 1) {
            throw new IllegalArgumentException("a scoreboard needs at least one entry per vCPU, got " + stride);
        }
        this.stride = stride;
        this.maxVcpus = maxVcpus;
        this.vcpuCount = vcpuCount;
        this.storage = new long[Math.multiplyExact(stride, maxVcpus)];
        this.slots = new ScoreboardSlot[stride];
        for (int i = 0; i < stride; i++) {
            slots[i] = new ScoreboardSlot(this, i);
        }
    }

    @Override
    public int u64PerVcpu() {
        return stride;
    }

    @Override
    public ScoreboardU64 u64(int index) {
        if (index < 0 || index >= stride) {
            throw new IndexOutOfBoundsException("entry " + index + " of a scoreboard with " + stride + " per vCPU");
        }
        return slots[index];
    }

    long[] storage() {
        return storage;
    }

    int stride() {
        return stride;
    }

    int maxVcpus() {
        return maxVcpus;
    }

    int vcpuCount() {
        return vcpuCount.getAsInt();
    }
}
