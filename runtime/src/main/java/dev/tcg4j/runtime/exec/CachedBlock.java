package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.ExecutableBlock;

/**
 * A compiled block in the cache, with one chained successor per goto_tb slot so that following a
 * direct jump needs no hash lookup. A link is a hint: it is followed only to a block that is still
 * valid and starts at the pc the exit left, so an invalidated block is never run through a stale link.
 */
public final class CachedBlock {
    final long pc;
    final int guestSize;
    final ExecutableBlock code;
    /** The block's IR after injection, kept to compile it again as a member of a hot region. */
    final TranslationBlock ir;
    /** Executions through {@link #code} so far, until the block is hot. */
    int heat;
    /**
     * The hot region this block is a member of, entered here; null until the block is hot or joins
     * a region. Set once, under the translation lock, after {@link #regionExits}: volatile, so that
     * a vCPU that sees the region sees its exits.
     */
    volatile ExecutableBlock region;
    /** Successors of the region's chainable exits, by exit index; shared by all members entering it. */
    CachedBlock[] regionExits;
    /** The block last reached from here through a lookup exit, a one-entry cache for returns and region exits. */
    CachedBlock lastLookup;
    /** Cleared when a write to its code or an unmap drops it; never set again. */
    volatile boolean valid = true;
    /** Successors for goto_tb slots 0 and 1; plain fields, a racy read sees null or some block, both safe. */
    CachedBlock next0;
    CachedBlock next1;

    CachedBlock(long pc, int guestSize, ExecutableBlock code, TranslationBlock ir) {
        this.pc = pc;
        this.guestSize = guestSize;
        this.code = code;
        this.ir = ir;
    }

    public long pc() {
        return pc;
    }

    public int guestSize() {
        return guestSize;
    }

    public boolean isValid() {
        return valid;
    }
}
