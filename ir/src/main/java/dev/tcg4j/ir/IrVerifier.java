package dev.tcg4j.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the structural rules of an op list: argument shapes, no writes to constants, every branch
 * target placed exactly once, no EBB temp read before it is written in its extended basic block,
 * and no plugin marker left after the inject pass when {@code markersAllowed} is false.
 */
public final class IrVerifier {
    private IrVerifier() {}

    /** Returns the problems found; empty when the list is well formed. */
    public static List<String> check(OpList ops, boolean markersAllowed) {
        List<String> errors = new ArrayList<>();
        Set<Label> placed = new HashSet<>();
        Set<Label> used = new HashSet<>();
        Set<Temp> ebbDefined = new HashSet<>();
        int index = 0;
        for (Op op : ops) {
            String where = "op " + index + " (" + IrDump.format(op) + "): ";
            Opcode opc = op.opcode();
            if (opc == Opcode.CALL) {
                Helper h = op.helper();
                if (h == null) {
                    errors.add(where + "call without helper");
                } else if (op.inCount() != h.longArgs() || op.outCount() != (h.returnsValue() ? 1 : 0)) {
                    errors.add(where + "arguments do not match " + h.type());
                }
            } else if (op.outCount() != opc.outs() || op.inCount() != opc.ins()) {
                errors.add(where + "expects " + opc.outs() + " outputs and " + opc.ins() + " inputs");
            }
            for (int i = 0; i < op.inCount(); i++) {
                Temp t = op.in(i);
                if (t == null) {
                    errors.add(where + "null input " + i);
                } else if (t.kind() == TempKind.EBB && !ebbDefined.contains(t)) {
                    errors.add(where + "reads " + t + " before it is written in this extended basic block");
                }
            }
            for (int i = 0; i < op.outCount(); i++) {
                Temp t = op.out(i);
                if (t == null) {
                    errors.add(where + "null output " + i);
                } else if (t.isConst()) {
                    errors.add(where + "writes constant " + t);
                } else if (t.kind() == TempKind.EBB) {
                    ebbDefined.add(t);
                }
            }
            switch (opc) {
                case SET_LABEL -> {
                    if (!placed.add(op.label())) {
                        errors.add(where + "label placed twice");
                    }
                    ebbDefined.clear();
                }
                case BR, BRCOND -> used.add(op.label());
                case QEMU_LD, QEMU_ST -> {
                    if (op.memOp() == null) {
                        errors.add(where + "memory op without MemOp");
                    }
                }
                case HOST_LD, HOST_ST -> {
                    if (!(op.aux() instanceof long[])) {
                        errors.add(where + "host access without long[] target");
                    }
                }
                case SETCOND, MOVCOND -> {
                    if (op.cond() == null) {
                        errors.add(where + "no condition");
                    }
                }
                case PLUGIN_CB, PLUGIN_MEM -> {
                    if (!markersAllowed) {
                        errors.add(where + "plugin marker left after the inject pass");
                    }
                }
                default -> { }
            }
            index++;
        }
        for (Label l : used) {
            if (!placed.contains(l)) {
                errors.add("label " + l + " is branched to but never placed");
            }
        }
        return errors;
    }

    /** Throws when {@link #check} finds problems. */
    public static void verify(OpList ops, boolean markersAllowed) {
        List<String> errors = check(ops, markersAllowed);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("invalid IR:\n" + String.join("\n", errors) + "\n" + IrDump.dump(ops));
        }
    }
}
