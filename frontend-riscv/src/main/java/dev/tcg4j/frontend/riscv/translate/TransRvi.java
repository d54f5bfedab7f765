package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/** RV64I: one method per instruction. */
final class TransRvi {
    private TransRvi() {}

    // ---- upper immediates and jumps

    static void lui(InsnContext c, Decoded d) {
        c.setXi(d.rd(), d.imm());
    }

    static void auipc(InsnContext c, Decoded d) {
        c.setXi(d.rd(), c.pc() + d.imm());
    }

    static void jal(InsnContext c, Decoded d) {
        c.setXi(d.rd(), c.next());
        c.gotoTb(0, c.pc() + d.imm());
    }

    /** With C every target is aligned once bit 0 is cleared, so jalr never traps. */
    static void jalr(InsnContext c, Decoded d) {
        Temp target = c.temp();
        c.b.addi(target, c.x(d.rs1()), d.imm());
        c.b.andi(target, target, ~1L);
        c.setXi(d.rd(), c.next());
        c.gotoPtr(target);
    }

    // ---- branches: taken leaves through slot 0, fall-through through slot 1

    static void beq(InsnContext c, Decoded d) {
        branch(c, d, Cond.EQ);
    }

    static void bne(InsnContext c, Decoded d) {
        branch(c, d, Cond.NE);
    }

    static void blt(InsnContext c, Decoded d) {
        branch(c, d, Cond.LT);
    }

    static void bge(InsnContext c, Decoded d) {
        branch(c, d, Cond.GE);
    }

    static void bltu(InsnContext c, Decoded d) {
        branch(c, d, Cond.LTU);
    }

    static void bgeu(InsnContext c, Decoded d) {
        branch(c, d, Cond.GEU);
    }

    private static void branch(InsnContext c, Decoded d, Cond cond) {
        Label taken = c.b.newLabel();
        c.b.brcond(cond, c.x(d.rs1()), c.x(d.rs2()), taken);
        c.gotoTb(1, c.next());
        c.b.setLabel(taken);
        c.gotoTb(0, c.pc() + d.imm());
    }

    // ---- loads and stores (x0 loads still access memory: they can fault and plugins see them)

    static void lb(InsnContext c, Decoded d) {
        load(c, d, MemOp.SB);
    }

    static void lh(InsnContext c, Decoded d) {
        load(c, d, MemOp.SW);
    }

    static void lw(InsnContext c, Decoded d) {
        load(c, d, MemOp.SL);
    }

    static void ld(InsnContext c, Decoded d) {
        load(c, d, MemOp.UQ);
    }

    static void lbu(InsnContext c, Decoded d) {
        load(c, d, MemOp.UB);
    }

    static void lhu(InsnContext c, Decoded d) {
        load(c, d, MemOp.UW);
    }

    static void lwu(InsnContext c, Decoded d) {
        load(c, d, MemOp.UL);
    }

    static void sb(InsnContext c, Decoded d) {
        store(c, d, MemOp.UB);
    }

    static void sh(InsnContext c, Decoded d) {
        store(c, d, MemOp.UW);
    }

    static void sw(InsnContext c, Decoded d) {
        store(c, d, MemOp.UL);
    }

    static void sd(InsnContext c, Decoded d) {
        store(c, d, MemOp.UQ);
    }

    private static void load(InsnContext c, Decoded d, MemOp mop) {
        Temp addr = c.address(d.rs1(), d.imm());
        c.b.qemuLd(c.dest(d.rd()), addr, mop);
    }

    private static void store(InsnContext c, Decoded d, MemOp mop) {
        Temp addr = c.address(d.rs1(), d.imm());
        c.b.qemuSt(c.x(d.rs2()), addr, mop);
    }

    // ---- register-immediate

    static void addi(InsnContext c, Decoded d) {
        immOp(c, d, Opcode.ADD);
    }

    static void slti(InsnContext c, Decoded d) {
        c.b.setcond(Cond.LT, c.dest(d.rd()), c.x(d.rs1()), c.constant(d.imm()));
    }

    static void sltiu(InsnContext c, Decoded d) {
        c.b.setcond(Cond.LTU, c.dest(d.rd()), c.x(d.rs1()), c.constant(d.imm()));
    }

