package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.OpList;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.HostRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Copies of a translated block whose op list can be changed without touching the original: each
 * backend of a lockstep pair compiles its own copy. Temps and labels are shared; ops are not.
 */
public final class BlockCopy {
    private BlockCopy() {}

    /** A copy of {@code tb} in which each op is replaced by what {@code rewrite} makes of a fresh copy of it. */
    public static TranslationBlock copy(TranslationBlock tb, UnaryOperator<Op> rewrite) {
        OpList ops = new OpList();
        for (Op op : tb.ops()) {
            ops.append(rewrite.apply(withAux(op, op.aux())));
        }
        return new TranslationBlock(tb.pc(), tb.flags(), ops, tb.insns(), tb.temps());
    }

    /** A copy of {@code tb} whose CALL ops of helpers that are not PURE call {@code taped(helper)} instead. */
    static TranslationBlock withTapedHelpers(TranslationBlock tb, UnaryOperator<Helper> taped) {
        return copy(tb, op -> op.opcode() == Opcode.CALL && !op.helper().has(Helper.PURE)
                ? withAux(op, taped.apply(op.helper())) : op);
    }

    /** An op like {@code op} with another aux (a CALL's helper). */
    public static Op withAux(Op op, Object aux) {
        Temp[] outs = new Temp[op.outCount()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = op.out(i);
        }
        Temp[] ins = new Temp[op.inCount()];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = op.in(i);
        }
        return Op.full(op.opcode(), outs, ins, op.constArg(), op.cond(), op.label(), op.memOp(), aux);
    }

    /** The host rows the block's inline plugin ops write (HOST_ST), each once. */
    static HostRow[] hostRowsWritten(TranslationBlock tb) {
        Set<HostRow> rows = Collections.newSetFromMap(new IdentityHashMap<>());
        List<HostRow> ordered = new ArrayList<>();
        for (Op op : tb.ops()) {
            if (op.opcode() == Opcode.HOST_ST && rows.add((HostRow) op.aux())) {
                ordered.add((HostRow) op.aux());
            }
        }
        return ordered.toArray(new HostRow[0]);
    }
}
