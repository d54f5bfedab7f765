package dev.tcg4j.plugin.api;

/**
 * A guest instruction of a block being translated, as QEMU's {@code struct qemu_plugin_insn}. Valid
 * only during the {@link TbTranslateCallback} that produced it.
 */
public interface InsnView {
    long vaddr();

    /** Length of the encoding in bytes. */
    int size();

    /** A copy of the encoding's bytes, in memory order. */
    byte[] bytes();

    /** The instruction in objdump syntax, for example {@code "addi a0,a0,1"}. */
    String disassembly();

    /** The name of the guest symbol containing the instruction, or null when none is known. */
    String symbol();

    /** Calls {@code cb} each time the instruction is about to execute. */
    void onExec(ExecCallback cb, RegAccess regs, Object userData);

    /** Calls {@code cb} before the instruction executes when {@code cond(entry, imm)} holds. */
    void onExecIf(ExecCallback cb, RegAccess regs, Condition cond, ScoreboardU64 entry, long imm, Object userData);

    /** Applies {@code op} to the running vCPU's {@code entry} each time the instruction is about to execute. */
    void inline(InlineOp op, ScoreboardU64 entry, long imm);

    /**
     * Calls {@code cb} after each guest memory access of the instruction whose direction matches
     * {@code rw}, including accesses made by helpers (atomics and the like).
     */
    void onMem(MemCallback cb, RegAccess regs, MemRw rw, Object userData);

    /** Applies {@code op} to the running vCPU's {@code entry} after each matching memory access. */
    void inlineMem(MemRw rw, InlineOp op, ScoreboardU64 entry, long imm);
}
