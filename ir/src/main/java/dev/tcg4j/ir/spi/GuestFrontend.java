package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.cpu.GuestMemory;

/** A guest architecture: translates its machine code into IR. */
public interface GuestFrontend {
    GuestArch arch();

    /** A translator for the block that {@code b} builds, reading code from {@code code}. */
    BlockTranslator begin(TbBuilder b, GuestMemory code);

    Disassembler disassembler();
}
