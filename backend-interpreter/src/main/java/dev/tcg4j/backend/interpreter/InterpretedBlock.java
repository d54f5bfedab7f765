package dev.tcg4j.backend.interpreter;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.ExecutableBlock;

/** A block, or a region entered at one of its members: a program and where to start it. */
final class InterpretedBlock extends ExecutableBlock {
    private final Program program;
    private final int entry;

    InterpretedBlock(Program program, int entry) {
        this.program = program;
        this.entry = entry;
    }

    @Override
    public int execute(CpuState cpu) {
        Frames.Frame frame = Frames.acquire(program);
        try {
            return Interpreter.run(program, entry, cpu, frame.slots);
        } finally {
            frame.release();
        }
    }

    @Override
    public String toString() {
        return program.toString();
    }
}
