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
import java.util.HashMap;
import java.util.Map;

/**
 * Ends the program after a number of instructions or on reaching an address, as later QEMU's
 * contrib/plugins/stoptrigger.c.
 *
 * <p>Arguments: {@code icount=N[:STATUS]} ends the process with STATUS (default 0) when a vCPU is
 * about to run its N+1th instruction, so exactly N ran; {@code addr=A[:STATUS]} (repeatable) when an
 * instruction at A is about to run. Numbers as C's strtoull with base 0 ({@code 0x} hex, leading 0
 * octal, else decimal).
 *
 * <p>Output: {@code icount reached at 0xPC, exiting} or {@code 0xA reached, exiting}, then the process
 * exits with STATUS as by {@code exit_group}; at-exit callbacks of every plugin still run.
 */
public final class StoptriggerPlugin implements Plugin {
    private static final int INSN_COUNT = 0;
    private static final int CURRENT_PC = 1;

    private final Map<Long, Integer> addrs = new HashMap<>();

    @Override
    public String name() {
        return "stoptrigger";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        long icount = 0;
        int icountExitCode = 0;
        boolean exitOnIcount = false;
        for (PluginArgs.Arg a : args.all()) {
            String[] tokens = a.value().split(":", 2);
            switch (a.key()) {
                case "icount" -> {
                    icount = Args.strtoull(tokens[0], 0);
                    if (icount == 0 || tokens[0].contains("-")) {
                        throw new PluginArgumentException(
                                "icount parsing failed: '" + tokens[0] + "' must be a positive integer");
                    }
                    if (tokens.length > 1) {
                        icountExitCode = (int) Args.strtoull(tokens[1], 0);
                    }
                    exitOnIcount = true;
                }
                case "addr" -> addrs.put(Args.strtoull(tokens[0], 0),
                        tokens.length > 1 ? (int) Args.strtoull(tokens[1], 0) : 0);
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        if (!exitOnIcount && addrs.isEmpty()) {
            throw new PluginArgumentException("'icount' or 'addr' argument missing");
        }
        Scoreboard sb = ctx.newScoreboard(2);
        ScoreboardU64 insnCount = sb.u64(INSN_COUNT);
        ScoreboardU64 currentPc = sb.u64(CURRENT_PC);
        boolean onIcount = exitOnIcount;
        long limit = icount;
        int icountStatus = icountExitCode;
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                long vaddr = insn.vaddr();
                if (onIcount) {
                    insn.inline(InlineOp.ADD_U64, insnCount, 1);
                    insn.inline(InlineOp.STORE_U64, currentPc, vaddr);
                    insn.onExecIf((vcpu, data) -> {
                        ctx.out(String.format("icount reached at 0x%x, exiting\n", currentPc.get(vcpu)));
                        ctx.exitProcess(vcpu, icountStatus);
                    }, RegAccess.NO_REGS, Condition.EQ, insnCount, limit + 1, null);
                }
                Integer status = addrs.get(vaddr);
                if (status != null) {
                    insn.onExec((vcpu, data) -> {
                        ctx.out(String.format("0x%x reached, exiting\n", vaddr));
                        ctx.exitProcess(vcpu, (Integer) data);
                    }, RegAccess.NO_REGS, status);
                }
            }
        });
    }
}
