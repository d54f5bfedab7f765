package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import javax.inject.Inject;

/** Compiles each block into a hidden class with ASM. */
public final class BytecodeBackend implements Backend {
    @Inject
    public BytecodeBackend() {}

    @Override
    public String name() {
        return "bytecode";
    }

    @Override
    public ExecutableBlock compile(TranslationBlock tb) {
        throw new UnsupportedOperationException("backend under construction");
    }
}
