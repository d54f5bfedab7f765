package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.spi.BlockTooLargeException;

/**
 * Thrown by {@link BytecodeBackend#compile} when a block's {@code execute} method would exceed
 * {@link #LIMIT} bytes of bytecode.
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

    private final int codeSize;

    public BytecodeTooLargeException(long pc, int insnCount, int codeSize) {
        super(pc, insnCount, "block at 0x" + Long.toHexString(pc) + " with " + insnCount
                + " instructions needs at least " + codeSize + " bytes of bytecode, over the limit of " + LIMIT);
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
