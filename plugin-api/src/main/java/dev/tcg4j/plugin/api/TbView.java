package dev.tcg4j.plugin.api;

/**
 * A translation block being translated, as QEMU's {@code struct qemu_plugin_tb}. Valid only during
 * the {@link TbTranslateCallback} it was given to: using it later throws {@link IllegalStateException}.
 *
 * <p>The registration methods ask for code to run each time the block starts executing. Several
 * registrations, from one plugin or several, run in the order they were made.
 */
public interface TbView {
    /**
     * The block's length.
     *
     * @return the number of guest instructions in the block
     */
    int insnCount();

    /**
     * Where the block starts.
     *
     * @return the guest virtual address of the block's first instruction
     */
    long vaddr();

    /**
     * One of the block's instructions.
     *
     * @param index 0 to {@code insnCount() - 1}
     * @return the instruction at {@code index}
     */
    InsnView insn(int index);

    /**
     * Calls {@code cb} each time the block starts executing.
     *
     * @param cb the callback; it runs on the executing vCPU's own thread
     * @param regs what the callback may do with the vCPU's registers
     * @param userData handed to {@code cb} on every call
     */
    void onExec(ExecCallback cb, RegAccess regs, Object userData);

    /**
     * Calls {@code cb} each time the block starts executing and {@code cond(entry, imm)} holds.
     *
     * @param cb the callback; it runs on the executing vCPU's own thread
     * @param regs what the callback may do with the vCPU's registers
     * @param userData handed to {@code cb}
     * @param cond the test
     * @param entry the scoreboard entry tested, the executing vCPU's
     * @param imm the value it is compared with, unsigned
     */
    void onExecIf(ExecCallback cb, RegAccess regs, Condition cond, ScoreboardU64 entry, long imm, Object userData);

    /**
     * Applies {@code op} with {@code imm} to the running vCPU's {@code entry} each time the block starts.
     *
     * @param op the operation
     * @param entry the scoreboard entry changed: the executing vCPU's own row, so no other vCPU writes it
     * @param imm the operand
     */
    void inline(InlineOp op, ScoreboardU64 entry, long imm);
}
