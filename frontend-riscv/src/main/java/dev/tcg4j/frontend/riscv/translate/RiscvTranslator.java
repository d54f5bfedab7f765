package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.decode.Decoder;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.BlockTranslator;

/**
 * Translates one block of RV64GC code, one instruction per call: fetch (16 bits, then 16 more for
 * a 32-bit encoding), record, decode (expanding compressed parcels), translate.
 */
public final class RiscvTranslator implements BlockTranslator {
    private static final long PAGE_MASK = ~(long) (GuestMemory.PAGE_SIZE - 1);

    private final RiscvArch arch;
    private final GuestMemory code;
    private final UnimplementedLog unimplemented;
    private final long blockPage;
    private long pc;

    public RiscvTranslator(RiscvArch arch, TbBuilder b, GuestMemory code, UnimplementedLog unimplemented) {
        this.arch = arch;
        this.code = code;
        this.unimplemented = unimplemented;
        this.pc = b.pc();
        this.blockPage = b.pc() & PAGE_MASK;
    }

    @Override
    public long nextPc() {
        return pc;
    }

    @Override
    public Status translateInsn(TbBuilder b) {
        long insnPc = pc;
        if (!b.insns().isEmpty() && (insnPc & ~PAGE_MASK) == GuestMemory.PAGE_SIZE - 2) {
            // QEMU 7.2's riscv_tr_translate_insn ends a block before an instruction at a page's last
            // halfword even when it is compressed and ends exactly at the page end (it tests the
            // address after the instruction); blocks begin and end where QEMU's do
            return Status.NOT_IN_THIS_BLOCK;
        }
        int bits = code.fetch16(insnPc);
        int length = 2;
        if ((bits & 3) == 3) {
            long secondHalf = insnPc + 2;
            if (!b.insns().isEmpty() && (secondHalf & PAGE_MASK) != blockPage) {
                // a later instruction straddling into the next page starts its own block
                return Status.NOT_IN_THIS_BLOCK;
            }
            bits |= code.fetch16(secondHalf) << 16;
            length = 4;
        }
        b.recordInsn(insnPc, length, bits & 0xffffffffL);
        pc = insnPc + length;
        InsnContext c = new InsnContext(b, arch, insnPc, length);
        Decoded d = Decoder.decodeAny(bits, length);
        if (d == null) {
            unimplemented.unknownEncoding(insnPc, length == 2 ? bits & 0xffff : bits & 0xffffffffL, length);
            c.illegal();
        } else {
            Translations.translate(c, d);
        }
        return c.ended() ? Status.BLOCK_ENDED : Status.CONTINUE;
    }

    @Override
    public void endBlock(TbBuilder b) {
        b.movi(arch.pc(), pc);
        b.gotoTb(0, pc);
    }
}
