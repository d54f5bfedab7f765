package dev.tcg4j.ir.spi;

import java.util.List;

/**
 * What {@link Backend#compileRegion} made: one entry per member, in member order, and how many
 * chainable exits the region numbered, so that the runtime can size its links without knowing how the
 * backend counts them.
 *
 * @param entries one entry per member, in member order
 * @param chainableExits how many chainable exits the region numbered
 */
public record CompiledRegion(List<ExecutableBlock> entries, int chainableExits) {
    /**
     * Checks the result.
     *
     * @param entries the entries
     * @param chainableExits the number of chainable exits, not negative
     */
    public CompiledRegion {
        entries = List.copyOf(entries);
        if (chainableExits < 0) {
            throw new IllegalArgumentException("chainable exits " + chainableExits);
        }
    }
}
