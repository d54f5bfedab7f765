package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.ir.Cond;

/** Zicond, conditional zeroing: one movcond each. */
final class TransZicond {
    private TransZicond() {}

    /** {@code rd = rs2 == 0 ? 0 : rs1}. */
    static void czeroEqz(InsnContext c, Decoded d) {
        c.b.movcond(Cond.EQ, c.dest(d.rd()), c.x(d.rs2()), c.constant(0), c.constant(0), c.x(d.rs1()));
    }

    /** {@code rd = rs2 != 0 ? 0 : rs1}. */
    static void czeroNez(InsnContext c, Decoded d) {
        c.b.movcond(Cond.NE, c.dest(d.rd()), c.x(d.rs2()), c.constant(0), c.constant(0), c.x(d.rs1()));
    }
}
