package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where control flow goes, as later QEMU's contrib/plugins/cflow.c: each block stores where it ends
 * and which address would follow it linearly; a block that starts anywhere else was branched to,
 * from the last instruction executed (an "early exit" when that was not the end of its block: a
 * fault, or a system call that changed the pc).
 *
 * <p>Arguments: {@code sort=hottest|early|exceptions} (most branches taken, most early exits, most
 * distinct destinations; QEMU names the last "exceptions", and {@code popdest} is accepted too);
 * {@code limit=N} (tcg4j's own: how many nodes, default 10); {@code dot=FILE} (tcg4j's own: also write
 * the control-flow graph, every branching node with its destinations and counts, in Graphviz DOT).
 *
 * <p>Output at exit: {@code collected N control flow nodes in the hash table}, then per node
 * {@code   addr: 0xADDR SYMBOL: DISAS (branch|sync fault)}, {@code     early exits N} when there were
 * some, {@code     branches N} and {@code       to 0xDEST (N)} per destination, in the order first seen.
 */
public final class CflowPlugin implements Plugin {
    private enum Sort { HOTTEST, EARLY, POPDEST }

    private static final int TB_PC = 0;
    private static final int END_BLOCK = 1;
    private static final int PC_AFTER_BLOCK = 2;
    private static final int LAST_PC = 3;

    /** A place that may go to several others: QEMU's NodeData. */
    private static final class Node {
        final long addr;
        final Map<Long, long[]> dests = new LinkedHashMap<>();
        String disas;
        String symbol;
        long earlyExit;
        long destCount;
        int lastCount;
        int midCount;

        Node(long addr) {
            this.addr = addr;
        }
    }

    private final Map<Long, Node> nodes = new HashMap<>();
    private Sort sort = Sort.HOTTEST;
    private long limit = 10;
    private Path dot;
    private ScoreboardU64 tbPc;
    private ScoreboardU64 endBlock;
    private ScoreboardU64 pcAfterBlock;
    private ScoreboardU64 lastPc;

