package dev.tcg4j.ir.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A row of host {@code long}s of which every vCPU has its own (a plugin scoreboard's entries for
 * one vCPU), the target of HOST_LD/HOST_ST. Translated code is shared by all vCPUs, so it names the
 * row, not an array: the running vCPU finds its own through {@link CpuState#hostRow}, asking
 * {@code rowOfVcpu} once and keeping the answer. A row must therefore never be replaced once given
 * out; new vCPUs just get new rows, so rows are never reallocated under running code.
 */
public final class HostRow {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    /** Dense, process-wide: a vCPU keeps its rows in an array indexed by it. */
    final int id = NEXT_ID.getAndIncrement();
    private final IntFunction<long[]> rowOfVcpu;
    private final String description;

    /**
     * @param rowOfVcpu gives the row of a vCPU index, always the same array for the same index; any
     *     thread may call it
     * @param description what the row is, for IR dumps
     */
    public HostRow(IntFunction<long[]> rowOfVcpu, String description) {
        this.rowOfVcpu = rowOfVcpu;
        this.description = description;
    }

    long[] rowOf(int vcpuIndex) {
        return rowOfVcpu.apply(vcpuIndex);
    }

    @Override
    public String toString() {
        return description;
    }
}
