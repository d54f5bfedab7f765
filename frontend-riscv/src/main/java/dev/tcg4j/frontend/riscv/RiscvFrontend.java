package dev.tcg4j.frontend.riscv;

import dev.tcg4j.frontend.riscv.disasm.RiscvDisassembler;
import dev.tcg4j.frontend.riscv.translate.RiscvTranslator;
import dev.tcg4j.frontend.riscv.translate.UnimplementedLog;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.BlockTranslator;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.GuestFrontend;
import javax.inject.Inject;

/** The RV64GC guest, with the RVA22U64 user-level extensions (see {@link RiscvIsa}). */
public final class RiscvFrontend implements GuestFrontend {
    private final RiscvArch arch = new RiscvArch();
    private final RiscvDisassembler disassembler = new RiscvDisassembler();
    private final UnimplementedLog unimplemented = new UnimplementedLog();

    @Inject
    public RiscvFrontend() {}

    @Override
    public RiscvArch arch() {
        return arch;
    }

    @Override
    public BlockTranslator begin(TbBuilder b, GuestMemory code) {
        return new RiscvTranslator(arch, b, code, unimplemented);
    }

    @Override
    public Disassembler disassembler() {
        return disassembler;
    }
}
