package dev.tcg4j.ir;

import java.util.List;

/**
 * A translated block: the guest instructions it covers and its op list. The op list stays mutable
 * so that passes (the inject pass, optimizations) can rewrite it before a backend compiles it.
 */
public final class TranslationBlock {
    private final long pc;
    private final int flags;
    private final OpList ops;
    private final List<GuestInsn> insns;
    private final Temps temps;

    public TranslationBlock(long pc, int flags, OpList ops, List<GuestInsn> insns, Temps temps) {
        this.pc = pc;
        this.flags = flags;
        this.ops = ops;
        this.insns = List.copyOf(insns);
        this.temps = temps;
    }

    public long pc() {
        return pc;
    }

    public int flags() {
        return flags;
    }

    public OpList ops() {
        return ops;
    }

    public List<GuestInsn> insns() {
        return insns;
    }

    public int insnCount() {
        return insns.size();
    }

    /** Bytes of guest code covered, from {@link #pc()}. */
    public int guestSize() {
        int n = 0;
        for (GuestInsn i : insns) {
            n += i.size();
        }
        return n;
    }

    /** The block's temp and label allocator; passes that add ops allocate through it. */
    public Temps temps() {
        return temps;
    }

    /** Highest temp id + 1: the non-global temps a backend must allocate. */
    public int tempCount() {
        return temps.count();
    }

    public int labelCount() {
        return temps.labelCount();
    }

    /** An emitter that inserts before {@code at}, for passes that rewrite this block. */
    public IrEmitter emitterBefore(Op at) {
        IrEmitter e = new IrEmitter(ops, temps);
        e.insertBefore(at);
        return e;
    }
}
