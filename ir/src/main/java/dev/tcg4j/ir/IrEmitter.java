package dev.tcg4j.ir;

import dev.tcg4j.ir.cpu.HostRow;

/**
 * Emits ops at an insertion point of an op list: at the end, or before a given op. The TCG
 * {@code tcg_gen_*} vocabulary, in Java.
 */
public class IrEmitter {
    private static final Temp[] NONE = new Temp[0];

    protected final OpList ops;
    protected final Temps temps;
    private Op before;

    public IrEmitter(OpList ops, Temps temps) {
        this.ops = ops;
        this.temps = temps;
    }

    /** Emit before {@code at} from now on; null means at the end. */
    public final void insertBefore(Op at) {
        this.before = at;
    }

    public final OpList ops() {
        return ops;
    }

    public final Temps temps() {
        return temps;
    }

    public Op emit(Op op) {
        if (before == null) {
            ops.append(op);
        } else {
            ops.insertBefore(before, op);
        }
        return op;
    }

    // ---- temps and labels

    public final Temp newTemp() {
        return temps.newTemp(TempKind.EBB);
    }

    public final Temp newTbTemp() {
        return temps.newTemp(TempKind.TB);
    }

    public final Temp constant(long value) {
        return temps.constant(value);
    }

    public final Label newLabel() {
        return temps.newLabel();
    }

    // ---- generic shapes

    public final Op unary(Opcode opc, Temp d, Temp a) {
        return emit(Op.of(opc, new Temp[] {d}, new Temp[] {a}));
    }

    public final Op binary(Opcode opc, Temp d, Temp a, Temp b) {
        return emit(Op.of(opc, new Temp[] {d}, new Temp[] {a, b}));
    }

    /** {@code d = a OP imm} with the immediate as a constant temp. */
    public final Op binaryImm(Opcode opc, Temp d, Temp a, long imm) {
        return binary(opc, d, a, constant(imm));
    }

    // ---- moves and arithmetic

    public final Op mov(Temp d, Temp a) {
        return unary(Opcode.MOV, d, a);
    }

    public final Op movi(Temp d, long v) {
        return mov(d, constant(v));
    }

    public final Op add(Temp d, Temp a, Temp b) {
        return binary(Opcode.ADD, d, a, b);
    }

    public final Op addi(Temp d, Temp a, long imm) {
        return binaryImm(Opcode.ADD, d, a, imm);
    }

    public final Op sub(Temp d, Temp a, Temp b) {
        return binary(Opcode.SUB, d, a, b);
    }

    public final Op mul(Temp d, Temp a, Temp b) {
        return binary(Opcode.MUL, d, a, b);
    }

    public final Op and(Temp d, Temp a, Temp b) {
        return binary(Opcode.AND, d, a, b);
    }

    public final Op andi(Temp d, Temp a, long imm) {
        return binaryImm(Opcode.AND, d, a, imm);
    }

    public final Op or(Temp d, Temp a, Temp b) {
        return binary(Opcode.OR, d, a, b);
    }

    public final Op xor(Temp d, Temp a, Temp b) {
        return binary(Opcode.XOR, d, a, b);
    }

    public final Op shl(Temp d, Temp a, Temp b) {
        return binary(Opcode.SHL, d, a, b);
    }

    public final Op shr(Temp d, Temp a, Temp b) {
        return binary(Opcode.SHR, d, a, b);
    }

    public final Op sar(Temp d, Temp a, Temp b) {
        return binary(Opcode.SAR, d, a, b);
    }

    public final Op ext32s(Temp d, Temp a) {
        return unary(Opcode.EXT32S, d, a);
    }

    public final Op ext32u(Temp d, Temp a) {
        return unary(Opcode.EXT32U, d, a);
    }

    // ---- compares and control flow

    public final Op setcond(Cond c, Temp d, Temp a, Temp b) {
        return emit(Op.full(Opcode.SETCOND, new Temp[] {d}, new Temp[] {a, b}, 0, c, null, null, null));
    }

    /** {@code d = c(c1, c2) ? v1 : v2} */
    public final Op movcond(Cond c, Temp d, Temp c1, Temp c2, Temp v1, Temp v2) {
        return emit(Op.full(Opcode.MOVCOND, new Temp[] {d}, new Temp[] {c1, c2, v1, v2}, 0, c, null, null, null));
    }

