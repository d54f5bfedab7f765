package com.example.blockcount;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.ScoreboardU64;
import dev.tcg4j.plugin.api.TbView;

/** Counts executed blocks and instructions, inline: {@code blocks N, insns M} at exit. */
public final class BlockCount implements Plugin {
    @Override
    public String name() {
        return "blockcount";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        String label = args.last("label").orElse("blockcount");
        ScoreboardU64 blocks = ctx.newScoreboard(1).u64(0);
        ScoreboardU64 insns = ctx.newScoreboard(1).u64(0);
        ctx.onTbTranslate((TbView tb) -> {
            tb.inline(InlineOp.ADD_U64, blocks, 1);
            tb.inline(InlineOp.ADD_U64, insns, tb.insnCount());
        });
        ctx.onExit(() -> ctx.out(label + ": blocks " + blocks.sum() + ", insns " + insns.sum() + "\n"));
    }
}
