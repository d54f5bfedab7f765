package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.cpu.GuestMemory;

/** A guest architecture: translates its machine code into IR. */
public interface GuestFrontend {
    /**
     * The architecture this frontend translates.
     *
     * @return its description
     */
    GuestArch arch();

    /**
     * Starts translating a block; called by each vCPU thread for its own blocks, possibly at once.
     *
     * @param b the block being built
     * @param code the guest memory the code is read from
     * @return a translator for the block that {@code b} builds
     */
    BlockTranslator begin(TbBuilder b, GuestMemory code);

    /**
     * The architecture's disassembler.
     *
     * @return a disassembler, safe to use from any thread
     */
    Disassembler disassembler();
}
