package dev.tcg4j.frontend.riscv;

import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.BlockTranslator;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.GuestFrontend;
import javax.inject.Inject;

/** The RV64GC guest. */
public final class RiscvFrontend implements GuestFrontend {
    private final RiscvArch arch = new RiscvArch();

    @Inject
    public RiscvFrontend() {}

    @Override
    public RiscvArch arch() {
        return arch;
    }

    @Override
    public BlockTranslator begin(TbBuilder b, GuestMemory code) {
        throw new UnsupportedOperationException("translator under construction");
    }

    @Override
    public Disassembler disassembler() {
        throw new UnsupportedOperationException("disassembler under construction");
    }
}
