package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.frontend.riscv.helpers.SystemHelpers;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;

/**
 * Zicsr as QEMU's user mode offers it: the FP CSRs fflags, frm and fcsr (kept in their own state
 * slots, fcsr composed as frm&lt;&lt;5 | fflags) and the read-only counters cycle, time and
 * instret. Any other CSR, and any write to a counter, is an illegal instruction. The CSR number is
 * in the encoding, so all of this is decided at translation time.
 */
final class TransZicsr {
    static final int FFLAGS = 0x001;
    static final int FRM = 0x002;
    static final int FCSR = 0x003;
    static final int CYCLE = 0xc00;
    static final int TIME = 0xc01;
    static final int INSTRET = 0xc02;

    private TransZicsr() {}

    static void csr(InsnContext c, Decoded d) {
        int csr = d.csr();
        Insn insn = d.insn();
        boolean immediate = insn == Insn.CSRRWI || insn == Insn.CSRRSI || insn == Insn.CSRRCI;
        boolean swap = insn == Insn.CSRRW || insn == Insn.CSRRWI;
        // csrrs/csrrc with x0 (or a zero immediate) only read: the field number decides, not its value
        boolean writes = swap || d.rs1() != 0;
        boolean counter = csr == CYCLE || csr == TIME || csr == INSTRET;
        boolean fp = csr == FFLAGS || csr == FRM || csr == FCSR;
        if (!(fp || counter) || (counter && writes)) {
            c.illegal();
            return;
        }
        Temp source = immediate ? c.constant(d.imm()) : c.x(d.rs1());
        Temp old = null;
        if (!swap || d.rd() != 0) {
            old = c.temp();
            read(c, csr, old);
        }
        if (writes) {
            Temp value = source;
            if (!swap) {
                value = c.temp();
                if (insn == Insn.CSRRS || insn == Insn.CSRRSI) {
                    c.b.or(value, old, source);
                } else {
                    c.b.unary(Opcode.NOT, value, source);
                    c.b.and(value, old, value);
                }
            }
            write(c, csr, value);
        }
        if (old != null) {
            c.setX(d.rd(), old);
        }
        // QEMU 7.2 ends the block after every CSR instruction, reads included (do_csr_post), so
        // blocks begin and end where QEMU's do: plugins' block counts, bbv and drcov depend on it
        c.gotoTb(0, c.next());
    }

    private static void read(InsnContext c, int csr, Temp into) {
        switch (csr) {
            case FFLAGS -> c.b.ldState(into, RiscvArch.FFLAGS);
            case FRM -> c.b.ldState(into, RiscvArch.FRM);
            case FCSR -> {
                Temp frm = c.temp();
                c.b.ldState(frm, RiscvArch.FRM);
                c.b.binaryImm(Opcode.SHL, frm, frm, 5);
                Temp flags = c.temp();
                c.b.ldState(flags, RiscvArch.FFLAGS);
                c.b.or(into, frm, flags);
            }
            default -> c.b.call(SystemHelpers.HOST_TICKS, into);
        }
    }

    private static void write(InsnContext c, int csr, Temp value) {
        switch (csr) {
            case FFLAGS -> {
                Temp flags = c.temp();
                c.b.andi(flags, value, 0x1f);
                c.b.stState(RiscvArch.FFLAGS, flags);
            }
            case FRM -> {
                Temp frm = c.temp();
                c.b.andi(frm, value, 7);
                c.b.stState(RiscvArch.FRM, frm);
            }
            case FCSR -> {
                Temp flags = c.temp();
                c.b.andi(flags, value, 0x1f);
                Temp frm = c.temp();
                c.b.binaryImm(Opcode.SHR, frm, value, 5);
                c.b.andi(frm, frm, 7);
                c.b.stState(RiscvArch.FFLAGS, flags);
                c.b.stState(RiscvArch.FRM, frm);
            }
            default -> throw new IllegalStateException("counters are read-only");
        }
    }
}
