package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.ir.cpu.ExitCodes;

/** Zihintpause and Zihintntl: hints with no architectural effect. */
final class TransZihint {
    private TransZihint() {}

    /**
     * As QEMU's trans_pause: the block ends after it, so that a spin-wait loop goes back to the CPU
     * loop (and gives other threads and exit requests their turn) on every round.
     */
    static void pause(InsnContext c, Decoded d) {
        c.exitTb(c.next(), ExitCodes.LOOKUP);
    }

    /** ntl.p1, ntl.pall, ntl.s1, ntl.all: add x0,x0,x2..x5, nothing to do. */
    static void ntl(InsnContext c, Decoded d) {}
}
