package dev.tcg4j.injector.score;

import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * A scoreboard: a {@code long[]} row of {@code stride} entries per vCPU, made when the vCPU first
 * touches it, however many vCPUs start. Translated code reaches the running vCPU's row through
 * {@link #hostRow()} (the vCPU keeps it once it has it), never through an index into shared
 * storage, so growing never moves a row that running code updates: QEMU instead reallocates its
 * array, stops every vCPU and flushes all translations. Separate rows also keep vCPUs off each
 * other's cache lines.
 */
public final class ScoreboardStore implements Scoreboard {
    private static final long[][] NO_ROWS = new long[0][];

    private final int stride;
    private final IntSupplier vcpuCount;
    private final ScoreboardSlot[] slots;
    private final HostRow hostRow;
    /**
     * Rows by vCPU index; replaced by a longer copy (the same rows) under the lock when a vCPU is past it.
     * Read without a barrier: plugin callbacks read it on every call, where a volatile read cost as much as
     * the rest of the callback. A reader that sees an older copy, or a null where another thread's row is
     * being published, finds no row and asks again under the lock; a row once given is never replaced, so a
     * stale copy never gives a wrong one.
     */
    long[][] rows = NO_ROWS;

    public ScoreboardStore(int stride, IntSupplier vcpuCount) {
        if (stride < 1) {
            throw new IllegalArgumentException("a scoreboard needs at least one entry per vCPU, got " + stride);
        }
        this.stride = stride;
        this.vcpuCount = vcpuCount;
        this.hostRow = new HostRow(this::row, "scoreboard[" + stride + "]");
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

    /** What HOST_LD/HOST_ST name: each vCPU's row of this scoreboard. */
    HostRow hostRow() {
        return hostRow;
    }

    /** The row of {@code vcpuIndex}, made now if it has none; always the same array for the same vCPU. */
    long[] row(int vcpuIndex) {
        long[] row = rowSeenWithoutLock(vcpuIndex);
        return row != null ? row : newRow(vcpuIndex);
    }

    /** The row of {@code vcpuIndex}, or null when that vCPU never touched this scoreboard. */
    long[] existingRow(int vcpuIndex) {
        long[] row = rowSeenWithoutLock(vcpuIndex);
        return row != null ? row : rowSeenUnderLock(vcpuIndex);
    }

    private long[] rowSeenWithoutLock(int vcpuIndex) {
        if (vcpuIndex < 0) {
            throw new IndexOutOfBoundsException("no vCPU has index " + vcpuIndex);
        }
        long[][] r = rows;
        return vcpuIndex < r.length ? r[vcpuIndex] : null;
    }

    private synchronized long[] rowSeenUnderLock(int vcpuIndex) {
        return rowSeenWithoutLock(vcpuIndex);
    }

    private synchronized long[] newRow(int vcpuIndex) {
        long[][] r = rows;
        if (vcpuIndex >= r.length) {
            r = Arrays.copyOf(r, Math.max(vcpuIndex + 1, 2 * r.length));
        } else if (r[vcpuIndex] != null) {
            return r[vcpuIndex];
        } else {
            r = r.clone(); // published whole, so a reader never sees a row before its array is complete
        }
        long[] row = new long[stride];
        r[vcpuIndex] = row;
        rows = r;
        return row;
    }

    int vcpuCount() {
        return vcpuCount.getAsInt();
    }
}
