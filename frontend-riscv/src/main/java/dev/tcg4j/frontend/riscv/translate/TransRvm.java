package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/**
 * RV64M. IR division is undefined for a zero divisor, so divisions are guarded with movcond to
 * give the RISC-V results without branches: x/0 = all ones, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0.
 */
final class TransRvm {
    private TransRvm() {}

    static void mul(InsnContext c, Decoded d) {
        c.b.mul(c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
    }

    static void mulh(InsnContext c, Decoded d) {
        c.b.binary(Opcode.MULSH, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
    }

    static void mulhu(InsnContext c, Decoded d) {
        c.b.binary(Opcode.MULUH, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
    }

    /**
     * Signed times unsigned: the unsigned high part, less rs2 when rs1 is negative (reading rs1 as
     * unsigned added 2^64 * rs2 to the product).
     */
    static void mulhsu(InsnContext c, Decoded d) {
        Temp a = c.x(d.rs1());
        Temp b = c.x(d.rs2());
        Temp fix = c.temp();
        c.b.binaryImm(Opcode.SAR, fix, a, 63);
        c.b.and(fix, fix, b);
        Temp high = c.temp();
        c.b.binary(Opcode.MULUH, high, a, b);
        c.b.sub(c.dest(d.rd()), high, fix);
    }

    static void mulw(InsnContext c, Decoded d) {
        Temp rd = c.dest(d.rd());
        c.b.mul(rd, c.x(d.rs1()), c.x(d.rs2()));
        c.b.ext32s(rd, rd);
    }

    static void div(InsnContext c, Decoded d) {
        signedDivide(c, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()), Opcode.DIV);
    }

    static void rem(InsnContext c, Decoded d) {
        signedDivide(c, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()), Opcode.REM);
    }

    static void divu(InsnContext c, Decoded d) {
        unsignedDivide(c, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()), Opcode.DIVU);
    }

    static void remu(InsnContext c, Decoded d) {
        unsignedDivide(c, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()), Opcode.REMU);
    }

    /** Word forms divide the sign-extended words; their 64-bit quotient cannot overflow. */
    static void divw(InsnContext c, Decoded d) {
        word(c, d, true, Opcode.DIV);
    }

    static void remw(InsnContext c, Decoded d) {
        word(c, d, true, Opcode.REM);
    }

    static void divuw(InsnContext c, Decoded d) {
        word(c, d, false, Opcode.DIVU);
    }

    static void remuw(InsnContext c, Decoded d) {
        word(c, d, false, Opcode.REMU);
    }

    private static void word(InsnContext c, Decoded d, boolean signed, Opcode opc) {
        Temp a = c.temp();
        Temp b = c.temp();
        if (signed) {
            c.b.ext32s(a, c.x(d.rs1()));
            c.b.ext32s(b, c.x(d.rs2()));
        } else {
            c.b.ext32u(a, c.x(d.rs1()));
            c.b.ext32u(b, c.x(d.rs2()));
        }
        Temp result = c.temp();
        if (signed) {
            signedDivide(c, result, a, b, opc);
        } else {
            unsignedDivide(c, result, a, b, opc);
        }
        c.b.ext32s(c.dest(d.rd()), result);
    }

    /**
     * As QEMU's gen_div/gen_rem: a zero divisor or MIN/-1 divides by 1 instead; for a zero divisor
     * the dividend becomes -1 (quotient all ones) and the remainder is then replaced by the dividend.
     */
    private static void signedDivide(InsnContext c, Temp dest, Temp a, Temp b, Opcode opc) {
        Temp zero = c.temp();
        c.b.setcond(Cond.EQ, zero, b, c.constant(0));
        Temp overflow = c.temp();
        c.b.setcond(Cond.EQ, overflow, a, c.constant(Long.MIN_VALUE));
        Temp minusOne = c.temp();
        c.b.setcond(Cond.EQ, minusOne, b, c.constant(-1));
        c.b.and(overflow, overflow, minusOne);
        Temp special = c.temp();
        c.b.or(special, zero, overflow);
        Temp divisor = c.temp();
        c.b.movcond(Cond.NE, divisor, special, c.constant(0), c.constant(1), b);
        if (opc == Opcode.DIV) {
            Temp dividend = c.temp();
            c.b.movcond(Cond.NE, dividend, zero, c.constant(0), c.constant(-1), a);
            c.b.binary(Opcode.DIV, dest, dividend, divisor);
        } else {
            Temp r = c.temp();
            c.b.binary(Opcode.REM, r, a, divisor);
            c.b.movcond(Cond.EQ, dest, b, c.constant(0), a, r);
        }
    }

    private static void unsignedDivide(InsnContext c, Temp dest, Temp a, Temp b, Opcode opc) {
        Temp divisor = c.temp();
        c.b.movcond(Cond.EQ, divisor, b, c.constant(0), c.constant(1), b);
        if (opc == Opcode.DIVU) {
            Temp dividend = c.temp();
            c.b.movcond(Cond.EQ, dividend, b, c.constant(0), c.constant(-1), a);
            c.b.binary(Opcode.DIVU, dest, dividend, divisor);
        } else {
            Temp r = c.temp();
            c.b.binary(Opcode.REMU, r, a, divisor);
            c.b.movcond(Cond.EQ, dest, b, c.constant(0), a, r);
        }
    }
}
