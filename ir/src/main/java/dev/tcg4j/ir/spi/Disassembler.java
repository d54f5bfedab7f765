package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.GuestInsn;

/** Prints a guest instruction in objdump syntax. */
public interface Disassembler {
    String disassemble(GuestInsn insn);
}
