package dev.tcg4j.injector.instrument;

import dev.tcg4j.injector.call.PluginSession;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import dev.tcg4j.plugin.api.TbView;

/** One plugin's view of a block being translated; its registrations carry that plugin's name. */
public final class TbViewImpl implements TbView {
    private final TbRequests tb;
    private final PluginSession plugin;
    private final Disassembler disassembler;
    private final SymbolLookup symbols;

    public TbViewImpl(TbRequests tb, PluginSession plugin, Disassembler disassembler, SymbolLookup symbols) {
        this.tb = tb;
        this.plugin = plugin;
        this.disassembler = disassembler;
        this.symbols = symbols;
    }

    @Override
    public int insnCount() {
        tb.checkOpen();
        return tb.insns().size();
    }

    @Override
    public long vaddr() {
        tb.checkOpen();
        return tb.pc();
    }

    @Override
    public InsnView insn(int index) {
        tb.checkOpen();
        return new InsnViewImpl(tb, tb.insns().get(index), plugin, disassembler, symbols);
    }

    @Override
    public void onExec(ExecCallback cb, RegAccess regs, Object userData) {
        tb.checkOpen();
        Requests.addCall(tb.onExec(), plugin, cb, regs, userData, tb.pc());
    }

    @Override
    public void onExecIf(ExecCallback cb, RegAccess regs, Condition cond, ScoreboardU64 entry, long imm,
            Object userData) {
        tb.checkOpen();
        Requests.addCondCall(tb.onExec(), plugin, cb, regs, cond, entry, imm, userData, tb.pc());
    }

    @Override
    public void inline(InlineOp op, ScoreboardU64 entry, long imm) {
        tb.checkOpen();
        tb.onExec().add(Requests.inline(op, entry, imm));
    }
}
