package dev.tcg4j.ir.spi;

/**
 * A backend refuses a block (or region) as too large to run well, for example because the JIT would
 * not compile it. The caller translates again with fewer guest instructions. An expected,
 * recoverable outcome: it carries no stack trace.
 */
public class BlockTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The guest pc of the refused block. */
    private final long pc;
    /** The guest instructions it held. */
    private final int insnCount;

    /**
     * A refusal.
     *
     * @param pc the guest pc of the refused block (the entry of a region)
     * @param insnCount the guest instructions it held
     * @param message why, for logs
     */
    public BlockTooLargeException(long pc, int insnCount, String message) {
        super(message, null, false, false);
        this.pc = pc;
        this.insnCount = insnCount;
    }

    /**
     * Where the refused block starts.
     *
     * @return the guest pc of the refused block (the entry of a region)
     */
    public long pc() {
        return pc;
    }

    /**
     * How large it was.
     *
     * @return the guest instructions the refused block or region held
     */
    public int insnCount() {
        return insnCount;
    }
}
