package dev.tcg4j.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The flow part of {@link IrVerifier}: on which paths each temp is written before it is read, and
 * whether some path runs off the end of the ops. A forward "defined on every path" analysis over
 * the basic blocks of one op list (which holds a few hundred ops at most): a TB temp is defined at
 * a point when every path from the start writes it before; an EBB temp when that holds within the
 * extended basic block, so every label forgets the EBB temps. Ops no path reaches are not checked.
 */
final class TempFlow {
    /** Receives a problem at an op index (or -1 for the list as a whole). */
    interface Problems {
        void report(int index, String problem);
    }

    /** Ops {@code [start, end)}: one entry, at start; one way out, at end - 1. */
    private record Block(int start, int end) {}

    private final Op[] ops;
    private final Map<Label, Integer> labels;
    private final Problems problems;
    private final List<Block> blocks = new ArrayList<>();
    /** The block starting at each op index, or -1. */
    private final int[] blockAt;
    /** Ids of the block's EBB temps. */
    private final BitSet ebbIds = new BitSet();

    TempFlow(Op[] ops, Map<Label, Integer> labels, Problems problems) {
        this.ops = ops;
        this.labels = labels;
        this.problems = problems;
        this.blockAt = new int[ops.length + 1];
        Arrays.fill(blockAt, -1);
        for (Op op : ops) {
            for (int k = 0; k < op.outCount(); k++) {
                if (op.out(k).kind() == TempKind.EBB) {
                    ebbIds.set(op.out(k).id());
                }
            }
        }
    }

    void run() {
        if (ops.length == 0) {
            problems.report(-1, "an empty op list has no exit");
            return;
        }
        split();
        // per block: the temps defined on entry (TB and EBB alike, by id); null until a path reaches it
        BitSet[] in = new BitSet[blocks.size()];
        in[0] = new BitSet();
        Deque<Integer> work = new ArrayDeque<>();
        work.add(0);
        while (!work.isEmpty()) {
            int b = work.poll();
            BitSet out = transfer(blocks.get(b), (BitSet) in[b].clone(), false);
            for (int s : successors(b)) {
                BitSet arriving = entering(s, out);
                if (in[s] == null) {
                    in[s] = arriving;
                    work.add(s);
                } else {
                    BitSet meet = (BitSet) in[s].clone();
                    meet.and(arriving);
                    if (!meet.equals(in[s])) {
                        in[s] = meet;
                        work.add(s);
                    }
                }
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (in[b] != null) {
                transfer(blocks.get(b), (BitSet) in[b].clone(), true);
                if (fallsThrough(blocks.get(b)) && b + 1 == blocks.size()) {
                    problems.report(ops.length - 1, "the ops end here, but a path reaches the end without an exit");
                }
            }
        }
    }

    /** Basic blocks: a new one at the start, at each label, and after each branch or exit. */
    private void split() {
        int start = 0;
        for (int i = 0; i < ops.length; i++) {
            Opcode opc = ops[i].opcode();
            if (opc == Opcode.SET_LABEL && i > start) {
                addBlock(start, i);
                start = i;
            }
            if (opc.endsFlow() || opc == Opcode.BRCOND) {
                addBlock(start, i + 1);
                start = i + 1;
            }
        }
        if (start < ops.length) {
            addBlock(start, ops.length);
        }
    }

    private void addBlock(int start, int end) {
        blockAt[start] = blocks.size();
        blocks.add(new Block(start, end));
    }

    private boolean fallsThrough(Block b) {
        Op last = ops[b.end() - 1];
        return !last.opcode().endsFlow() && !(last.opcode() == Opcode.BRCOND && last.cond() == Cond.ALWAYS);
    }

    private List<Integer> successors(int b) {
        Block block = blocks.get(b);
        List<Integer> out = new ArrayList<>(2);
        Op last = ops[block.end() - 1];
        boolean branches = last.opcode() == Opcode.BR
                || (last.opcode() == Opcode.BRCOND && last.cond() != Cond.NEVER);
        if (branches) {
            out.add(blockAt[labels.get(last.label())]);
        }
        if (fallsThrough(block) && b + 1 < blocks.size()) {
            out.add(b + 1);
        }
        return out;
    }

    /** What reaches block {@code s} from a predecessor leaving {@code out}: a label forgets the EBB temps. */
    private BitSet entering(int s, BitSet out) {
        BitSet arriving = (BitSet) out.clone();
        Op first = ops[blocks.get(s).start()];
        if (first.opcode() == Opcode.SET_LABEL) {
            forgetEbbTemps(arriving);
        }
        return arriving;
    }

    private void forgetEbbTemps(BitSet defined) {
        for (int id = defined.nextSetBit(0); id >= 0; id = defined.nextSetBit(id + 1)) {
            if (ebbIds.get(id)) {
                defined.clear(id);
            }
        }
    }

    /** Runs the block's ops over {@code defined}; reports reads of undefined temps when {@code report}. */
    private BitSet transfer(Block b, BitSet defined, boolean report) {
        for (int i = b.start(); i < b.end(); i++) {
            Op op = ops[i];
            for (int k = 0; k < op.inCount(); k++) {
                Temp t = op.in(k);
                if (isLocal(t) && !defined.get(t.id()) && report) {
                    problems.report(i, "reads " + t + (t.kind() == TempKind.EBB
                            ? " before it is written in this extended basic block"
                            : " before every path to it writes it"));
                }
            }
            for (int k = 0; k < op.outCount(); k++) {
                Temp t = op.out(k);
                if (isLocal(t)) {
                    defined.set(t.id());
                }
            }
        }
        return defined;
    }

    private static boolean isLocal(Temp t) {
        return t.kind() == TempKind.EBB || t.kind() == TempKind.TB;
    }
}
