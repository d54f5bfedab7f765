package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Temp;

/**
 * RV64F and RV64D. Loads, stores and bit moves are inline IR; everything that rounds, compares or
 * raises flags calls its {@link FpCalls} helper with the raw register patterns and, where the
 * encoding has one, the rm field (the helper rejects 5 and 6, and resolves 7 from frm).
 */
final class TransRvf {
    /** Upper half of a NaN-boxed single. */
    private static final long NAN_BOX = 0xffffffff00000000L;

    private TransRvf() {}

    static void flw(InsnContext c, Decoded d) {
        Temp addr = c.address(d.rs1(), d.imm());
        Temp word = c.temp();
        c.b.qemuLd(word, addr, MemOp.UL);
        c.b.or(c.f(d.rd()), word, c.constant(NAN_BOX));
    }

    static void fld(InsnContext c, Decoded d) {
        Temp addr = c.address(d.rs1(), d.imm());
        c.b.qemuLd(c.f(d.rd()), addr, MemOp.UQ);
    }

    static void fsw(InsnContext c, Decoded d) {
        Temp addr = c.address(d.rs1(), d.imm());
        c.b.qemuSt(c.f(d.rs2()), addr, MemOp.UL);
    }

    static void fsd(InsnContext c, Decoded d) {
        Temp addr = c.address(d.rs1(), d.imm());
        c.b.qemuSt(c.f(d.rs2()), addr, MemOp.UQ);
    }

    static void fmvXW(InsnContext c, Decoded d) {
        c.b.ext32s(c.dest(d.rd()), c.f(d.rs1()));
    }

    static void fmvWX(InsnContext c, Decoded d) {
        Temp word = c.temp();
        c.b.ext32u(word, c.x(d.rs1()));
        c.b.or(c.f(d.rd()), word, c.constant(NAN_BOX));
    }

    static void fmvXD(InsnContext c, Decoded d) {
        c.setX(d.rd(), c.f(d.rs1()));
    }

    static void fmvDX(InsnContext c, Decoded d) {
        c.b.mov(c.f(d.rd()), c.x(d.rs1()));
    }

    /** Every other F/D instruction: one helper call shaped by the format. */
    static void helper(InsnContext c, Decoded d) {
        Helper h = FpCalls.HELPERS.get(d.insn());
        Temp rm = c.constant(d.rm());
        switch (d.insn().format()) {
            case F_RRR_RM -> c.b.call(h, c.f(d.rd()), c.f(d.rs1()), c.f(d.rs2()), rm);
            case F_RRRR_RM -> c.b.call(h, c.f(d.rd()), c.f(d.rs1()), c.f(d.rs2()), c.f(d.rs3()), rm);
            case F_RRR -> c.b.call(h, c.f(d.rd()), c.f(d.rs1()), c.f(d.rs2()));
            case F_RR_RM -> c.b.call(h, c.f(d.rd()), c.f(d.rs1()), rm);
            case F_CMP -> c.b.call(h, c.dest(d.rd()), c.f(d.rs1()), c.f(d.rs2()));
            case F_TO_X_RM -> c.b.call(h, c.dest(d.rd()), c.f(d.rs1()), rm);
            case X_TO_F_RM -> c.b.call(h, c.f(d.rd()), c.x(d.rs1()), rm);
            case F_TO_X -> c.b.call(h, c.dest(d.rd()), c.f(d.rs1()));
            default -> throw new IllegalStateException("not a helper format: " + d.insn());
        }
    }
}
