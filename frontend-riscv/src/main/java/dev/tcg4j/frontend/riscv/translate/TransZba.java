package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/** Zba, address generation: shift-and-add, with .uw forms that zero-extend the low word of rs1 first. */
final class TransZba {
    private TransZba() {}

    static void sh1add(InsnContext c, Decoded d) {
        shiftAdd(c, d, 1, false);
    }

    static void sh2add(InsnContext c, Decoded d) {
        shiftAdd(c, d, 2, false);
    }

    static void sh3add(InsnContext c, Decoded d) {
        shiftAdd(c, d, 3, false);
    }

    static void addUw(InsnContext c, Decoded d) {
        shiftAdd(c, d, 0, true);
    }

    static void sh1addUw(InsnContext c, Decoded d) {
        shiftAdd(c, d, 1, true);
    }

    static void sh2addUw(InsnContext c, Decoded d) {
        shiftAdd(c, d, 2, true);
    }

    static void sh3addUw(InsnContext c, Decoded d) {
        shiftAdd(c, d, 3, true);
    }

    static void slliUw(InsnContext c, Decoded d) {
        Temp t = c.temp();
        c.b.ext32u(t, c.x(d.rs1()));
        c.b.binaryImm(Opcode.SHL, c.dest(d.rd()), t, d.imm());
    }

    /** {@code rd = (uw ? zext32(rs1) : rs1) << shift + rs2}. */
    private static void shiftAdd(InsnContext c, Decoded d, int shift, boolean uw) {
        Temp t = c.temp();
        if (uw) {
            c.b.ext32u(t, c.x(d.rs1()));
            if (shift != 0) {
                c.b.binaryImm(Opcode.SHL, t, t, shift);
            }
        } else {
            c.b.binaryImm(Opcode.SHL, t, c.x(d.rs1()), shift);
        }
        c.b.add(c.dest(d.rd()), t, c.x(d.rs2()));
    }
}
