package dev.tcg4j.ir.cpu;

/**
 * Thrown out of a helper (a plugin callback that set the pc) to abandon the running block: the CPU
 * loop catches it and resumes the vCPU at {@link #pc()}. Registers must already be in
 * {@code CpuState}: only helpers flagged as reading globals may throw it.
 */
public final class ResumeAt extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long pc;

    public ResumeAt(long pc) {
        super("resume at 0x" + Long.toHexString(pc), null, false, false);
        this.pc = pc;
    }

    public long pc() {
        return pc;
    }
}
