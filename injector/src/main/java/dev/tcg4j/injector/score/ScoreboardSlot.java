package dev.tcg4j.injector.score;

import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.ScoreboardU64;

/**
 * One entry of every vCPU's row of a {@link ScoreboardStore}: element {@link #offset()} of the row
 * that {@link #hostRow()} gives the running vCPU. The inject pass reads these two to emit inline
 * ops; plugin code reads and writes through the {@link ScoreboardU64} methods.
 */
public final class ScoreboardSlot implements ScoreboardU64 {
    private final ScoreboardStore store;
    private final int offset;

    ScoreboardSlot(ScoreboardStore store, int offset) {
        this.store = store;
        this.offset = offset;
    }

    /** The rows that translated code indexes with {@link #offset()}. */
    public HostRow hostRow() {
        return store.hostRow();
    }

    public int offset() {
        return offset;
    }

    /** What an inline op does, for the paths that run it in Java (the mem-helper listener). */
    public void apply(InlineOp op, int vcpuIndex, long imm) {
        long[] row = store.row(vcpuIndex);
        row[offset] = op == InlineOp.ADD_U64 ? row[offset] + imm : imm;
    }

    /** A vCPU that never touched the scoreboard reads 0 and gets no row for it. */
    @Override
    public long get(int vcpuIndex) {
        long[] row = store.existingRow(vcpuIndex);
        return row == null ? 0 : row[offset];
    }

    @Override
    public void set(int vcpuIndex, long value) {
        store.row(vcpuIndex)[offset] = value;
    }

    /**
     * Spelled out rather than through {@link ScoreboardStore#row}: a plugin's callback that counts is
     * inlined once per instruction into translated code, where every bytecode counts against the
     * JIT's inlining budget for the block.
     */
    @Override
    public void add(int vcpuIndex, long delta) {
        long[][] rows = store.rows;
        long[] row;
        if (vcpuIndex >= 0 && vcpuIndex < rows.length && (row = rows[vcpuIndex]) != null) {
            row[offset] += delta;
        } else {
            store.row(vcpuIndex)[offset] += delta;
        }
    }

    @Override
    public long sum() {
        long total = 0;
        for (int v = 0, n = store.vcpuCount(); v < n; v++) {
            total += get(v);
        }
        return total;
    }

    @Override
    public String toString() {
        return "scoreboard[" + offset + "/" + store.u64PerVcpu() + "]";
    }
}
