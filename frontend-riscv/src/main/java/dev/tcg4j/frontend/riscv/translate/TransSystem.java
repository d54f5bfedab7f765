package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.helpers.SystemHelpers;
import dev.tcg4j.ir.cpu.ExitCodes;

/** ecall, ebreak, fence and fence.i. */
final class TransSystem {
    private TransSystem() {}

    /** The runtime performs the system call at the pc global and resumes after it. */
    static void ecall(InsnContext c, Decoded d) {
        c.exitTb(c.pc(), ExitCodes.SYSCALL);
    }

    static void ebreak(InsnContext c, Decoded d) {
        c.trap(SystemHelpers.BREAKPOINT);
    }

    /** Guest memory accesses are sequentially consistent here: a fence orders nothing more. */
    static void fence(InsnContext c, Decoded d) {}

    /** Stores to code pages already invalidate their blocks; ending the block is enough. */
    static void fenceI(InsnContext c, Decoded d) {
        c.exitTb(c.next(), ExitCodes.LOOKUP);
    }
}
