package dev.tcg4j.plugin.api;

/**
 * A translation block being translated, as QEMU's {@code struct qemu_plugin_tb}. Valid only during
 * the {@link TbTranslateCallback} it was given to: using it later throws {@link IllegalStateException}.
 *
 * <p>The registration methods ask for code to run each time the block starts executing. Several
 * registrations, from one plugin or several, run in the order they were made.
 */
public interface TbView {
    /** Number of guest instructions in the block. */
    int insnCount();

    /** Guest virtual address of the block's first instruction. */
    long vaddr();

    /** The instruction at {@code index}, 0 to {@code insnCount() - 1}. */
    InsnView insn(int index);

    /** Calls {@code cb} each time the block starts executing. */
    void onExec(ExecCallback cb, RegAccess regs, Object userData);

    /** Calls {@code cb} each time the block starts executing and {@code cond(entry, imm)} holds. */
    void onExecIf(ExecCallback cb, RegAccess regs, Condition cond, ScoreboardU64 entry, long imm, Object userData);

    /** Applies {@code op} with {@code imm} to the running vCPU's {@code entry} each time the block starts. */
    void inline(InlineOp op, ScoreboardU64 entry, long imm);
}
