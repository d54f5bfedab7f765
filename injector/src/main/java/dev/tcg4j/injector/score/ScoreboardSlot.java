package dev.tcg4j.injector.score;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.ScoreboardU64;

/**
 * One entry of every vCPU's row of a {@link ScoreboardStore}: the element at
 * {@code vcpu * stride() + offset()} of {@link #array()}. The inject pass reads these three numbers
 * to emit inline ops; plugin code reads and writes through the {@link ScoreboardU64} methods.
 */
public final class ScoreboardSlot implements ScoreboardU64 {
    private final ScoreboardStore store;
    // the store's, copied: plugin callbacks update entries on every event, one object away
    private final long[] storage;
    private final int stride;
    private final int maxVcpus;
    private final int offset;

    ScoreboardSlot(ScoreboardStore store, int offset) {
        this.store = store;
        this.storage = store.storage();
        this.stride = store.stride();
        this.maxVcpus = store.maxVcpus();
        this.offset = offset;
    }

    /** The backing array; translated code indexes it directly. */
    public long[] array() {
        return storage;
    }

    public int stride() {
        return stride;
    }

    public int offset() {
        return offset;
    }

    public int index(int vcpuIndex) {
        if (vcpuIndex < 0 || vcpuIndex >= maxVcpus) {
            throw new IndexOutOfBoundsException("vCPU " + vcpuIndex + " has no scoreboard row (max " + maxVcpus + ")");
        }
        return vcpuIndex * stride + offset;
    }

    /** What an inline op does, for the paths that run it in Java (the mem-helper listener). */
    public void apply(InlineOp op, int vcpuIndex, long imm) {
        int i = index(vcpuIndex);
        storage[i] = op == InlineOp.ADD_U64 ? storage[i] + imm : imm;
    }

    @Override
    public long get(int vcpuIndex) {
        return storage[index(vcpuIndex)];
    }

    @Override
    public void set(int vcpuIndex, long value) {
        storage[index(vcpuIndex)] = value;
    }

    @Override
    public void add(int vcpuIndex, long delta) {
        storage[index(vcpuIndex)] += delta;
    }

    @Override
    public long sum() {
        long total = 0;
        int n = Math.min(store.vcpuCount(), maxVcpus);
        for (int v = 0; v < n; v++) {
            total += storage[v * stride + offset];
        }
        return total;
    }

    @Override
    public String toString() {
        return "scoreboard[" + offset + "/" + stride + "]";
    }
}
