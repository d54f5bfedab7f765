package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.helpers.BitHelpers;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/**
 * Zbkb's own instructions (the packs and brev8; the rest of Zbkb is Zbb's) and Zbkx's crossbar
 * permutations. Packs are shifts and ors; brev8 and the permutations call {@link BitHelpers}.
 */
final class TransZbk {
    private TransZbk() {}

    /** {@code rd = rs2[31:0] << 32 | rs1[31:0]}. */
    static void pack(InsnContext c, Decoded d) {
        Temp low = c.temp();
        c.b.ext32u(low, c.x(d.rs1()));
        Temp high = c.temp();
        c.b.binaryImm(Opcode.SHL, high, c.x(d.rs2()), 32);
        c.b.or(c.dest(d.rd()), high, low);
    }

    /** {@code rd = rs2[7:0] << 8 | rs1[7:0]}. */
    static void packh(InsnContext c, Decoded d) {
        Temp low = c.temp();
        c.b.unary(Opcode.EXT8U, low, c.x(d.rs1()));
        Temp high = c.temp();
        c.b.unary(Opcode.EXT8U, high, c.x(d.rs2()));
        c.b.binaryImm(Opcode.SHL, high, high, 8);
        c.b.or(c.dest(d.rd()), high, low);
    }

    /** {@code rd = sext32(rs2[15:0] << 16 | rs1[15:0])}. */
    static void packw(InsnContext c, Decoded d) {
        Temp low = c.temp();
        c.b.unary(Opcode.EXT16U, low, c.x(d.rs1()));
        Temp high = c.temp();
        c.b.binaryImm(Opcode.SHL, high, c.x(d.rs2()), 16);
        c.b.or(high, high, low);
        c.b.ext32s(c.dest(d.rd()), high);
    }

    static void brev8(InsnContext c, Decoded d) {
        TransZbb.unaryHelper(c, d, BitHelpers.BREV8);
    }

    static void xperm4(InsnContext c, Decoded d) {
        TransZbb.binaryHelper(c, d, BitHelpers.XPERM4);
    }

    static void xperm8(InsnContext c, Decoded d) {
        TransZbb.binaryHelper(c, d, BitHelpers.XPERM8);
    }
}
