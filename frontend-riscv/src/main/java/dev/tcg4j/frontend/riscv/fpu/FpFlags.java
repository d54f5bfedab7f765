package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.cpu.CpuState;

/** The accrued exception flags of fflags. */
final class FpFlags {
    static final int NV = 0x10;
    static final int DZ = 0x08;
    static final int OF = 0x04;
    static final int UF = 0x02;
    static final int NX = 0x01;

    private FpFlags() {}

    /**
     * Accrues NX when {@code inexact}, without a branch: on random data whether a result is exact
     * is unpredictable, and an unconditional store is cheaper than a mispredicted jump.
     */
    static void inexactIf(CpuState cpu, boolean inexact) {
        cpu.regs[RiscvArch.FFLAGS] |= inexact ? NX : 0;
    }

    static void raise(CpuState cpu, int flags) {
        if (flags != 0) {
            cpu.regs[RiscvArch.FFLAGS] |= flags;
        }
    }
}
