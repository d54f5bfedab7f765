package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.ScoreboardU64;

/**
 * Registers its translation callback late: from the vCPU-init callback ({@code at=init}), or from the
 * first system call's return ({@code at=syscall}, when blocks have run and must be dropped). Counts
 * the instructions executed from then on with an inline op; prints {@code late insns: N} and the
 * flushes seen.
 */
public final class LateTestPlugin implements Plugin {
    @Override
    public String name() {
        return "test-late";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        String at = args.last("at").orElse("init");
        ScoreboardU64 insns = ctx.newScoreboard(1).u64(0);
        long[] flushes = new long[1];
        boolean[] registered = new boolean[1];
        Runnable register = () -> {
            if (!registered[0]) {
                registered[0] = true;
                ctx.onTbTranslate(tb -> {
                    for (int i = 0; i < tb.insnCount(); i++) {
                        tb.insn(i).inline(InlineOp.ADD_U64, insns, 1);
                    }
                });
            }
        };
        ctx.onFlush(() -> flushes[0]++);
        if (at.equals("syscall")) {
            ctx.onSyscallReturn((v, nr, ret) -> register.run());
        } else {
            ctx.onVcpuInit(v -> register.run());
        }
        ctx.onExit(() -> ctx.out("late insns: " + insns.sum() + ", flushes: " + flushes[0] + "\n"));
    }
}
