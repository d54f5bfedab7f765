package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.fpu.ZfaHelpers;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/**
 * RV64F, RV64D, Zfh/Zfhmin and Zfa. Loads, stores, bit moves and fli are inline IR; everything
 * that rounds, compares or raises flags calls its {@link FpCalls} helper with the raw register
 * patterns and, where the encoding has one, the rm field (the helper rejects 5 and 6, and resolves
 * 7 from frm).
 */
final class TransRvf {
    /** Upper half of a NaN-boxed single. */
    private static final long NAN_BOX = 0xffffffff00000000L;
    /** Upper 48 bits of a NaN-boxed half. */
    private static final long NAN_BOX_H = 0xffffffffffff0000L;

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

    // ---- Zfhmin moves: flh boxes, fmv.x.h sign-extends the raw low half whatever the boxing

    static void flh(InsnContext c, Decoded d) {
        Temp addr = c.address(d.rs1(), d.imm());
        Temp half = c.temp();
        c.b.qemuLd(half, addr, MemOp.UW);
        c.b.or(c.f(d.rd()), half, c.constant(NAN_BOX_H));
    }

    static void fsh(InsnContext c, Decoded d) {
        Temp addr = c.address(d.rs1(), d.imm());
        c.b.qemuSt(c.f(d.rs2()), addr, MemOp.UW);
    }

    static void fmvXH(InsnContext c, Decoded d) {
        c.b.unary(Opcode.EXT16S, c.dest(d.rd()), c.f(d.rs1()));
    }

    static void fmvHX(InsnContext c, Decoded d) {
        Temp half = c.temp();
        c.b.unary(Opcode.EXT16U, half, c.x(d.rs1()));
        c.b.or(c.f(d.rd()), half, c.constant(NAN_BOX_H));
    }

    /** Zfa's fli: a constant, NaN-boxed for fli.s and fli.h. */
    static void fli(InsnContext c, Decoded d) {
        int precision = switch (d.insn()) {
            case FLI_H -> 11;
            case FLI_S -> 24;
            default -> 53;
        };
        c.b.movi(c.f(d.rd()), ZfaHelpers.fliValue(precision, d.rs1()));
    }

    /** Every other FP instruction: one helper call shaped by the format. */
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
