package dev.tcg4j.injector.instrument;

import dev.tcg4j.injector.call.ExecAdapter;
import dev.tcg4j.injector.call.PluginSession;
import dev.tcg4j.injector.score.ScoreboardSlot;
import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.List;
import java.util.Objects;

/** Turns the API's registration arguments into requests, the way QEMU's plugins/api.c does. */
final class Requests {
    private Requests() {}

    /** Helper call flags for a callback's register access. */
    static int helperFlags(RegAccess regs) {
        return switch (Objects.requireNonNull(regs, "register access")) {
            case NO_REGS -> 0;
            case R_REGS -> Helper.READS_GLOBALS;
            case RW_REGS, RW_REGS_PC -> Helper.READS_GLOBALS | Helper.WRITES_GLOBALS;
        };
    }

    static ScoreboardSlot slot(ScoreboardU64 entry) {
        if (entry instanceof ScoreboardSlot s) {
            return s;
        }
        throw new IllegalArgumentException("scoreboard entries must come from PluginContext.newScoreboard, got " + entry);
    }

    static ExecRequest.Inline inline(InlineOp op, ScoreboardU64 entry, long imm) {
        return new ExecRequest.Inline(Objects.requireNonNull(op, "op"), slot(entry), imm);
    }

    static void addCall(List<ExecRequest> to, PluginSession plugin, ExecCallback cb, RegAccess regs, Object userData,
            long pc) {
        ExecAdapter a = ExecAdapter.of(plugin, cb, userData, regs, pc);
        to.add(new ExecRequest.Call(a, a.helper(helperFlags(regs))));
    }

    /** As api.c: NEVER registers nothing, ALWAYS a plain callback, the rest compare unsigned. */
    static void addCondCall(List<ExecRequest> to, PluginSession plugin, ExecCallback cb, RegAccess regs,
            Condition cond, ScoreboardU64 entry, long imm, Object userData, long pc) {
        switch (Objects.requireNonNull(cond, "condition")) {
            case NEVER -> { }
            case ALWAYS -> addCall(to, plugin, cb, regs, userData, pc);
            default -> {
                ExecAdapter a = ExecAdapter.of(plugin, cb, userData, regs, pc);
                to.add(new ExecRequest.CondCall(a, a.helper(helperFlags(regs)), irCond(cond), slot(entry), imm));
            }
        }
    }

    static Cond irCond(Condition c) {
        return switch (c) {
            case EQ -> Cond.EQ;
            case NE -> Cond.NE;
            case LT -> Cond.LTU;
            case LE -> Cond.LEU;
            case GT -> Cond.GTU;
            case GE -> Cond.GEU;
            case NEVER -> Cond.NEVER;
            case ALWAYS -> Cond.ALWAYS;
        };
    }
}
