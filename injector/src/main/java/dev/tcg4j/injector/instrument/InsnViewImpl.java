package dev.tcg4j.injector.instrument;

import dev.tcg4j.injector.call.PluginSession;
import dev.tcg4j.injector.call.MemAdapter;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemCallback;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.Objects;

/** One plugin's view of an instruction of a block being translated. */
final class InsnViewImpl implements InsnView {
    private final TbRequests tb;
    private final InsnRequests insn;
    private final PluginSession plugin;
    private final Disassembler disassembler;
    private final SymbolLookup symbols;

    InsnViewImpl(TbRequests tb, InsnRequests insn, PluginSession plugin, Disassembler disassembler, SymbolLookup symbols) {
        this.tb = tb;
        this.insn = insn;
        this.plugin = plugin;
        this.disassembler = disassembler;
        this.symbols = symbols;
    }

    @Override
    public long vaddr() {
        tb.checkOpen();
        return insn.insn().vaddr();
    }

    @Override
    public int size() {
        tb.checkOpen();
        return insn.insn().size();
    }

    @Override
    public byte[] bytes() {
        tb.checkOpen();
        return insn.insn().bytes();
    }

    @Override
    public String disassembly() {
        tb.checkOpen();
        return disassembler.disassemble(insn.insn());
    }

    @Override
    public String symbol() {
        tb.checkOpen();
        return symbols.symbolAt(insn.insn().vaddr());
    }

    @Override
    public void onExec(ExecCallback cb, RegAccess regs, Object userData) {
        tb.checkOpen();
        Requests.addCall(insn.onExec(), plugin, cb, regs, userData, insn.insn().vaddr());
    }

    @Override
    public void onExecIf(ExecCallback cb, RegAccess regs, Condition cond, ScoreboardU64 entry, long imm,
            Object userData) {
        tb.checkOpen();
        Requests.addCondCall(insn.onExec(), plugin, cb, regs, cond, entry, imm, userData,
                insn.insn().vaddr());
    }

    @Override
    public void inline(InlineOp op, ScoreboardU64 entry, long imm) {
        tb.checkOpen();
        insn.onExec().add(Requests.inline(op, entry, imm));
    }

    @Override
    public void onMem(MemCallback cb, RegAccess regs, MemRw rw, Object userData) {
        tb.checkOpen();
        MemAdapter a = MemAdapter.of(plugin, cb, userData, Objects.requireNonNull(regs, "register access"),
                insn.insn().vaddr());
        insn.onMem().add(new MemRequest.Call(a, a.helper(Requests.helperFlags(regs)), Objects.requireNonNull(rw, "rw")));
    }

    @Override
    public void inlineMem(MemRw rw, InlineOp op, ScoreboardU64 entry, long imm) {
        tb.checkOpen();
        insn.onMem().add(new MemRequest.Inline(Objects.requireNonNull(rw, "rw"), Requests.inline(op, entry, imm)));
    }
}
