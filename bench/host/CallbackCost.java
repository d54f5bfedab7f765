import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Register;
import dev.tcg4j.plugin.api.ScoreboardU64;

/**
 * scripts/bench-callbacks' plugin: registers one kind of instrumentation everywhere it applies, so
 * that a run's CPU time against the uninstrumented run is that kind's cost. {@code kind=}
 * <ul>
 * <li>{@code empty}: a translation callback that registers nothing (the plugin machinery alone);
 * <li>{@code tb}: a callback per executed block; {@code insn}: a callback per executed instruction;
 * <li>{@code inline}: an inline add per executed instruction;
 * <li>{@code mem}: a callback per memory access;
 * <li>{@code cond}: an inline add per block and a conditional callback per block whose condition
 *     holds every 1024th block (the test, and a call now and then);
 * <li>{@code syscall}: callbacks at every system call's entry and return;
 * <li>{@code regs}: a callback per executed block that reads sp and a0 ({@code R_REGS}).
 * </ul>
 * Prints {@code callback-cost KIND: N events} at exit, so that a run proves its callbacks ran.
 */
public final class CallbackCost implements Plugin {
    private ScoreboardU64 events;
    private ScoreboardU64 blocks;

    @Override
    public String name() {
        return "callback-cost";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        String kind = args.last("kind").orElseThrow(() -> new PluginArgumentException("callback-cost needs kind=KIND"));
        var board = ctx.newScoreboard(2);
        events = board.u64(0);
        blocks = board.u64(1);
        switch (kind) {
            case "empty" -> ctx.onTbTranslate(tb -> { });
            case "tb" -> ctx.onTbTranslate(tb -> tb.onExec((v, d) -> events.add(v, 1), RegAccess.NO_REGS, null));
            case "insn" -> ctx.onTbTranslate(tb -> {
                for (int i = 0; i < tb.insnCount(); i++) {
                    tb.insn(i).onExec((v, d) -> events.add(v, 1), RegAccess.NO_REGS, null);
                }
            });
            case "inline" -> ctx.onTbTranslate(tb -> {
                for (int i = 0; i < tb.insnCount(); i++) {
                    tb.insn(i).inline(InlineOp.ADD_U64, events, 1);
                }
            });
            case "mem" -> ctx.onTbTranslate(tb -> {
                for (int i = 0; i < tb.insnCount(); i++) {
                    InsnView insn = tb.insn(i);
                    insn.onMem((v, info, addr, d) -> events.add(v, 1), RegAccess.NO_REGS, MemRw.RW, null);
                }
            });
            case "cond" -> ctx.onTbTranslate(tb -> {
                tb.inline(InlineOp.ADD_U64, blocks, 1);
                tb.onExecIf((v, d) -> {
                    events.add(v, 1);
                    blocks.set(v, 0);
                }, RegAccess.NO_REGS, Condition.GE, blocks, 1024, null);
            });
            case "syscall" -> {
                ctx.onSyscall((v, number, a) -> events.add(v, 1));
                ctx.onSyscallReturn((v, number, result) -> events.add(v, 1));
            }
            case "regs" -> {
                Register sp = find(ctx, "sp");
                Register a0 = find(ctx, "a0");
                ctx.onTbTranslate(tb -> tb.onExec((v, d) -> {
                    if (ctx.readRegister(v, sp) + ctx.readRegister(v, a0) != 1) {
                        events.add(v, 1);
                    }
                }, RegAccess.R_REGS, null));
            }
            default -> throw new PluginArgumentException("callback-cost: unknown kind " + kind);
        }
        ctx.onExit(() -> ctx.out("callback-cost " + kind + ": " + events.sum() + " events\n"));
    }

    private static Register find(PluginContext ctx, String name) {
        return ctx.registers().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
