package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.GuestInsn;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.OpList;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TempKind;
import dev.tcg4j.ir.TranslationBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Cuts a block too large for one JVM method in two at an instruction boundary, each part compiled
 * on its own and run one after the other ({@link ChainedBlock}), so that the block stays one block
 * to the runtime and to plugins: the same instructions, one TB cache entry, one block execution.
 * The first part ends by writing its globals back and returning {@link #NEXT_PART}; the second
 * loads them again. A boundary can be cut only where nothing but globals carries a value across
 * it: no TB or EBB temp live there and no branch over it.
 */
final class BlockParts {
    /** What a part that is not the last returns: go on with the next part. The runtime never sees it. */
    static final int NEXT_PART = Integer.MAX_VALUE;

    private final List<Op> ops;

    private BlockParts(TranslationBlock tb) {
        this.ops = new ArrayList<>(tb.ops().size());
        for (Op op : tb.ops()) {
            ops.add(op);
        }
    }

    /**
     * The block's two parts, cut at the boundary nearest its middle instruction that can be cut, or
     * null when none can (a block of one instruction, or values live across every boundary).
     */
    static TranslationBlock[] halve(TranslationBlock tb) {
        BlockParts p = new BlockParts(tb);
        List<Integer> starts = p.insnStarts();
        int middle = starts.size() / 2;
        return IntStream.range(1, starts.size()).boxed()
                .sorted(Comparator.comparingInt(k -> Math.abs(k - middle)))
                .filter(k -> p.canCutAt(starts.get(k)))
                .findFirst()
                .map(k -> p.cut(tb, starts.get(k), k))
                .orElse(null);
    }

    private List<Integer> insnStarts() {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).opcode() == Opcode.INSN_START) {
                starts.add(i);
            }
        }
        return starts;
    }

    private boolean canCutAt(int at) {
        Set<Label> labelsBefore = new HashSet<>();
        Set<Temp> tbTempsBefore = new HashSet<>();
        for (Op op : ops.subList(0, at)) {
            if (op.label() != null) {
                labelsBefore.add(op.label());
            }
            forEachTemp(op, t -> {
                if (t.kind() == TempKind.TB) {
                    tbTempsBefore.add(t);
                }
            });
        }
        Set<Temp> writtenAfter = new HashSet<>();
        for (Op op : ops.subList(at, ops.size())) {
            if (op.label() != null && labelsBefore.contains(op.label())) {
                return false;
            }
            for (int i = 0; i < op.inCount(); i++) {
                Temp t = op.in(i);
                boolean local = t.kind() == TempKind.EBB || t.kind() == TempKind.TB;
                if (local && (!writtenAfter.contains(t) || tbTempsBefore.contains(t))) {
                    return false;
                }
            }
            for (int i = 0; i < op.outCount(); i++) {
                writtenAfter.add(op.out(i));
            }
        }
        return true;
    }

    private static void forEachTemp(Op op, java.util.function.Consumer<Temp> action) {
        for (int i = 0; i < op.inCount(); i++) {
            action.accept(op.in(i));
        }
        for (int i = 0; i < op.outCount(); i++) {
            action.accept(op.out(i));
        }
    }

    private TranslationBlock[] cut(TranslationBlock tb, int at, int firstInsnOfSecond) {
        OpList first = copyOf(ops.subList(0, at));
        first.append(Op.withConst(Opcode.EXIT_TB, new Temp[0], new Temp[0], NEXT_PART));
        OpList second = copyOf(ops.subList(at, ops.size()));
        List<GuestInsn> insns = tb.insns();
        return new TranslationBlock[] {
            new TranslationBlock(tb.pc(), tb.flags(), first, insns.subList(0, firstInsnOfSecond), tb.temps()),
            new TranslationBlock(ops.get(at).constArg(), tb.flags(), second,
                    insns.subList(firstInsnOfSecond, insns.size()), tb.temps())
        };
    }

    /** Ops belong to one list: each part gets copies. */
    private static OpList copyOf(List<Op> ops) {
        OpList list = new OpList();
        for (Op op : ops) {
            Temp[] outs = new Temp[op.outCount()];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = op.out(i);
            }
            Temp[] ins = new Temp[op.inCount()];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = op.in(i);
            }
            list.append(Op.full(op.opcode(), outs, ins, op.constArg(), op.cond(), op.label(), op.memOp(), op.aux()));
        }
        return list;
    }
}
