package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.function.UnaryOperator;

/**
 * A deliberately wrong backend: compiles with another after rewriting the ops of the guest
 * instruction at one pc, in every block that holds it.
 */
final class BrokenBackend implements Backend {
    private final Backend delegate;
    private final String name;
    private final long pc;
    private final UnaryOperator<Op> rewrite;

    BrokenBackend(Backend delegate, String name, long pc, UnaryOperator<Op> rewrite) {
        this.delegate = delegate;
        this.name = name;
        this.pc = pc;
        this.rewrite = rewrite;
    }

    /** ADD ops become SUB in the instruction at {@code pc}. */
    static BrokenBackend addBecomesSub(Backend delegate, long pc) {
        return new BrokenBackend(delegate, "add-becomes-sub", pc, op -> op.opcode() != Opcode.ADD ? op
                : Op.full(Opcode.SUB, new Temp[] {op.out(0)}, new Temp[] {op.in(0), op.in(1)},
                        op.constArg(), op.cond(), op.label(), op.memOp(), op.aux()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecutableBlock compile(TranslationBlock tb) {
        boolean[] inTarget = {false};
        return delegate.compile(BlockCopy.copy(tb, op -> {
            if (op.opcode() == Opcode.INSN_START) {
                inTarget[0] = op.constArg() == pc;
                return op;
            }
            return inTarget[0] ? rewrite.apply(op) : op;
        }));
    }
}
