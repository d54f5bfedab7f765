package dev.tcg4j.backend.tiered;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.ExecutableBlock;

/**
 * What the runtime holds for a block, or for a region entered at one of its members: the code of the
 * current tier. It starts as the interpreter's code, counting executions for its {@link TierUp}; the
 * compile thread swaps in the bytecode with one volatile write, so that a vCPU runs either the old
 * code or the new, whole, and never waits for the swap.
 */
final class TieredBlock extends ExecutableBlock {
    private final TierUp unit;
    private final ExecutableBlock interpreted;
    private volatile ExecutableBlock current;

    TieredBlock(TierUp unit, ExecutableBlock interpreted) {
        this.unit = unit;
        this.interpreted = interpreted;
        this.current = interpreted;
    }

    @Override
    public int execute(CpuState cpu) {
        ExecutableBlock code = current;
        if (code == interpreted) {
            unit.executed();
        }
        return code.execute(cpu);
    }

    /** Runs {@code compiled} from the next execution on; it has the interpreted code's exits. */
    void swap(ExecutableBlock compiled) {
        current = compiled;
    }

    /** The code the next execution runs. */
    ExecutableBlock current() {
        return current;
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
