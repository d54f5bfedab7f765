package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.spi.BlockTooLargeException;

/**
 * Thrown by {@link BytecodeBackend#compile} when a block's {@code execute} method would exceed
 * {@link #LIMIT} bytes of bytecode, and by {@link BytecodeBackend#compileRegion} when a region's
 * would exceed {@link #REGION_LIMIT}.
 *
 * <p>HotSpot never JIT-compiles a method larger than 8000 bytes ({@code -XX:-DontCompileHugeMethods}
 * is the default), so such a block would stay interpreted forever and run many times slower than
 * two smaller ones. The runtime catches this exception and translates the block again with fewer
 * guest instructions, for example {@code insnCount() / 2}, as Ghidra's JIT halves its passages.
 *
 * <p>Carries no stack trace: it is an expected, recoverable outcome, not a bug.
 */
public final class BytecodeTooLargeException extends BlockTooLargeException {
    private static final long serialVersionUID = 1L;

    /** Bytecode bytes allowed for one block's {@code execute}, with a margin under HotSpot's 8000. */
    public static final int LIMIT = 7500;
    /**
     * Bytecode bytes allowed for a region's {@code execute}. C1 gave up on larger ones ("out of
     * virtual registers in linear scan", from about 4200 bytes), so they ran interpreted until C2 had
     * profiled and compiled them; on bench/mem_list_sort and bench/coremix regions of at most 2500
     * bytes ran fastest, against 4000 and 7500.
     */
    public static final int REGION_LIMIT = 2500;

    private final int codeSize;

    public BytecodeTooLargeException(long pc, int insnCount, int codeSize, int limit) {
        super(pc, insnCount, "code at 0x" + Long.toHexString(pc) + " with " + insnCount
                + " instructions needs at least " + codeSize + " bytes of bytecode, over the limit of " + limit);
        this.codeSize = codeSize;
    }

    /**
     * Bytecode size reached when generation stopped: a lower bound of the full size, since generation
     * stops at the first instruction boundary past the limit.
     */
    public int codeSize() {
        return codeSize;
    }
}