    static void xori(InsnContext c, Decoded d) {
        immOp(c, d, Opcode.XOR);
    }

    static void ori(InsnContext c, Decoded d) {
        immOp(c, d, Opcode.OR);
    }

    static void andi(InsnContext c, Decoded d) {
        immOp(c, d, Opcode.AND);
    }

    static void slli(InsnContext c, Decoded d) {
        immOp(c, d, Opcode.SHL);
    }

    static void srli(InsnContext c, Decoded d) {
        immOp(c, d, Opcode.SHR);
    }

    static void srai(InsnContext c, Decoded d) {
        immOp(c, d, Opcode.SAR);
    }

    private static void immOp(InsnContext c, Decoded d, Opcode opc) {
        c.b.binaryImm(opc, c.dest(d.rd()), c.x(d.rs1()), d.imm());
    }

    // ---- register-register

    static void add(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.ADD);
    }

    static void sub(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.SUB);
    }

    /** IR shifts use the low six bits of the count, exactly the RV64 rule. */
    static void sll(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.SHL);
    }

    static void slt(InsnContext c, Decoded d) {
        c.b.setcond(Cond.LT, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
    }

    static void sltu(InsnContext c, Decoded d) {
        c.b.setcond(Cond.LTU, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
    }

    static void xor(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.XOR);
    }

    static void srl(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.SHR);
    }

    static void sra(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.SAR);
    }

    static void or(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.OR);
    }

    static void and(InsnContext c, Decoded d) {
        regOp(c, d, Opcode.AND);
    }

    private static void regOp(InsnContext c, Decoded d, Opcode opc) {
        c.b.binary(opc, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
    }

    // ---- 32-bit operations: compute on 64 bits, then sign-extend the low word

    static void addiw(InsnContext c, Decoded d) {
        Temp rd = c.dest(d.rd());
        c.b.addi(rd, c.x(d.rs1()), d.imm());
        c.b.ext32s(rd, rd);
    }

    static void slliw(InsnContext c, Decoded d) {
        Temp rd = c.dest(d.rd());
        c.b.binaryImm(Opcode.SHL, rd, c.x(d.rs1()), d.imm());
        c.b.ext32s(rd, rd);
    }

    static void srliw(InsnContext c, Decoded d) {
        Temp t = c.temp();
        c.b.ext32u(t, c.x(d.rs1()));
        c.b.binaryImm(Opcode.SHR, t, t, d.imm());
        c.b.ext32s(c.dest(d.rd()), t);
    }

    static void sraiw(InsnContext c, Decoded d) {
        Temp t = c.temp();
        c.b.ext32s(t, c.x(d.rs1()));
        c.b.binaryImm(Opcode.SAR, c.dest(d.rd()), t, d.imm());
    }

    static void addw(InsnContext c, Decoded d) {
        Temp rd = c.dest(d.rd());
        c.b.add(rd, c.x(d.rs1()), c.x(d.rs2()));
        c.b.ext32s(rd, rd);
    }

    static void subw(InsnContext c, Decoded d) {
        Temp rd = c.dest(d.rd());
        c.b.sub(rd, c.x(d.rs1()), c.x(d.rs2()));
        c.b.ext32s(rd, rd);
    }

    /** W shifts use five bits of the count. */
    static void sllw(InsnContext c, Decoded d) {
        Temp count = shiftCount32(c, d);
        Temp rd = c.dest(d.rd());
        c.b.shl(rd, c.x(d.rs1()), count);
        c.b.ext32s(rd, rd);
    }

    static void srlw(InsnContext c, Decoded d) {
        Temp count = shiftCount32(c, d);
        Temp t = c.temp();
        c.b.ext32u(t, c.x(d.rs1()));
        c.b.shr(t, t, count);
        c.b.ext32s(c.dest(d.rd()), t);
    }

    static void sraw(InsnContext c, Decoded d) {
        Temp count = shiftCount32(c, d);
        Temp t = c.temp();
        c.b.ext32s(t, c.x(d.rs1()));
        c.b.sar(c.dest(d.rd()), t, count);
    }

    private static Temp shiftCount32(InsnContext c, Decoded d) {
        Temp count = c.temp();
        c.b.andi(count, c.x(d.rs2()), 31);
        return count;
    }
}
