package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TempKind;
import dev.tcg4j.ir.TranslationBlock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JVM local variables of a block's {@code execute} method, found in one pass over its ops.
 *
 * <p>Fixed slots first, then one {@code long} local per referenced global (keyed by its CpuState
 * slot, so two Temp objects naming the same slot share one cached copy) and per non-constant temp,
 * in order of first appearance.
 */
final class LocalSlots {
    static final int THIS = 0;
    static final int CPU = 1;
    /** {@code cpu.regs}, read once: the field is final. */
    static final int REGS = 2;
    /** {@code cpu.memory}, read once, when the block touches guest memory. */
    static final int MEMORY = 3;
    /** The pc of the trapping instruction, set by the trap stubs only. */
    static final int TRAP_PC = 4;
    private static final int FIRST_FREE = 6;

    /** CpuState slot of each referenced global to its local, ordered by slot. */
    private final Map<Integer, Integer> globals = new TreeMap<>();
    private final int[] written;
    private final int[] tempLocals;
    /** TB temps the block reads: zeroed at entry so that every JVM path sees them assigned. */
    private final int[] tbTempsRead;
    private final boolean touchesMemory;
    private int next = FIRST_FREE;

    LocalSlots(TranslationBlock tb) {
        tempLocals = new int[tb.tempCount()];
        Arrays.fill(tempLocals, -1);
        Set<Integer> writtenSlots = new TreeSet<>();
        boolean[] tbRead = new boolean[tb.tempCount()];
        boolean memory = false;
        for (Op op : tb.ops()) {
            if (op.opcode() == Opcode.PLUGIN_CB || op.opcode() == Opcode.PLUGIN_MEM) {
                continue; // leftover markers emit nothing
            }
            memory |= op.opcode() == Opcode.QEMU_LD || op.opcode() == Opcode.QEMU_ST;
            for (int i = 0; i < op.inCount(); i++) {
                Temp t = op.in(i);
                allocate(t);
                if (t.kind() == TempKind.TB) {
                    tbRead[t.id()] = true;
                }
            }
            for (int i = 0; i < op.outCount(); i++) {
                Temp t = op.out(i);
                if (t.isConst()) {
                    throw new IllegalArgumentException("op writes constant " + t + ": " + op);
                }
                allocate(t);
                if (t.isGlobal()) {
                    writtenSlots.add(t.slot());
                }
            }
        }
        touchesMemory = memory;
        written = writtenSlots.stream().mapToInt(Integer::intValue).toArray();
        int n = 0;
        int[] reads = new int[tbRead.length];
        for (int id = 0; id < tbRead.length; id++) {
            if (tbRead[id]) {
                reads[n++] = tempLocals[id];
            }
        }
        tbTempsRead = Arrays.copyOf(reads, n);
    }

    private void allocate(Temp t) {
        switch (t.kind()) {
            case CONST -> { }
            case GLOBAL -> globals.computeIfAbsent(t.slot(), s -> take());
            case TB, EBB -> {
                if (tempLocals[t.id()] < 0) {
                    tempLocals[t.id()] = take();
                }
            }
        }
    }

    private int take() {
        int l = next;
        next += 2;
        return l;
    }

    /** The long local holding a global or non-constant temp. */
    int local(Temp t) {
        return t.isGlobal() ? globals.get(t.slot()) : tempLocals[t.id()];
    }

    /** Every referenced global: CpuState slot to local, ascending by slot. */
    Iterable<Map.Entry<Integer, Integer>> globals() {
        return globals.entrySet();
    }

    int globalLocal(int slot) {
        return globals.get(slot);
    }

    /** CpuState slots of the globals the block writes, ascending. */
    int[] writtenGlobals() {
        return written.clone();
    }

    /** True when a global of the block is cached at this CpuState slot. */
    boolean isGlobalSlot(int slot) {
        return globals.containsKey(slot);
    }

    int[] tbTempsRead() {
        return tbTempsRead.clone();
    }

    boolean touchesMemory() {
        return touchesMemory;
    }
}
