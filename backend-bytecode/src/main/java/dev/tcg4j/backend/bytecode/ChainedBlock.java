package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.ExecutableBlock;

/** A block compiled in two parts ({@link BlockParts}): the second runs when the first reaches its end. */
final class ChainedBlock extends ExecutableBlock {
    private final ExecutableBlock first;
    private final ExecutableBlock second;

    ChainedBlock(ExecutableBlock first, ExecutableBlock second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public int execute(CpuState cpu) {
        int exit = first.execute(cpu);
        return exit == BlockParts.NEXT_PART ? second.execute(cpu) : exit;
    }

    @Override
    public String toString() {
        return first + " then " + second;
    }
}
