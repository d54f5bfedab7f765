package dev.tcg4j.ir;

import java.util.Arrays;

/**
 * One IR operation, a node of an {@link OpList}. Fields not used by an opcode stay null or zero.
 */
public final class Op {
    private final Opcode opcode;
    private final Temp[] outs;
    private final Temp[] ins;
    private final long constArg;
    private final Cond cond;
    private final Label label;
    private final MemOp memOp;
    private final Object aux;
    Op prev;
    Op next;
    OpList owner;

    Op(Opcode opcode, Temp[] outs, Temp[] ins, long constArg, Cond cond, Label label, MemOp memOp, Object aux) {
        this.opcode = opcode;
        this.outs = outs;
        this.ins = ins;
        this.constArg = constArg;
        this.cond = cond;
        this.label = label;
        this.memOp = memOp;
        this.aux = aux;
    }

    public static Op of(Opcode opc, Temp[] outs, Temp[] ins) {
        return new Op(opc, outs, ins, 0, null, null, null, null);
    }

    public static Op withConst(Opcode opc, Temp[] outs, Temp[] ins, long c) {
        return new Op(opc, outs, ins, c, null, null, null, null);
    }

    public static Op full(Opcode opc, Temp[] outs, Temp[] ins, long c, Cond cond, Label label, MemOp memOp,
            Object aux) {
        return new Op(opc, outs, ins, c, cond, label, memOp, aux);
    }

    public Opcode opcode() {
        return opcode;
    }

    public Temp out(int i) {
        return outs[i];
    }

    public Temp in(int i) {
        return ins[i];
    }

    public int outCount() {
        return outs.length;
    }

    public int inCount() {
        return ins.length;
    }

    public long constArg() {
        return constArg;
    }

    public Cond cond() {
        return cond;
    }

    public Label label() {
        return label;
    }

    public MemOp memOp() {
        return memOp;
    }

    public Object aux() {
        return aux;
    }

    public Helper helper() {
        return (Helper) aux;
    }

    /** The next op in its list, or null at the end. */
    public Op next() {
        return next;
    }

    /** The previous op in its list, or null at the start. */
    public Op prev() {
        return prev;
    }

    public boolean isMarker(PluginMarker m) {
        return opcode == Opcode.PLUGIN_CB && constArg == m.ordinal();
    }

    @Override
    public String toString() {
        return IrDump.format(this);
    }

    Temp[] outsArray() {
        return Arrays.copyOf(outs, outs.length);
    }
}
