package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TempKind;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.HostRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JVM local variables of an {@code execute} method compiling one block or a region of member
 * blocks, found in one pass over their ops.
 *
 * <p>Fixed slots first, then one {@code long} local per referenced global (keyed by its CpuState
 * slot, so two Temp objects naming the same slot share one cached copy, in every member) and per
 * non-constant temp, in order of first appearance. Each member numbers its temps from 0, so each
 * gets locals of its own: C2 computes liveness itself, so unshared locals cost it nothing.
 */
final class LocalSlots {
    static final int THIS = 0;
    static final int CPU = 1;
    /** {@code cpu.regs}, read once: the field is final. */
    static final int REGS = 2;
    /** {@code cpu.memory}, read once and cast to the flat window, when a member touches guest memory. */
    static final int MEMORY = 3;
    /** The pc of the trapping instruction, set by the trap stubs only. */
    static final int TRAP_PC = 4;
    /** {@code memory.pageTable()}, {@code pageCount()} and {@code hostBase()}, read with {@link #MEMORY}. */
    static final int PAGES = 6;
    static final int PAGE_COUNT = 8;
    static final int HOST_BASE = 10;
    /** The target of a region's goto_ptr while it is compared with the members' pcs. */
    static final int JUMP_TARGET = 12;
    private static final int FIRST_FREE = 14;

    /** CpuState slot of each referenced global to its local, ordered by slot. */
    private final Map<Integer, Integer> globals = new TreeMap<>();
    private final int[] written;
    /** Per member, temp id to local, -1 when unused. */
    private final int[][] tempLocals;
    /** TB temps the members read: zeroed at entry so that every JVM path sees them assigned. */
    private final int[] tbTempsRead;
    private final boolean touchesMemory;
    /** Each HostRow the members name, to the local holding the running vCPU's array of it. */
    private final Map<HostRow, Integer> hostRows = new LinkedHashMap<>();
    private int next = FIRST_FREE;

    LocalSlots(List<TranslationBlock> members) {
        tempLocals = new int[members.size()][];
        Set<Integer> writtenSlots = new TreeSet<>();
        List<Integer> reads = new ArrayList<>();
        boolean memory = false;
        for (int m = 0; m < members.size(); m++) {
            TranslationBlock tb = members.get(m);
            int[] mine = new int[tb.tempCount()];
            Arrays.fill(mine, -1);
            tempLocals[m] = mine;
            boolean[] tbRead = new boolean[tb.tempCount()];
            for (Op op : tb.ops()) {
                if (op.opcode() == Opcode.PLUGIN_CB || op.opcode() == Opcode.PLUGIN_MEM) {
                    continue; // leftover markers emit nothing
                }
                memory |= op.opcode() == Opcode.QEMU_LD || op.opcode() == Opcode.QEMU_ST;
                if (op.aux() instanceof HostRow row) {
                    hostRows.computeIfAbsent(row, r -> take());
                }
                for (int i = 0; i < op.inCount(); i++) {
                    Temp t = op.in(i);
                    allocate(mine, t);
                    if (t.kind() == TempKind.TB) {
                        tbRead[t.id()] = true;
                    }
                }
                for (int i = 0; i < op.outCount(); i++) {
                    Temp t = op.out(i);
                    if (t.isConst()) {
                        throw new IllegalArgumentException("op writes constant " + t + ": " + op);
                    }
                    allocate(mine, t);
                    if (t.isGlobal()) {
                        writtenSlots.add(t.slot());
                    }
                }
            }
            for (int id = 0; id < tbRead.length; id++) {
                if (tbRead[id]) {
                    reads.add(mine[id]);
                }
            }
        }
        touchesMemory = memory;
        written = writtenSlots.stream().mapToInt(Integer::intValue).toArray();
        tbTempsRead = reads.stream().mapToInt(Integer::intValue).toArray();
    }

    private void allocate(int[] mine, Temp t) {
        switch (t.kind()) {
            case CONST -> { }
            case GLOBAL -> globals.computeIfAbsent(t.slot(), s -> take());
            case TB, EBB -> {
                if (mine[t.id()] < 0) {
                    mine[t.id()] = take();
                }
            }
        }
    }

    private int take() {
        int l = next;
        next += 2;
        return l;
    }

    /** The long local holding a global or a non-constant temp of member {@code member}. */
    int local(int member, Temp t) {
        return t.isGlobal() ? globals.get(t.slot()) : tempLocals[member][t.id()];
    }

    /** Every referenced global: CpuState slot to local, ascending by slot. */
    Iterable<Map.Entry<Integer, Integer>> globals() {
        return globals.entrySet();
    }

    int globalLocal(int slot) {
        return globals.get(slot);
    }

    /** CpuState slots of the globals any member writes, ascending. */
    int[] writtenGlobals() {
        return written.clone();
    }

    /** True when a global of any member is cached at this CpuState slot. */
    boolean isGlobalSlot(int slot) {
        return globals.containsKey(slot);
    }

    int[] tbTempsRead() {
        return tbTempsRead.clone();
    }

    /** Each HostRow the members name to its local: the row is looked up once, at entry. */
    Iterable<Map.Entry<HostRow, Integer>> hostRows() {
        return hostRows.entrySet();
    }

    int hostRowLocal(HostRow row) {
        return hostRows.get(row);
    }

    boolean touchesMemory() {
        return touchesMemory;
    }
}
