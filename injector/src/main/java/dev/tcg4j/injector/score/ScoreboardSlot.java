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
    private final int offset;

    ScoreboardSlot(ScoreboardStore store, int offset) {
        this.store = store;
        this.offset = offset;
    }

    /** The backing array; translated code indexes it directly. */
    public long[] array() {
        return store.storage();
    }

    public int stride() {
        return store.stride();
    }

    public int offset() {
        return offset;
    }

    public int index(int vcpuIndex) {
        if (vcpuIndex < 0 || vcpuIndex >= store.maxVcpus()) {
            throw new IndexOutOfBoundsException("vCPU " + vcpuIndex + " has no scoreboard row (max "
                    + store.maxVcpus() + ")");
        }
        return vcpuIndex * store.stride() + offset;
    }

    /** What an inline op does, for the paths that run it in Java (the mem-helper listener). */
    public void apply(InlineOp op, int vcpuIndex, long imm) {
        int i = index(vcpuIndex);
        long[] a = store.storage();
        a[i] = op == InlineOp.ADD_U64 ? a[i] + imm : imm;
    }

    @Override
    public long get(int vcpuIndex) {
        return store.storage()[index(vcpuIndex)];
    }

    @Override
    public void set(int vcpuIndex, long value) {
        store.storage()[index(vcpuIndex)] = value;
    }

    @Override
    public void add(int vcpuIndex, long delta) {
        store.storage()[index(vcpuIndex)] += delta;
    }

    @Override
    public long sum() {
        long total = 0;
        int n = Math.min(store.vcpuCount(), store.maxVcpus());
        for (int v = 0; v < n; v++) {
            total += store.storage()[v * store.stride() + offset];
        }
        return total;
    }

    @Override
    public String toString() {
        return "scoreboard[" + offset + "/" + store.stride() + "]";
    }
}
