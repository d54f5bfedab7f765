package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;

/** The rounding-mode encodings of the rm instruction field and of frm. */
final class RoundingModes {
    /** Round to nearest, ties to even. */
    static final int RNE = 0;
    /** Round towards zero. */
    static final int RTZ = 1;
    /** Round down, towards negative infinity. */
    static final int RDN = 2;
    /** Round up, towards positive infinity. */
    static final int RUP = 3;
    /** Round to nearest, ties to max magnitude. */
    static final int RMM = 4;
    /** The rm field value that selects frm. */
    static final int DYN = 7;

    private RoundingModes() {}

    /**
     * The effective mode of an instruction. Reserved encodings, in the instruction or in frm when
     * it is selected, make the instruction illegal.
     */
    static int resolve(CpuState cpu, long rm) {
        long mode = rm == DYN ? cpu.regs[RiscvArch.FRM] : rm;
        if (Long.compareUnsigned(mode, RMM) > 0) {
            throw new GuestTrap(GuestTrap.Kind.ILLEGAL_INSTRUCTION, 0);
        }
        return (int) mode;
    }
}
