package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.helpers.BitHelpers;

/** Zbc, carry-less multiplication: each instruction is one call to its {@link BitHelpers} method. */
final class TransZbc {
    private TransZbc() {}

    static void clmul(InsnContext c, Decoded d) {
        TransZbb.binaryHelper(c, d, BitHelpers.CLMUL);
    }

    static void clmulh(InsnContext c, Decoded d) {
        TransZbb.binaryHelper(c, d, BitHelpers.CLMULH);
    }

    static void clmulr(InsnContext c, Decoded d) {
        TransZbb.binaryHelper(c, d, BitHelpers.CLMULR);
    }
}