    @Override
    public String name() {
        return "cflow";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "sort" -> sort = switch (a.value()) {
                    case "hottest" -> Sort.HOTTEST;
                    case "early" -> Sort.EARLY;
                    case "exceptions", "popdest" -> Sort.POPDEST;
                    default -> throw new PluginArgumentException("failed to parse: " + a.value());
                };
                case "limit" -> limit = Args.number(a.key(), a.value());
                case "dot" -> dot = Path.of(a.value());
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        Scoreboard state = ctx.newScoreboard(4);
        tbPc = state.u64(TB_PC);
        endBlock = state.u64(END_BLOCK);
        pcAfterBlock = state.u64(PC_AFTER_BLOCK);
        lastPc = state.u64(LAST_PC);
        ctx.onTbTranslate(tb -> {
            long pc = tb.vaddr();
            InsnView first = tb.insn(0);
            InsnView last = tb.insn(tb.insnCount() - 1);
            tb.inline(InlineOp.STORE_U64, tbPc, pc);
            tb.onExecIf((vcpu, data) -> branched(vcpu), RegAccess.NO_REGS, Condition.NE, pcAfterBlock, pc, null);
            // set on the first instruction, after the block's check above has read the old values
            first.inline(InlineOp.STORE_U64, endBlock, last.vaddr());
            first.inline(InlineOp.STORE_U64, pcAfterBlock, last.vaddr() + last.size());
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                boolean isLast = i == tb.insnCount() - 1;
                synchronized (nodes) {
                    // QEMU means to make a node of every block's last instruction and to note others
                    // only once they are nodes (its code passes a pointer where a flag belongs and so
                    // makes a node of every instruction; the nodes reported are the same)
                    Node node = isLast ? nodes.computeIfAbsent(insn.vaddr(), Node::new) : nodes.get(insn.vaddr());
                    if (node != null) {
                        if (node.disas == null) {
                            node.disas = insn.disassembly();
                        }
                        if (node.symbol == null) {
                            node.symbol = insn.symbol();
                        }
                        if (isLast) {
                            node.lastCount++;
                        } else {
                            node.midCount++;
                        }
                    }
                }
                insn.inline(InlineOp.STORE_U64, lastPc, insn.vaddr());
            }
        });
        ctx.onExit(() -> {
            ctx.out(report());
            if (dot != null) {
                writeDot();
            }
        });
    }

    /** The block about to run does not follow the last one linearly: record the jump. */
    private void branched(int vcpu) {
        long lpc = lastPc.get(vcpu);
        if (lpc == 0) {
            return; // the first block of the vCPU
        }
        long ebpc = endBlock.get(vcpu);
        long pc = tbPc.get(vcpu);
        synchronized (nodes) {
            Node node = nodes.computeIfAbsent(lpc, Node::new);
            if (lpc != ebpc) {
                node.earlyExit++;
                if (node.midCount == 0) {
                    node.midCount++;
                }
            }
            node.dests.computeIfAbsent(pc, k -> new long[1])[0]++;
            node.destCount++;
        }
    }

    private List<Node> branchingNodes() {
        List<Node> rows = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n.destCount != 0) {
                rows.add(n);
            }
        }
        Comparator<Node> order = switch (sort) {
            case HOTTEST -> Comparator.comparingLong((Node n) -> n.destCount).reversed();
            case EARLY -> Comparator.comparingLong((Node n) -> n.earlyExit).reversed();
            case POPDEST -> Comparator.comparingInt((Node n) -> n.dests.size()).reversed();
        };
        rows.sort(order.thenComparing(n -> n.addr, Long::compareUnsigned));
        return rows;
    }

    String report() {
        synchronized (nodes) {
            StringBuilder s = new StringBuilder("collected " + nodes.size() + " control flow nodes in the hash table\n");
            List<Node> rows = branchingNodes();
            for (int i = 0; i < rows.size() && i < limit; i++) {
                Node n = rows.get(i);
                s.append(String.format("  addr: 0x%x %s: %s (%s)\n", n.addr, n.symbol == null ? "(null)" : n.symbol,
                        n.disas == null ? "(null)" : n.disas, n.midCount != 0 ? "sync fault" : "branch"));
                if (n.earlyExit != 0) {
                    s.append("    early exits ").append(n.earlyExit).append('\n');
                }
                s.append("    branches ").append(n.destCount).append('\n');
                n.dests.forEach((to, c) -> s.append(String.format("      to 0x%x (%d)\n", to, c[0])));
            }
            return s.toString();
        }
    }

    /** Every branching node, most taken first, with an edge per destination labelled by its count. */
    String dotGraph() {
        synchronized (nodes) {
            StringBuilder s = new StringBuilder("digraph cflow {\n  node [shape=box, fontname=\"monospace\"];\n");
            List<Node> rows = branchingNodes();
            Map<Long, Boolean> declared = new HashMap<>();
            for (Node n : rows) {
                s.append(String.format("  \"0x%x\" [label=\"0x%x %s\\n%s\"%s];\n", n.addr, n.addr,
                        escape(n.symbol == null ? "" : n.symbol), escape(n.disas == null ? "" : n.disas),
                        n.midCount != 0 ? ", color=red" : ""));
                declared.put(n.addr, true);
            }
            for (Node n : rows) {
                for (Map.Entry<Long, long[]> e : n.dests.entrySet()) {
                    long to = e.getKey();
                    if (declared.putIfAbsent(to, true) == null) {
                        Node target = nodes.get(to);
                        String sym = target == null || target.symbol == null ? "" : " " + escape(target.symbol);
                        s.append(String.format("  \"0x%x\" [label=\"0x%x%s\"];\n", to, to, sym));
                    }
                }
            }
            for (Node n : rows) {
                for (Map.Entry<Long, long[]> e : n.dests.entrySet()) {
                    s.append(String.format("  \"0x%x\" -> \"0x%x\" [label=\"%d\"];\n", n.addr, e.getKey(),
                            e.getValue()[0]));
                }
            }
            return s.append("}\n").toString();
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void writeDot() {
        try {
            Files.writeString(dot, dotGraph(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + dot + ": " + e.getMessage(), e);
        }
    }
}
