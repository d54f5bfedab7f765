package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/**
 * Zbs, single-bit instructions. The bit index is rs2 (or the immediate) modulo 64, which is what
 * an IR shift of 1 by it does.
 */
final class TransZbs {
    private TransZbs() {}

    static void bclr(InsnContext c, Decoded d) {
        Temp mask = bit(c, c.x(d.rs2()));
        c.b.unary(Opcode.NOT, mask, mask);
        c.b.and(c.dest(d.rd()), c.x(d.rs1()), mask);
    }

    static void bclri(InsnContext c, Decoded d) {
        c.b.andi(c.dest(d.rd()), c.x(d.rs1()), ~(1L << d.imm()));
    }

    static void bset(InsnContext c, Decoded d) {
        c.b.or(c.dest(d.rd()), c.x(d.rs1()), bit(c, c.x(d.rs2())));
    }

    static void bseti(InsnContext c, Decoded d) {
        c.b.binaryImm(Opcode.OR, c.dest(d.rd()), c.x(d.rs1()), 1L << d.imm());
    }

    static void binv(InsnContext c, Decoded d) {
        c.b.xor(c.dest(d.rd()), c.x(d.rs1()), bit(c, c.x(d.rs2())));
    }

    static void binvi(InsnContext c, Decoded d) {
        c.b.binaryImm(Opcode.XOR, c.dest(d.rd()), c.x(d.rs1()), 1L << d.imm());
    }

    static void bext(InsnContext c, Decoded d) {
        extract(c, d, c.x(d.rs2()));
    }

    static void bexti(InsnContext c, Decoded d) {
        extract(c, d, c.constant(d.imm()));
    }

    private static void extract(InsnContext c, Decoded d, Temp index) {
        Temp t = c.temp();
        c.b.shr(t, c.x(d.rs1()), index);
        c.b.andi(c.dest(d.rd()), t, 1);
    }

    private static Temp bit(InsnContext c, Temp index) {
        Temp mask = c.temp();
        c.b.shl(mask, c.constant(1), index);
        return mask;
    }
}
