package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.TranslationBlock;
import java.util.List;

/**
 * Turns a translation block's IR into something that runs.
 *
 * <p>Threading: every vCPU thread translates and compiles its own blocks, so {@link #compile} and
 * {@link #compileRegion} may be called from several threads at once; the blocks they return are run
 * by any vCPU thread, and by several at once.
 */
public interface Backend {
    /**
     * The backend's name, as {@code -backend} takes it.
     *
     * @return the name
     */
    String name();

    /**
     * Compiles one block. Its goto_tb exits return their slot, so that the runtime can chain them.
     *
     * @param tb the block, after the inject pass
     * @return the code that runs it
     * @throws BlockTooLargeException when the block should be translated again with fewer instructions
     */
    ExecutableBlock compile(TranslationBlock tb);

    /**
     * Whether regions compile.
     *
     * @return true when {@link #compileRegion} is supported
     */
    default boolean compilesRegions() {
        return false;
    }

    /**
     * Compiles a hot region: several blocks in one unit, which can be entered at any member: element
     * {@code i} of the result starts at {@code blocks.get(i)}. A goto_tb to a member's pc, and a
     * goto_ptr whose target turns out to be a member's pc, stay inside the unit.
     *
     * <p>The region's chainable exits are its goto_tb ops whose static target is not a member,
     * numbered from 0 in member order, then op order; the {@code i}-th returns
     * {@code ExitCodes.regionExit(i)}, so that the runtime can chain it. A goto_ptr leaving the region
     * returns {@code ExitCodes.LOOKUP}, as does a goto_tb without a static target. The result says
     * how many chainable exits there are.
     *
     * @param blocks the members, the region's first entry first
     * @return one entry per member, and the number of chainable exits
     * @throws BlockTooLargeException when the region should be retried with fewer members
     */
    default CompiledRegion compileRegion(List<TranslationBlock> blocks) {
        throw new UnsupportedOperationException(name() + " does not compile regions");
    }
}
