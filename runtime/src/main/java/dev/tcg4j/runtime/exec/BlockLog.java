package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.GuestInsn;
import dev.tcg4j.ir.IrDump;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.SymbolLookup;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-block debug logs, in QEMU's formats: {@code -d in_asm} (the guest instructions of each new
 * block), {@code -d op} (its IR) and {@code -d exec} (a Trace line per executed block), each on its
 * own logger and restricted to the {@code -dfilter} ranges.
 */
public final class BlockLog {
    private static final Logger IN_ASM = LoggerFactory.getLogger("tcg4j.in_asm");
    private static final Logger OP = LoggerFactory.getLogger("tcg4j.op");
    private static final Logger EXEC = LoggerFactory.getLogger("tcg4j.exec");

    private final Disassembler disassembler;
    private final SymbolLookup symbols;
    private final LongPredicate filter;
    /** Read once: a disabled trace costs one field test per executed block. */
    private final boolean traceExec = EXEC.isDebugEnabled();

    public BlockLog(Disassembler disassembler, SymbolLookup symbols, LongPredicate filter) {
        this.disassembler = disassembler;
        this.symbols = symbols;
        this.filter = filter;
    }

    boolean traceExec() {
        return traceExec;
    }

    void translated(TranslationBlock tb) {
        if (!filter.test(tb.pc())) {
            return;
        }
        if (IN_ASM.isDebugEnabled()) {
            IN_ASM.debug(inAsm(tb));
        }
        if (OP.isDebugEnabled()) {
            OP.debug("OP:\n" + IrDump.dump(tb));
        }
    }

    /** QEMU's IN: block: a separator, the symbol, then {@code 0x<pc>:  <encoding>  <disassembly>} lines. */
    String inAsm(TranslationBlock tb) {
        StringBuilder sb = new StringBuilder("----------------\nIN: ");
        String sym = symbols.symbolAt(tb.pc());
        sb.append(sym == null ? "" : sym).append('\n');
        for (GuestInsn insn : tb.insns()) {
            String hex = insn.size() == 2 ? String.format("%04x", insn.bits() & 0xffff)
                    : String.format("%08x", insn.bits() & 0xffffffffL);
            sb.append(String.format("0x%016x:  %-18s%s%n", insn.vaddr(), hex, disassembler.disassemble(insn)));
        }
        return sb.toString();
    }

    void executing(int vcpu, CachedBlock b) {
        if (filter.test(b.pc)) {
            String sym = symbols.symbolAt(b.pc);
            EXEC.debug(String.format("Trace %d: 0x%08x [%016x/%016x/%08x/%08x] %s", vcpu,
                    System.identityHashCode(b.code), 0L, b.pc, 0, 0, sym == null ? "" : sym));
        }
    }
}
