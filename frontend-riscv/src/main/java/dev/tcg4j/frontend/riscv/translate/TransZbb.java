package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.helpers.BitHelpers;
import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/**
 * Zbb, basic bit manipulation (and the instructions Zbkb shares with it). Logic with negation,
 * min/max, extensions and 64-bit rotates are IR ops; counts, byte reversal and or-combine call
 * their {@link BitHelpers}, as do the word rotates.
 */
final class TransZbb {
    private TransZbb() {}

    static void andn(InsnContext c, Decoded d) {
        withNotRs2(c, d, Opcode.AND);
    }

    static void orn(InsnContext c, Decoded d) {
        withNotRs2(c, d, Opcode.OR);
    }

    static void xnor(InsnContext c, Decoded d) {
        withNotRs2(c, d, Opcode.XOR);
    }

    private static void withNotRs2(InsnContext c, Decoded d, Opcode opc) {
        Temp inverted = c.temp();
        c.b.unary(Opcode.NOT, inverted, c.x(d.rs2()));
        c.b.binary(opc, c.dest(d.rd()), c.x(d.rs1()), inverted);
    }

    static void clz(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.CLZ);
    }

    static void ctz(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.CTZ);
    }

    static void cpop(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.CPOP);
    }

    static void clzw(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.CLZW);
    }

    static void ctzw(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.CTZW);
    }

    static void cpopw(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.CPOPW);
    }

    static void orcB(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.ORC_B);
    }

    static void rev8(InsnContext c, Decoded d) {
        unaryHelper(c, d, BitHelpers.REV8);
    }

    static void unaryHelper(InsnContext c, Decoded d, Helper h) {
        c.b.call(h, c.dest(d.rd()), c.x(d.rs1()));
    }

    static void binaryHelper(InsnContext c, Decoded d, Helper h) {
        c.b.call(h, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
    }

    static void max(InsnContext c, Decoded d) {
        select(c, d, Cond.GT);
    }

    static void maxu(InsnContext c, Decoded d) {
        select(c, d, Cond.GTU);
    }

    static void min(InsnContext c, Decoded d) {
        select(c, d, Cond.LT);
    }

    static void minu(InsnContext c, Decoded d) {
        select(c, d, Cond.LTU);
    }

    /** {@code rd = cond(rs1, rs2) ? rs1 : rs2}. */
    private static void select(InsnContext c, Decoded d, Cond cond) {
        Temp a = c.x(d.rs1());
        Temp b = c.x(d.rs2());
        c.b.movcond(cond, c.dest(d.rd()), a, b, a, b);
    }

    static void sextB(InsnContext c, Decoded d) {
        c.b.unary(Opcode.EXT8S, c.dest(d.rd()), c.x(d.rs1()));
    }

    static void sextH(InsnContext c, Decoded d) {
        c.b.unary(Opcode.EXT16S, c.dest(d.rd()), c.x(d.rs1()));
    }

    static void zextH(InsnContext c, Decoded d) {
        c.b.unary(Opcode.EXT16U, c.dest(d.rd()), c.x(d.rs1()));
    }

    /** IR shifts take the count modulo 64, so {@code x << n | x >>> -n} is the rotate, n = 0 included. */
    static void rol(InsnContext c, Decoded d) {
        rotate(c, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()), true);
    }

    static void ror(InsnContext c, Decoded d) {
        rotate(c, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()), false);
    }

    static void rori(InsnContext c, Decoded d) {
        rotate(c, c.dest(d.rd()), c.x(d.rs1()), c.constant(d.imm()), false);
    }

    private static void rotate(InsnContext c, Temp dest, Temp x, Temp count, boolean left) {
        Temp back = c.temp();
        c.b.unary(Opcode.NEG, back, count);
        Temp high = c.temp();
        Temp low = c.temp();
        c.b.binary(left ? Opcode.SHL : Opcode.SHR, high, x, count);
        c.b.binary(left ? Opcode.SHR : Opcode.SHL, low, x, back);
        c.b.or(dest, high, low);
    }

    static void rolw(InsnContext c, Decoded d) {
        binaryHelper(c, d, BitHelpers.ROLW);
    }

    static void rorw(InsnContext c, Decoded d) {
        binaryHelper(c, d, BitHelpers.RORW);
    }

    static void roriw(InsnContext c, Decoded d) {
        c.b.call(BitHelpers.RORW, c.dest(d.rd()), c.x(d.rs1()), c.constant(d.imm()));
    }
}
