package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The calls of helpers with side effects (every helper not flagged PURE: plugin callbacks, atomics,
 * FP helpers that set flags, the counter reads) made by the reference side of a lockstep block, so
 * that the subject side replays them instead of calling them a second time. Replaying checks that
 * the subject makes the same call: the same helper with the same arguments, on the same state
 * where the helper may read it; then it has the call's effects (its memory writes, register writes
 * and writes to the block's plugin arrays, which a callback may count in too), and returns its
 * result or throws its trap.
 */
final class HelperTape {
    /** One recorded call. {@code writes} holds the bytes the call left in guest memory. */
    private record Call(Helper helper, long[] args, long result, GuestTrap trap, long[] regsBefore, long[] regsAfter,
            WrittenBytes writes, long[][] arraysBefore, long[][] arraysAfter) {}

    /** The writes of a call that stored nothing, as most do; never added to. */
    private static final WrittenBytes NO_WRITES = new WrittenBytes();

    private final List<Call> calls = new ArrayList<>();
    private final MemoryJournal journal;
    /** Per state slot: true for an IR global, which a backend may hold elsewhere until a helper reads globals. */
    private final boolean[] global;
    private int cursor;
    /** The plugin arrays the running block writes, which lockstep saves and restores around each side. */
    private long[][] arrays = new long[0][];

    HelperTape(MemoryJournal journal, boolean[] global) {
        this.journal = journal;
        this.global = global;
    }

    /** Forgets the calls of the previous block; {@code blockArrays} are the plugin arrays of the next. */
    void clear(long[][] blockArrays) {
        calls.clear();
        cursor = 0;
        arrays = blockArrays;
    }

    /** Replays from the first call again. */
    void rewind() {
        cursor = 0;
    }

    /** True when the subject has replayed every recorded call. */
    boolean allReplayed() {
        return cursor == calls.size();
    }

    /** The calls recorded and not replayed, by name. */
    List<String> unreplayed() {
        return calls.subList(cursor, calls.size()).stream().map(c -> c.helper().name()).toList();
    }

    long record(TapedCall call, CpuState cpu, long[] args) {
        long[] before = cpu.regs.clone();
        long[][] arraysBefore = copy(arrays);
        int mark = journal.size();
        long result = 0;
        GuestTrap trap = null;
        try {
            result = call.invokeOriginal(cpu, args);
        } catch (GuestTrap t) {
            trap = t;
        }
        WrittenBytes writes = NO_WRITES;
        if (journal.size() > mark) {
            writes = new WrittenBytes();
            journal.writtenSince(mark, cpu.memory, writes);
        }
        calls.add(new Call(call.original(), args, result, trap, before, cpu.regs.clone(), writes, arraysBefore,
                copy(arrays)));
        if (trap != null) {
            throw trap;
        }
        return result;
    }

    long replay(TapedCall call, CpuState cpu, long[] args) {
        Helper h = call.original();
        if (cursor == calls.size()) {
            throw new ReplayMismatch("the subject calls " + describe(h, args) + " where the reference made no further call");
        }
        Call c = calls.get(cursor++);
        if (c.helper() != h || !Arrays.equals(c.args(), args)) {
            throw new ReplayMismatch("the subject calls " + describe(h, args) + " where the reference called "
                    + describe(c.helper(), c.args()));
        }
        boolean readsGlobals = h.has(Helper.READS_GLOBALS);
        long[] r = cpu.regs;
        for (int s = 0; s < r.length; s++) {
            if ((readsGlobals || !global[s]) && r[s] != c.regsBefore()[s]) {
                throw new ReplayMismatch("state slot " + s + " differs when " + describe(h, args) + " is called: "
                        + "reference 0x" + Long.toHexString(c.regsBefore()[s]) + ", subject 0x" + Long.toHexString(r[s]));
            }
        }
        WrittenBytes w = c.writes();
        for (int i = 0; i < w.size(); i++) {
            long a = w.address(i);
            cpu.memory.writeInitial(a, new byte[] {w.get(a)}, 0, 1);
        }
        for (int s = 0; s < r.length; s++) {
            if (c.regsAfter()[s] != c.regsBefore()[s]) {
                r[s] = c.regsAfter()[s];
            }
        }
        for (int i = 0; i < arrays.length; i++) {
            for (int k = 0; k < arrays[i].length; k++) {
                if (c.arraysAfter()[i][k] != c.arraysBefore()[i][k]) {
                    arrays[i][k] = c.arraysAfter()[i][k];
                }
            }
        }
        if (c.trap() != null) {
            throw c.trap();
        }
        return c.result();
    }

    private static long[][] copy(long[][] arrays) {
        long[][] c = new long[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            c[i] = arrays[i].clone();
        }
        return c;
    }

    private static String describe(Helper h, long[] args) {
        StringBuilder sb = new StringBuilder(h.name()).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(args[i]));
        }
        return sb.append(')').toString();
    }
}
