package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.TranslationBlock;
import java.util.List;

/** Turns a translation block's IR into something that runs. */
public interface Backend {
    String name();

    /**
     * Compiles one block. Its goto_tb exits return their slot, so that the runtime can chain them.
     *
     * @throws BlockTooLargeException when the block should be translated again with fewer instructions
     */
    ExecutableBlock compile(TranslationBlock tb);

    /** True when {@link #compileRegion} is supported. */
    default boolean compilesRegions() {
        return false;
    }

    /**
     * Compiles a hot region: several blocks in one unit that starts at {@code blocks.get(0)}, where a
     * goto_tb to a member's pc stays inside the unit. Exits leaving the region return
     * {@code ExitCodes.LOOKUP} rather than a slot.
     *
     * @throws BlockTooLargeException when the region should be retried with fewer members
     */
    default ExecutableBlock compileRegion(List<TranslationBlock> blocks) {
        throw new UnsupportedOperationException(name() + " does not compile regions");
    }
}
