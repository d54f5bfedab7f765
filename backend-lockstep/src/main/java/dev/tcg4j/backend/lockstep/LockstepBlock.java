package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.ExecutableBlock;

/** A block compiled by both backends of a lockstep pair; each execution runs and compares both. */
final class LockstepBlock extends ExecutableBlock {
    final Lockstep lockstep;
    final TranslationBlock tb;
    final ExecutableBlock reference;
    final ExecutableBlock subject;
    /** The plugin scoreboards the block writes: saved, restored between the sides, and compared. */
    final long[][] hostArrays;

    LockstepBlock(Lockstep lockstep, TranslationBlock tb, ExecutableBlock reference, ExecutableBlock subject) {
        this.lockstep = lockstep;
        this.tb = tb;
        this.reference = reference;
        this.subject = subject;
        this.hostArrays = BlockCopy.hostArraysWritten(tb);
    }

    @Override
    public int execute(CpuState cpu) {
        return lockstep.execute(this, cpu);
    }
}
