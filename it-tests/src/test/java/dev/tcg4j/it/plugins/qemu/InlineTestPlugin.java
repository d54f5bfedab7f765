package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * QEMU's tests/tcg/plugins/inline.c: counts blocks, instructions and memory accesses three ways (a
 * callback, an inline add, and for instructions a conditional callback every 1000th one) and fails
 * at exit unless they agree. Prints {@code tb: N, insn: N, mem: N} and {@code inline checks: ok}.
 */
public final class InlineTestPlugin implements Plugin {
    private static final long COND_EVERY = 1000;

    @Override
    public String name() {
        return "test-inline";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        Scoreboard sb = ctx.newScoreboard(4);
        ScoreboardU64 tbInline = sb.u64(0);
        ScoreboardU64 insnInline = sb.u64(1);
        ScoreboardU64 memInline = sb.u64(2);
        ScoreboardU64 condTrack = sb.u64(3);
        AtomicLong tbCb = new AtomicLong();
        AtomicLong insnCb = new AtomicLong();
        AtomicLong memCb = new AtomicLong();
        AtomicLong condHits = new AtomicLong();
        ctx.onTbTranslate(tb -> {
            tb.onExec((v, d) -> tbCb.incrementAndGet(), RegAccess.NO_REGS, null);
            tb.inline(InlineOp.ADD_U64, tbInline, 1);
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                insn.onExec((v, d) -> insnCb.incrementAndGet(), RegAccess.NO_REGS, null);
                insn.inline(InlineOp.ADD_U64, insnInline, 1);
                insn.inline(InlineOp.ADD_U64, condTrack, 1);
                insn.onExecIf((v, d) -> {
                    condTrack.set(v, 0);
                    condHits.incrementAndGet();
                }, RegAccess.NO_REGS, Condition.GE, condTrack, COND_EVERY, null);
                insn.onMem((v, info, vaddr, d) -> memCb.incrementAndGet(), RegAccess.NO_REGS, MemRw.RW, null);
                insn.inlineMem(MemRw.RW, InlineOp.ADD_U64, memInline, 1);
            }
        });
        ctx.onExit(() -> {
            ctx.out("tb: " + tbCb.get() + ", insn: " + insnCb.get() + ", mem: " + memCb.get() + "\n");
            long byCondition = condHits.get() * COND_EVERY + condTrack.sum();
            if (tbCb.get() != tbInline.sum() || insnCb.get() != insnInline.sum() || memCb.get() != memInline.sum()
                    || byCondition != insnCb.get()) {
                throw new IllegalStateException("counts disagree: tb " + tbCb + "/" + tbInline.sum() + ", insn "
                        + insnCb + "/" + insnInline.sum() + "/" + byCondition + ", mem " + memCb + "/" + memInline.sum());
            }
            ctx.out("inline checks: ok\n");
        });
    }
}
