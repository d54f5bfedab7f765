package dev.tcg4j.injector.instrument;

import dev.tcg4j.injector.call.ExecAdapter;
import dev.tcg4j.injector.score.ScoreboardSlot;
import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.plugin.api.InlineOp;

/** Something a plugin asked to run when a block or an instruction starts executing. */
public sealed interface ExecRequest {
    /** Call the plugin's callback. */
    record Call(ExecAdapter adapter, Helper helper) implements ExecRequest {}

    /** Call the plugin's callback when {@code slot cond imm} holds ({@code cond} is already unsigned). */
    record CondCall(ExecAdapter adapter, Helper helper, Cond cond, ScoreboardSlot slot, long imm)
            implements ExecRequest {}

    /** Update the running vCPU's scoreboard entry in translated code. */
    record Inline(InlineOp op, ScoreboardSlot slot, long imm) implements ExecRequest {}
}
