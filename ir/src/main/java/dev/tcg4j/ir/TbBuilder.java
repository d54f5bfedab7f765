package dev.tcg4j.ir;

import dev.tcg4j.ir.spi.TranslatorHooks;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one translation block. Besides emitting ops it keeps the instruction records, and it is
 * where the translator's plugin markers come from: every guest load and store is followed by a
 * PLUGIN_MEM marker, and every block exit is preceded by the hooks' AFTER_TB marker, so frontends
 * cannot forget either.
 */
public final class TbBuilder extends IrEmitter {
    private final long pc;
    private final int flags;
    private final TranslatorHooks hooks;
    private final List<GuestInsn> insns = new ArrayList<>();

    public TbBuilder(long pc, int flags, TranslatorHooks hooks) {
        super(new OpList(), new Temps());
        this.pc = pc;
        this.flags = flags;
        this.hooks = hooks;
    }

    public long pc() {
        return pc;
    }

    public int flags() {
        return flags;
    }

    public TranslatorHooks hooks() {
        return hooks;
    }

    /** Records the instruction being translated; frontends call it once the encoding is fetched. */
    public void recordInsn(long vaddr, int size, long bits) {
        insns.add(new GuestInsn(vaddr, size, bits));
    }

    public List<GuestInsn> insns() {
        return insns;
    }

    /** Forgets the last recorded instruction (the translator dropped it). */
    public void dropLastInsn() {
        insns.removeLast();
    }

    @Override
    public Op qemuLd(Temp d, Temp addr, MemOp mop) {
        if (!hooks.enabled()) {
            return super.qemuLd(d, addr, mop);
        }
        // the marker needs the address after the load, which may have overwritten it
        Temp a = addr;
        if (d == addr) {
            a = newTemp();
            mov(a, addr);
        }
        Op op = super.qemuLd(d, addr, mop);
        pluginMem(a, d, mop.meminfo(false));
        return op;
    }

    @Override
    public Op qemuSt(Temp val, Temp addr, MemOp mop) {
        Op op = super.qemuSt(val, addr, mop);
        if (hooks.enabled()) {
            pluginMem(addr, val, mop.meminfo(true));
        }
        return op;
    }

    @Override
    public Op exitTb(long code) {
        hooks.beforeExit(this);
        return super.exitTb(code);
    }

    @Override
    public Op gotoTb(int slot) {
        hooks.beforeExit(this);
        return super.gotoTb(slot);
    }

    @Override
    public Op gotoTb(int slot, long target) {
        hooks.beforeExit(this);
        return super.gotoTb(slot, target);
    }

    @Override
    public Op gotoPtr(Temp target) {
        hooks.beforeExit(this);
        return super.gotoPtr(target);
    }

    public TranslationBlock build() {
        return new TranslationBlock(pc, flags, ops, insns, temps);
    }
}
