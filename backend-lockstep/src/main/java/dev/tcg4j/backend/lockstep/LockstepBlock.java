package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.ir.spi.ExecutableBlock;

/** A block compiled by both backends of a lockstep pair; each execution runs and compares both. */
final class LockstepBlock extends ExecutableBlock {
    private static final long[][] NO_ARRAYS = new long[0][];

    final Lockstep lockstep;
    final TranslationBlock tb;
    final ExecutableBlock reference;
    final ExecutableBlock subject;
    /** The plugin scoreboard rows the block writes: saved, restored between the sides, and compared. */
    private final HostRow[] hostRows;

    LockstepBlock(Lockstep lockstep, TranslationBlock tb, ExecutableBlock reference, ExecutableBlock subject) {
        this.lockstep = lockstep;
        this.tb = tb;
        this.reference = reference;
        this.subject = subject;
        this.hostRows = BlockCopy.hostRowsWritten(tb);
    }

    /** The running vCPU's arrays of the rows the block writes. */
    long[][] hostArrays(CpuState cpu) {
        if (hostRows.length == 0) {
            return NO_ARRAYS;
        }
        long[][] arrays = new long[hostRows.length][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = cpu.hostRow(hostRows[i]);
        }
        return arrays;
    }

    @Override
    public int execute(CpuState cpu) {
        return lockstep.execute(this, cpu);
    }
}