    public final Op brcond(Cond c, Temp a, Temp b, Label target) {
        return emit(Op.full(Opcode.BRCOND, NONE, new Temp[] {a, b}, 0, c, target, null, null));
    }

    public final Op br(Label target) {
        return emit(Op.full(Opcode.BR, NONE, NONE, 0, null, target, null, null));
    }

    public final Op setLabel(Label l) {
        return emit(Op.full(Opcode.SET_LABEL, NONE, NONE, 0, null, l, null, null));
    }

    // ---- guest memory (TbBuilder adds the plugin mem marker)

    public Op qemuLd(Temp d, Temp addr, MemOp mop) {
        return emit(Op.full(Opcode.QEMU_LD, new Temp[] {d}, new Temp[] {addr}, 0, null, null, mop, null));
    }

    public Op qemuSt(Temp val, Temp addr, MemOp mop) {
        return emit(Op.full(Opcode.QEMU_ST, NONE, new Temp[] {val, addr}, 0, null, null, mop, null));
    }

    // ---- host state

    public final Op ldState(Temp d, int slot) {
        return emit(Op.withConst(Opcode.LD_STATE, new Temp[] {d}, NONE, slot));
    }

    public final Op stState(int slot, Temp v) {
        return emit(Op.withConst(Opcode.ST_STATE, NONE, new Temp[] {v}, slot));
    }

    public final Op ldVcpuIndex(Temp d) {
        return emit(Op.of(Opcode.LD_VCPU_INDEX, new Temp[] {d}, NONE));
    }

    public final Op hostLd(Temp d, HostRow row, Temp index) {
        return emit(Op.full(Opcode.HOST_LD, new Temp[] {d}, new Temp[] {index}, 0, null, null, null, row));
    }

    public final Op hostSt(HostRow row, Temp index, Temp v) {
        return emit(Op.full(Opcode.HOST_ST, NONE, new Temp[] {index, v}, 0, null, null, null, row));
    }

    /** Publishes (or with null, clears) the listener that memory-touching helpers report to. */
    public final Op setMemListener(Object listener) {
        return emit(Op.full(Opcode.SET_MEM_LISTENER, NONE, NONE, 0, null, null, null, listener));
    }

    /** Calls {@code h}; {@code result} is null for a void helper. */
    public final Op call(Helper h, Temp result, Temp... args) {
        if (args.length != h.longArgs()) {
            throw new IllegalArgumentException(h + " takes " + h.longArgs() + " args, got " + args.length);
        }
        if ((result != null) != h.returnsValue()) {
            throw new IllegalArgumentException(h + (h.returnsValue() ? " needs" : " has no") + " result");
        }
        Temp[] outs = result == null ? NONE : new Temp[] {result};
        return emit(Op.full(Opcode.CALL, outs, args.clone(), 0, null, null, null, h));
    }

    // ---- block structure (TbBuilder adds the AFTER_TB marker before exits)

    public final Op insnStart(long pc) {
        return emit(Op.withConst(Opcode.INSN_START, NONE, NONE, pc));
    }

    public Op exitTb(long code) {
        return emit(Op.withConst(Opcode.EXIT_TB, NONE, NONE, code));
    }

    public Op gotoTb(int slot) {
        return emit(Op.withConst(Opcode.GOTO_TB, NONE, NONE, slot));
    }

    /**
     * A goto_tb whose target is known at translation time. The target rides along (as the op's aux, a
     * Long) so that a backend can keep a block that jumps to its own start inside one loop.
     */
    public Op gotoTb(int slot, long target) {
        return emit(Op.full(Opcode.GOTO_TB, NONE, NONE, slot, null, null, null, target));
    }

    /** Leaves to the guest address in {@code target}; the pc global must already hold it. */
    public Op gotoPtr(Temp target) {
        return emit(Op.of(Opcode.GOTO_PTR, NONE, new Temp[] {target}));
    }

    public final Op pluginMarker(PluginMarker m) {
        return emit(Op.withConst(Opcode.PLUGIN_CB, NONE, NONE, m.ordinal()));
    }

    public final Op pluginMem(Temp addr, Temp value, int meminfo) {
        return emit(Op.withConst(Opcode.PLUGIN_MEM, NONE, new Temp[] {addr, value}, meminfo));
    }
}
