package dev.tcg4j.ir;

/** Lifetimes of IR temps, as in TCG. */
public enum TempKind {
    /** Backed by a slot of {@code CpuState.regs}; lives across blocks. */
    GLOBAL,
    /** Lives for the whole translation block, across labels. */
    TB,
    /** Lives within an extended basic block: dead after the next label. */
    EBB,
    /** An immutable 64-bit constant. */
    CONST
}
