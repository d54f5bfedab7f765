package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.GuestInsn;

/** Prints a guest instruction in objdump syntax. */
public interface Disassembler {
    /**
     * Disassembles one instruction.
     *
     * @param insn the instruction
     * @return its text, for example {@code "addi a0,a0,1"}
     */
    String disassemble(GuestInsn insn);
}
