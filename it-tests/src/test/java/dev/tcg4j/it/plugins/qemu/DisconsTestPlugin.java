package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.Discontinuity;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * QEMU's tests/tcg/plugins/discons.c in user mode: inline stores keep each vCPU's last executed pc
 * and the pc after it (when the block goes on); a discontinuity must come from that next pc (or, for
 * an exception, from the faulting instruction itself), and the first instruction executed after it
 * must be its {@code toPc}. Prints each kind's count and the mismatches at exit.
 */
public final class DisconsTestPlugin implements Plugin {
    private final Map<Discontinuity, Long> seen = new EnumMap<>(Discontinuity.class);
    private long mismatches;
    // per vCPU, for the single-threaded guests of the tests: index 0 only
    private long nextPc;
    private boolean hasNext;
    private Discontinuity nextKind;

    @Override
    public String name() {
        return "test-discons";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        Scoreboard states = ctx.newScoreboard(3);
        ScoreboardU64 lastPc = states.u64(0);
        ScoreboardU64 fromPc = states.u64(1);
        ScoreboardU64 hasFrom = states.u64(2);
        ctx.onDiscontinuity(EnumSet.allOf(Discontinuity.class), (v, kind, from, to) -> {
            seen.merge(kind, 1L, Long::sum);
            if (kind == Discontinuity.EXCEPTION && lastPc.get(v) == from) {
                // the faulting instruction's callback ran before it faulted
            } else if (hasNext) {
                mismatch(ctx, "source", kind, nextPc, from);
            } else if (hasFrom.get(v) != 0) {
                mismatch(ctx, "source", kind, fromPc.get(v), from);
            }
            hasFrom.set(v, 0);
            nextPc = to;
            nextKind = kind;
            hasNext = true;
        });
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                insn.inline(InlineOp.STORE_U64, lastPc, insn.vaddr());
                insn.inline(InlineOp.STORE_U64, fromPc, insn.vaddr() + insn.size());
                insn.inline(InlineOp.STORE_U64, hasFrom, i + 1 < tb.insnCount() ? 1 : 0);
                insn.onExec((v, d) -> {
                    if (hasNext) {
                        if (nextPc != lastPc.get(v)) {
                            mismatch(ctx, "target", nextKind, nextPc, lastPc.get(v));
                        }
                        hasNext = false;
                    }
                }, RegAccess.NO_REGS, null);
            }
        });
        ctx.onExit(() -> ctx.out("discons: interrupt " + seen.getOrDefault(Discontinuity.INTERRUPT, 0L)
                + ", exception " + seen.getOrDefault(Discontinuity.EXCEPTION, 0L) + ", hostcall "
                + seen.getOrDefault(Discontinuity.HOSTCALL, 0L) + ", mismatches " + mismatches + "\n"));
    }

    private void mismatch(PluginContext ctx, String pcName, Discontinuity kind, long expected, long encountered) {
        if (expected == encountered) {
            return;
        }
        mismatches++;
        ctx.out("Discon " + pcName + " PC mismatch (" + kind + "): expected 0x" + Long.toHexString(expected)
                + ", encountered 0x" + Long.toHexString(encountered) + "\n");
    }
}
