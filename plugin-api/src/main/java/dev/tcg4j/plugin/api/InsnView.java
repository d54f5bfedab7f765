package dev.tcg4j.plugin.api;

/**
 * A guest instruction of a block being translated, as QEMU's {@code struct qemu_plugin_insn}. Valid
 * only during the {@link TbTranslateCallback} that produced it.
 */
public interface InsnView {
    /**
     * Where the instruction is.
     *
     * @return its guest virtual address
     */
    long vaddr();

    /**
     * The encoding's length.
     *
     * @return the length in bytes: 2 for a compressed instruction, else 4
     */
    int size();

    /**
     * The encoding.
     *
     * @return a copy of the encoding's bytes, in memory order
     */
    byte[] bytes();

    /**
     * The disassembly.
     *
     * @return the instruction in objdump syntax, for example {@code "addi a0,a0,1"}
     */
    String disassembly();

    /**
     * The symbol the instruction is in.
     *
     * @return the name of the guest symbol containing the instruction, or null when none is known
     */
    String symbol();

    /**
     * Calls {@code cb} each time the instruction is about to execute.
     *
     * @param cb the callback; it runs on the executing vCPU's own thread
     * @param regs what the callback may do with the vCPU's registers
     * @param userData handed to {@code cb} on every call
     */
    void onExec(ExecCallback cb, RegAccess regs, Object userData);

    /**
     * Calls {@code cb} before the instruction executes when {@code cond(entry, imm)} holds.
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
     * Applies {@code op} to the running vCPU's {@code entry} each time the instruction is about to execute.
     *
     * @param op the operation
     * @param entry the scoreboard entry changed: the executing vCPU's own row, so no other vCPU writes it
     * @param imm the operand
     */
    void inline(InlineOp op, ScoreboardU64 entry, long imm);

    /**
     * Calls {@code cb} after each guest memory access of the instruction whose direction matches
     * {@code rw}, including accesses made by helpers (atomics and the like).
     *
     * @param cb the callback; it runs on the accessing vCPU's own thread
     * @param regs what the callback may do with the vCPU's registers
     * @param rw the accesses it sees
     * @param userData handed to {@code cb} on every call
     */
    void onMem(MemCallback cb, RegAccess regs, MemRw rw, Object userData);

    /**
     * Applies {@code op} to the running vCPU's {@code entry} after each matching memory access.
     *
     * @param rw the accesses it applies to
     * @param op the operation
     * @param entry the scoreboard entry changed: the executing vCPU's own row, so no other vCPU writes it
     * @param imm the operand
     */
    void inlineMem(MemRw rw, InlineOp op, ScoreboardU64 entry, long imm);
}
