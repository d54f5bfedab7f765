package dev.tcg4j.ir;

import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.ir.cpu.MemAccessListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Checks the rules every op list must keep, so that a pass that breaks one fails loudly where it
 * broke it rather than as a wrong result far away:
 *
 * <ul>
 *   <li>each op has its opcode's shape: output and input counts (a CALL its helper's), and the
 *       condition, label, MemOp, helper, host array, listener or exit its opcode needs;
 *   <li>no op writes a constant; every temp is the block's own (one temp object per id);
 *   <li>every branch target is placed, and every label at most once;
 *   <li>every temp is written before it is read on every path to the read: a TB temp anywhere
 *       before, an EBB temp within the same extended basic block (EBB temps die at every label);
 *   <li>every path ends in an exit (exit_tb, goto_tb, goto_ptr): none falls off the end;
 *   <li>no state access names the slot of a global the block also names (backends cache globals);
 *   <li>no plugin marker is left after the inject pass, when markers are not allowed.
 * </ul>
 *
 * Unreachable ops (after an exit, up to a label nothing branches to) are checked for shape only.
 *
 * <p>The translator loop runs it on every block it translates, before and after the inject pass,
 * when {@link #enabled()}: under {@code -d verify}, and in every test.
 */
public final class IrVerifier {
    /** The system property that turns verification on (the test builds set it). */
    public static final String PROPERTY = "tcg4j.verify";
    /** The {@code -d} item that turns verification on. */
    public static final String LOGGER = "tcg4j.verify";

    private IrVerifier() {}

    /** True when blocks should be verified as they are translated: {@value #PROPERTY} or {@code -d verify}. */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY) || LoggerFactory.getLogger(LOGGER).isDebugEnabled();
    }

    /** Returns the problems found; empty when the list is well formed. */
    public static List<String> check(OpList ops, boolean markersAllowed) {
        return new IrVerifier.Run(ops, markersAllowed, -1, -1).check();
    }

    /** As {@link #check(OpList, boolean)}, also checking temps and labels against the block's allocator. */
    public static List<String> check(TranslationBlock tb, boolean markersAllowed) {
        return new IrVerifier.Run(tb.ops(), markersAllowed, tb.tempCount(), tb.labelCount()).check();
    }

    /** Throws when {@link #check(OpList, boolean)} finds problems. */
    public static void verify(OpList ops, boolean markersAllowed) {
        List<String> errors = check(ops, markersAllowed);
        if (!errors.isEmpty()) {
            throw new InvalidIrException("invalid IR:\n" + String.join("\n", errors) + "\n" + IrDump.dump(ops));
        }
    }

    /**
     * Throws {@link InvalidIrException} naming the block, the stage it was verified after
     * ({@code "translation"}, {@code "the inject pass"}, ...) and each broken op, with the block's dump.
     */
    public static void verify(TranslationBlock tb, boolean markersAllowed, String stage) {
        List<String> errors = check(tb, markersAllowed);
        if (!errors.isEmpty()) {
            throw new InvalidIrException("invalid IR in the block at 0x" + Long.toHexString(tb.pc()) + " after " + stage
                    + ": " + errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                    + "\n" + String.join("\n", errors) + "\n" + IrDump.dump(tb));
        }
    }

    /** One verification of one op list. */
    private static final class Run {
        private final Op[] ops;
        private final boolean markersAllowed;
        private final int tempCount;
        private final int labelCount;
        private final List<String> errors = new ArrayList<>();

        Run(OpList list, boolean markersAllowed, int tempCount, int labelCount) {
            this.ops = new Op[list.size()];
            int i = 0;
            for (Op op : list) {
                ops[i++] = op;
            }
            this.markersAllowed = markersAllowed;
            this.tempCount = tempCount;
            this.labelCount = labelCount;
        }

        List<String> check() {
            Map<Integer, Temp> temps = new HashMap<>();
            Set<Integer> globalSlots = new HashSet<>();
            for (int i = 0; i < ops.length; i++) {
                checkShape(i, ops[i], temps, globalSlots);
            }
            for (int i = 0; i < ops.length; i++) {
                Opcode opc = ops[i].opcode();
                if ((opc == Opcode.LD_STATE || opc == Opcode.ST_STATE) && globalSlots.contains((int) ops[i].constArg())) {
                    errors.add(where(i) + "state access to slot " + ops[i].constArg()
                            + ", which a global of this block names");
                }
            }
            Map<Label, Integer> placed = placeLabels();
            if (errors.isEmpty()) {
                new TempFlow(ops, placed, this::report).run();
            }
            return errors;
        }

        private void report(int index, String problem) {
            errors.add(index < 0 ? problem : where(index) + problem);
        }

        private String where(int i) {
            return "op " + i + " (" + IrDump.format(ops[i]) + "): ";
        }

        private void checkShape(int i, Op op, Map<Integer, Temp> temps, Set<Integer> globalSlots) {
            Opcode opc = op.opcode();
            if (opc == Opcode.CALL) {
                Helper h = op.helper();
                if (h == null) {
                    errors.add("op " + i + " (call): call without helper");
                    return;
                }
                if (op.inCount() != h.longArgs() || op.outCount() != (h.returnsValue() ? 1 : 0)) {
                    errors.add(where(i) + "arguments do not match " + h.type());
                }
            } else if (op.outCount() != opc.outs() || op.inCount() != opc.ins()) {
                errors.add("op " + i + " (" + opc.mnemonic() + "): expects " + opc.outs() + " outputs and " + opc.ins()
                        + " inputs, has " + op.outCount() + " and " + op.inCount());
                return;
            }
            for (int k = 0; k < op.inCount(); k++) {
                checkTemp(i, op.in(k), "input " + k, temps, globalSlots);
            }
            for (int k = 0; k < op.outCount(); k++) {
                Temp t = op.out(k);
                checkTemp(i, t, "output " + k, temps, globalSlots);
                if (t != null && t.isConst()) {
                    errors.add(where(i) + "writes constant " + t);
                }
            }
            String need = switch (opc) {
                case SETCOND, MOVCOND -> op.cond() == null ? "no condition" : null;
                case BRCOND -> op.cond() == null ? "no condition" : label(op);
                case BR, SET_LABEL -> label(op);
                case QEMU_LD, QEMU_ST -> op.memOp() == null ? "memory op without MemOp" : null;
                case HOST_LD, HOST_ST -> op.aux() instanceof HostRow ? null : "host access without a HostRow";
                case SET_MEM_LISTENER -> op.aux() == null || op.aux() instanceof MemAccessListener ? null
                        : "listener is not a MemAccessListener";
                case LD_STATE, ST_STATE -> op.constArg() < 0 || op.constArg() > Integer.MAX_VALUE ? "bad state slot" : null;
                case EXIT_TB -> op.constArg() < 0 || op.constArg() > Integer.MAX_VALUE ? "bad exit code" : null;
                case GOTO_TB -> op.constArg() != 0 && op.constArg() != 1 ? "goto_tb slot is not 0 or 1"
                        : op.aux() != null && !(op.aux() instanceof Long) ? "goto_tb target is not a Long" : null;
                case PLUGIN_CB, PLUGIN_MEM -> markersAllowed ? null : "plugin marker left after the inject pass";
                default -> null;
            };
            if (need != null) {
                errors.add(where(i) + need);
            }
        }

        private String label(Op op) {
            if (op.label() == null) {
                return "no label";
            }
            return labelCount >= 0 && op.label().id() >= labelCount ? "label " + op.label() + " is not this block's"
                    : null;
        }

        private void checkTemp(int i, Temp t, String what, Map<Integer, Temp> temps, Set<Integer> globalSlots) {
            if (t == null) {
                errors.add(where(i) + "null " + what);
                return;
            }
            if (t.isGlobal()) {
                globalSlots.add(t.slot());
                return;
            }
            if (tempCount >= 0 && t.id() >= tempCount) {
                errors.add(where(i) + t + " is not a temp of this block");
            }
            Temp known = temps.putIfAbsent(t.id(), t);
            if (known != null && known != t) {
                errors.add(where(i) + "two temps share id " + t.id() + " (" + known + " and " + t
                        + "): one is another block's");
            }
        }

        /** Each label's op index; a label placed twice, or branched to and never placed, is an error. */
        private Map<Label, Integer> placeLabels() {
            Map<Label, Integer> placed = new IdentityHashMap<>();
            for (int i = 0; i < ops.length; i++) {
                if (ops[i].opcode() == Opcode.SET_LABEL && ops[i].label() != null
                        && placed.putIfAbsent(ops[i].label(), i) != null) {
                    errors.add(where(i) + "label placed twice");
                }
            }
            Set<Label> reported = new HashSet<>();
            for (int i = 0; i < ops.length; i++) {
                Op op = ops[i];
                if ((op.opcode() == Opcode.BR || op.opcode() == Opcode.BRCOND) && op.label() != null
                        && !placed.containsKey(op.label()) && reported.add(op.label())) {
                    errors.add(where(i) + "branches to label " + op.label() + ", which is never placed");
                }
            }
            return placed;
        }
    }
}
