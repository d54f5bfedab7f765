package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.helpers.SystemHelpers;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.cpu.ExitCodes;

/**
 * What the translation of one instruction needs: the builder, the register globals with x0 rules
 * applied, the instruction's address and length, and the block exits (which mark the block ended).
 */
final class InsnContext {
    final TbBuilder b;
    private final RiscvArch arch;
    private final long pc;
    private final int length;
    private boolean ended;

    InsnContext(TbBuilder b, RiscvArch arch, long pc, int length) {
        this.b = b;
        this.arch = arch;
        this.pc = pc;
        this.length = length;
    }

    long pc() {
        return pc;
    }

    /** Address of the next instruction; also the link value of jal and jalr. */
    long next() {
        return pc + length;
    }

    boolean ended() {
        return ended;
    }

    /** Source x{@code r}: x0 reads as the constant 0. */
    Temp x(int r) {
        return r == 0 ? b.constant(0) : arch.x(r);
    }

    /** Destination x{@code r}: writes to x0 go to a scratch temp and are dropped. */
    Temp dest(int r) {
        return r == 0 ? b.newTemp() : arch.x(r);
    }

    /** Writes x{@code r} unless it is x0. */
    void setX(int r, Temp v) {
        if (r != 0) {
            b.mov(arch.x(r), v);
        }
    }

    void setXi(int r, long v) {
        setX(r, b.constant(v));
    }

    Temp f(int r) {
        return arch.f(r);
    }

    Temp constant(long v) {
        return b.constant(v);
    }

    Temp temp() {
        return b.newTemp();
    }

    /** rs1 + imm in a fresh temp, so that a plugin's memory marker still sees it after rd is written. */
    Temp address(int rs1, long imm) {
        Temp a = b.newTemp();
        b.addi(a, x(rs1), imm);
        return a;
    }

    // ---- block exits

    /** Leaves through chainable slot {@code slot} to a target known at translation time. */
    void gotoTb(int slot, long target) {
        b.movi(arch.pc(), target);
        b.gotoTb(slot, target);
        ended = true;
    }

    /** Leaves to a target computed at run time. */
    void gotoPtr(Temp target) {
        b.mov(arch.pc(), target);
        b.gotoPtr(arch.pc()); // the global, which survives the plugin code put before the exit
        ended = true;
    }

    /** Leaves with an exit code, the pc global set to {@code nextPc}. */
    void exitTb(long nextPc, int code) {
        b.movi(arch.pc(), nextPc);
        b.exitTb(code);
        ended = true;
    }

    /** SIGILL at this instruction. */
    void illegal() {
        trap(SystemHelpers.ILLEGAL_INSTRUCTION);
    }

    /**
     * Calls a helper {@code (pc) -> void} that always throws a GuestTrap; the exit after it is never
     * reached but keeps the op list well formed.
     */
    void trap(Helper thrower) {
        b.movi(arch.pc(), pc);
        b.call(thrower, null, b.constant(pc));
        b.exitTb(ExitCodes.LOOKUP);
        ended = true;
    }
}
