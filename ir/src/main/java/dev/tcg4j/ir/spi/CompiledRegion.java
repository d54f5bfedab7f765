package dev.tcg4j.ir.spi;

import java.util.List;

/**
 * What {@link Backend#compileRegion} made: one entry per member, in member order, and how many
 * chainable exits the region numbered, so that the runtime can size its links without knowing how the
 * backend counts them.
 */
public record CompiledRegion(List<ExecutableBlock> entries, int chainableExits) {
    public CompiledRegion {
        entries = List.copyOf(entries);
        if (chainableExits < 0) {
            throw new IllegalArgumentException("chainable exits " + chainableExits);
        }
    }
}
