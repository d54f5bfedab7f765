package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most executed translation blocks, as QEMU's contrib/plugins/hotblocks.c. A block is known by
 * its address and instruction count (QEMU keys its table with {@code pc ^ insns}); a block translated
 * again adds to the same entry.
 *
 * <p>Arguments: {@code inline=on|off} counts with an inline op instead of a callback;
 * {@code limit=N} (tcg4j's own, default 20) how many rows at most.
 *
 * <p>Output at exit: {@code collected N entries in the hash table}, then {@code pc, tcount, icount,
 * ecount} and one row per block, the most executed first (equal counts by address). As QEMU's loop,
 * the least executed block of the table is never printed.
 */
public final class HotblocksPlugin implements Plugin {
    /** One block: QEMU's ExecCount. */
    private static final class Block {
        final long pc;
        final long insns;
        final ScoreboardU64 execCount;
        int transCount;

        Block(long pc, long insns, ScoreboardU64 execCount) {
            this.pc = pc;
            this.insns = insns;
            this.execCount = execCount;
        }
    }

    private final Map<Long, Block> blocks = new HashMap<>();
    private CounterPool counters;
    private long limit = 20;

    @Override
    public String name() {
        return "hotblocks";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        boolean inline = false;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "inline" -> inline = PluginArgs.parseBool(a.key(), a.value());
                case "limit" -> limit = Args.number(a.key(), a.value());
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        counters = new CounterPool(ctx);
        boolean doInline = inline;
        ctx.onTbTranslate(tb -> {
            long pc = tb.vaddr();
            long insns = tb.insnCount();
            Block b;
            synchronized (blocks) {
                b = blocks.get(pc ^ insns);
                if (b == null) {
                    b = new Block(pc, insns, counters.next());
                    blocks.put(pc ^ insns, b);
                }
                b.transCount++;
            }
            if (doInline) {
                tb.inline(InlineOp.ADD_U64, b.execCount, 1);
            } else {
                tb.onExec((vcpu, data) -> ((ScoreboardU64) data).add(vcpu, 1), RegAccess.NO_REGS, b.execCount);
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    String report() {
        List<Block> rows;
        synchronized (blocks) {
            rows = new ArrayList<>(blocks.values());
        }
        StringBuilder s = new StringBuilder("collected " + rows.size() + " entries in the hash table\n");
        if (rows.isEmpty()) {
            return s.toString();
        }
        Map<Block, Long> sums = new HashMap<>();
        for (Block b : rows) {
            sums.put(b, b.execCount.sum());
        }
        rows.sort(Comparator.comparing((Block b) -> sums.get(b), Long::compareUnsigned).reversed()
                .thenComparing(b -> b.pc, Long::compareUnsigned));
        s.append("pc, tcount, icount, ecount\n");
        for (int i = 0; i < limit && i < rows.size() - 1; i++) {
            Block b = rows.get(i);
            s.append(String.format("0x%016x, %d, %d, %s\n", b.pc, b.transCount, b.insns,
                    Long.toUnsignedString(sums.get(b))));
        }
        return s.toString();
    }
}
