package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;

/**
 * Counts executed blocks and the instructions in them, as QEMU 7.2's tests/plugin/bb.c. Arguments:
 * {@code inline=on|off} counts with inline ops instead of a callback; {@code idle=on|off} is accepted
 * for compatibility (user-mode vCPUs never idle, so it prints nothing).
 *
 * <p>Output at exit, as bb.c in user mode: {@code bb's: B, insns: I}, summed over vCPUs.
 */
public final class BbPlugin implements Plugin {
    private ScoreboardU64 bbCount;
    private ScoreboardU64 insnCount;

    @Override
    public String name() {
        return "bb";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        boolean inline = false;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "inline" -> inline = PluginArgs.parseBool(a.key(), a.value());
                case "idle" -> PluginArgs.parseBool(a.key(), a.value());
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        var counts = ctx.newScoreboard(2);
        bbCount = counts.u64(0);
        insnCount = counts.u64(1);
        boolean doInline = inline;
        ctx.onTbTranslate(tb -> {
            long n = tb.insnCount();
            if (doInline) {
                tb.inline(InlineOp.ADD_U64, bbCount, 1);
                tb.inline(InlineOp.ADD_U64, insnCount, n);
            } else {
                tb.onExec((vcpu, data) -> {
                    insnCount.add(vcpu, (Long) data);
                    bbCount.add(vcpu, 1);
                }, RegAccess.NO_REGS, n);
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    String report() {
        return "bb's: " + Long.toUnsignedString(bbCount.sum()) + ", insns: " + Long.toUnsignedString(insnCount.sum())
                + "\n";
    }
}
