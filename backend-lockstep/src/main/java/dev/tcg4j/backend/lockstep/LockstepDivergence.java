package dev.tcg4j.backend.lockstep;

/**
 * The two backends of a lockstep run disagree. The message is the one-line summary; {@link #report()}
 * the whole report (the block, the first diverging instruction, both register files), which lockstep
 * has also logged on {@code tcg4j.lockstep}.
 */
public final class LockstepDivergence extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long pc;
    private final String report;

    LockstepDivergence(String summary, long pc, String report) {
        super(summary, null, false, false);
        this.pc = pc;
        this.report = report;
    }

    /** The guest pc of the first diverging instruction, or of the block when no single instruction diverges. */
    public long pc() {
        return pc;
    }

    public String report() {
        return report;
    }
}
