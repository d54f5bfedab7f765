package com.example.callcount;

import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;

public final class CallCount implements Plugin {
    @Override
    public String name() {
        return "callcount";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        String addrArg = args.last("addr").orElseThrow(
                () -> new PluginArgumentException("callcount needs addr=ENTRY (hex, from nm)"));
        long entry;
        try {
            entry = Long.parseUnsignedLong(addrArg.replaceFirst("^0[xX]", ""), 16);
        } catch (NumberFormatException e) {
            throw new PluginArgumentException("callcount: addr=" + addrArg + " is not a hex address");
        }
        boolean verbose = args.bool("verbose", false);
        ScoreboardU64 calls = ctx.newScoreboard(1).u64(0);

        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                if (insn.vaddr() == entry) {
                    insn.inline(InlineOp.ADD_U64, calls, 1);
                    if (verbose) {
                        // every 1000th call, say so: a conditional callback costs nothing otherwise
                        insn.onExecIf((vcpu, data) -> ctx.out("vcpu " + vcpu + ": 1000 calls\n"),
                                RegAccess.NO_REGS, Condition.EQ, calls, 1000, null);
                    }
                }
            }
        });

        ctx.onExit(() -> {
            for (int v = 0; v < ctx.vcpuCount(); v++) {
                ctx.out("cpu " + v + " calls: " + calls.get(v) + "\n");
            }
            ctx.out("total calls: " + calls.sum() + "\n");
        });
    }
}
