package dev.tcg4j.backend.tiered;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import dev.tcg4j.ir.spi.ExecutableBlock;

/** A block on its own: compiled as one block, its goto_tb exits returning their slots as before. */
final class BlockTierUp extends TierUp {
    private final Backend compiled;
    private final long pc;
    /** The block's IR until it is compiled; dropped then. */
    private TranslationBlock tb;
    final TieredBlock entry;

    BlockTierUp(TierCompiler compiler, int threshold, Backend compiled, TranslationBlock tb, ExecutableBlock interpreted) {
        super(compiler, threshold);
        this.compiled = compiled;
        this.pc = tb.pc();
        this.tb = tb;
        this.entry = new TieredBlock(this, interpreted);
    }

    @Override
    String compile() {
        TranslationBlock ir = tb;
        if (ir == null) {
            return null;
        }
        ExecutableBlock code;
        try {
            code = compiled.compile(ir);
        } catch (BlockTooLargeException e) {
            tb = null;
            stayInterpreted(e.getMessage());
            return null;
        }
        tb = null;
        entry.swap(code);
        return compiled.name();
    }

    @Override
    public String toString() {
        return "tiered block 0x" + Long.toHexString(pc);
    }
}
