package dev.tcg4j.backend.interpreter;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.ExecutableBlock;

/** A block, or a region entered at one of its members: a program and where to start it. */
final class InterpretedBlock extends ExecutableBlock {
    private final Program program;
    private final int entry;
    /** Back edges after which an in-method loop leaves; {@link Long#MAX_VALUE}: never. */
    private final long loopSlice;

    InterpretedBlock(Program program, int entry, long loopSlice) {
        this.program = program;
        this.entry = entry;
        this.loopSlice = loopSlice;
    }

    @Override
    public int execute(CpuState cpu) {
        Frames.Frame frame = Frames.acquire(program);
        try {
            return Interpreter.run(program, entry, cpu, frame.slots, loopSlice);
        } finally {
            frame.release();
        }
    }

    @Override
    public String toString() {
        return program.toString();
    }
}
