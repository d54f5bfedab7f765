package dev.tcg4j.backend.interpreter;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TempKind;
import dev.tcg4j.ir.TranslationBlock;
import java.util.Arrays;
import java.util.List;

/**
 * The frame of a program, numbered in one pass over its members' ops: the globals they name (by
 * {@code cpu.regs} slot, shared by all members), then the constants, then each member's temps.
 * Also what the emission needs to know ahead: how often each temp is read, which labels something
 * branches to. Checks what the bytecode backend checks of every op, reachable or not (shapes, no
 * writes to constants, the block's own temps and labels).
 */
final class FrameLayout {
    /** Marks a constant's number in a member's temp numbering. */
    private static final int CONST = 1 << 30;

    private int[] globalBySlot = new int[64];
    private int[] globalSlots = new int[16];
    private boolean[] globalWritten = new boolean[16];
    private int globals;
    private long[] constants = new long[16];
    private int constantCount;
    private int temps;
    /** Per member, by temp id: a temp's number, or CONST | a constant's number; -1 when unused. */
    private final int[][] numbers;
    private final boolean[][] tbTempRead;
    /** Per member, by temp id: how many ops read the temp. */
    private final int[][] reads;
    private final boolean[][] branchedTo;

    FrameLayout(List<TranslationBlock> members) {
        int n = members.size();
        numbers = new int[n][];
        tbTempRead = new boolean[n][];
        reads = new int[n][];
        branchedTo = new boolean[n][];
        Arrays.fill(globalBySlot, -1);
        for (int m = 0; m < n; m++) {
            number(m, members.get(m));
        }
    }

    private void number(int m, TranslationBlock tb) {
        int[] mine = new int[tb.tempCount()];
        Arrays.fill(mine, -1);
        numbers[m] = mine;
        tbTempRead[m] = new boolean[tb.tempCount()];
        reads[m] = new int[tb.tempCount()];
        branchedTo[m] = new boolean[tb.labelCount()];
        for (Op op : tb.ops()) {
            Opcode opc = op.opcode();
            if (opc == Opcode.PLUGIN_CB || opc == Opcode.PLUGIN_MEM) {
                continue; // leftover markers run nothing
            }
            checkShape(op);
            for (int i = 0; i < op.inCount(); i++) {
                Temp t = op.in(i);
                number(m, tb, t, op);
                if (t.kind() == TempKind.TB) {
                    tbTempRead[m][t.id()] = true;
                }
                if (!t.isGlobal()) {
                    reads[m][t.id()]++;
                }
            }
            for (int i = 0; i < op.outCount(); i++) {
                Temp t = op.out(i);
                if (t.isConst()) {
                    throw new IllegalArgumentException("op writes constant " + t + ": " + op);
                }
                number(m, tb, t, op);
                if (t.isGlobal()) {
                    globalWritten[globalBySlot[t.slot()]] = true;
                }
            }
            if (opc == Opcode.BR || opc == Opcode.BRCOND || opc == Opcode.SET_LABEL) {
                if (op.label() == null || op.label().id() >= branchedTo[m].length) {
                    throw new IllegalArgumentException("label of another block: " + op);
                }
                if (opc == Opcode.BR || (opc == Opcode.BRCOND && op.cond() != Cond.NEVER)) {
                    branchedTo[m][op.label().id()] = true;
                }
            }
        }
    }

    private static void checkShape(Op op) {
        Opcode opc = op.opcode();
        if (opc == Opcode.CALL) {
            Helper h = op.helper();
            if (h == null) {
                throw new IllegalArgumentException("call without helper: " + op);
            }
            if (op.inCount() != h.longArgs() || op.outCount() != (h.returnsValue() ? 1 : 0)) {
                throw new IllegalArgumentException("call arguments do not match " + h.type() + ": " + op);
            }
        } else if (op.outCount() != opc.outs() || op.inCount() != opc.ins()) {
            throw new IllegalArgumentException(opc.mnemonic() + " takes " + opc.outs() + " outputs and " + opc.ins()
                    + " inputs: " + op);
        }
    }

    private void number(int m, TranslationBlock tb, Temp t, Op op) {
        switch (t.kind()) {
            case GLOBAL -> numberGlobal(t.slot());
            case CONST, TB, EBB -> {
                if (t.id() < 0 || t.id() >= numbers[m].length) {
                    throw new IllegalArgumentException(t + " is not a temp of the block at 0x"
                            + Long.toHexString(tb.pc()) + ": " + op);
                }
                if (numbers[m][t.id()] < 0) {
                    numbers[m][t.id()] = t.isConst() ? CONST | newConstant(t.value()) : temps++;
                }
            }
        }
    }

    private void numberGlobal(int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("global at negative slot " + slot);
        }
        if (slot >= globalBySlot.length) {
            int old = globalBySlot.length;
            globalBySlot = Arrays.copyOf(globalBySlot, Math.max(slot + 1, 2 * old));
            Arrays.fill(globalBySlot, old, globalBySlot.length, -1);
        }
        if (globalBySlot[slot] < 0) {
            if (globals == globalSlots.length) {
                globalSlots = Arrays.copyOf(globalSlots, 2 * globals);
                globalWritten = Arrays.copyOf(globalWritten, 2 * globals);
            }
            globalSlots[globals] = slot;
            globalBySlot[slot] = globals++;
        }
    }

    private int newConstant(long value) {
        if (constantCount == constants.length) {
            constants = Arrays.copyOf(constants, 2 * constantCount);
        }
        constants[constantCount] = value;
        return constantCount++;
    }

    boolean isGlobalSlot(int slot) {
        return slot < globalBySlot.length && globalBySlot[slot] >= 0;
    }

    /** The frame index of {@code t} in member {@code m}. */
    int frame(int m, Temp t) {
        if (t.isGlobal()) {
            return globalBySlot[t.slot()];
        }
        int n = numbers[m][t.id()];
        return (n & CONST) != 0 ? globals + (n & ~CONST) : globals + constantCount + n;
    }

    /** Frame indexes of the TB temps some op reads: zeroed on entry, as the bytecode backend does. */
    int[] zeroedTemps() {
        int[] out = new int[temps];
        int n = 0;
        for (int m = 0; m < tbTempRead.length; m++) {
            boolean[] read = tbTempRead[m];
            for (int id = 0; id < read.length; id++) {
                if (read[id] && (numbers[m][id] & CONST) == 0) {
                    out[n++] = globals + constantCount + numbers[m][id];
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** How many ops of member {@code m} read temp {@code t} (not a global). */
    int reads(int m, Temp t) {
        return reads[m][t.id()];
    }

    /** True when a branch of member {@code m} targets its label {@code id}. */
    boolean branchedTo(int m, int id) {
        return branchedTo[m][id];
    }

    /** The {@code cpu.regs} slot of each global, by frame index. */
    int[] globalSlots() {
        return Arrays.copyOf(globalSlots, globals);
    }

    /** Frame indexes of the globals some op writes. */
    int[] writtenGlobals() {
        int[] written = new int[globals];
        int w = 0;
        for (int g = 0; g < globals; g++) {
            if (globalWritten[g]) {
                written[w++] = g;
            }
        }
        return Arrays.copyOf(written, w);
    }

    long[] constants() {
        return Arrays.copyOf(constants, constantCount);
    }

    int size() {
        return globals + constantCount + temps;
    }
}
