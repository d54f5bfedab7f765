package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Constants.pushInt;
import static dev.tcg4j.backend.bytecode.Constants.pushLong;
import static org.objectweb.asm.Opcodes.*;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.ir.cpu.MemAccessListener;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Emits the ops of one member block into an {@code execute} method, one emission per op. Its
 * labels and temps are its own; globals, exits and traps go through the shared {@link ExecuteMethod}.
 */
final class OpEmitter {
    private static final String CPU = Type.getInternalName(CpuState.class);

    private final ExecuteMethod method;
    private final MethodVisitor mv;
    private final int member;
    private final TranslationBlock tb;
    private final Label[] irLabels;
    private final Set<dev.tcg4j.ir.Label> branchedTo = new HashSet<>();

    // the guest instruction being emitted, and whether it has emitted an op that can trap
    private long insnPc;
    private Label insnStart;
    private boolean insnCanTrap;

    /** Emits {@code tb}, the member with index {@code member} of {@code method}. */
    OpEmitter(ExecuteMethod method, int member, TranslationBlock tb) {
        this.method = method;
        this.mv = method.mv;
        this.member = member;
        this.tb = tb;
        this.irLabels = new Label[tb.labelCount()];
        for (Op op : tb.ops()) {
            if (op.opcode() == Opcode.BR || (op.opcode() == Opcode.BRCOND && op.cond() != Cond.NEVER)) {
                branchedTo.add(op.label());
            }
        }
    }

    void emitBody() {
        insnPc = tb.pc();
        insnStart = new Label();
        method.startMember(tb);
        mv.visitLabel(insnStart);
        boolean reachable = true;
        for (Op op : tb.ops()) {
            Opcode opc = op.opcode();
            if (opc == Opcode.INSN_START) {
                startInsn(op.constArg());
                continue;
            }
            if (opc == Opcode.SET_LABEL) {
                if (reachable || branchedTo.contains(op.label())) {
                    mv.visitLabel(asm(op.label()));
                    reachable = true;
                }
                continue;
            }
            if (!reachable) {
                continue; // after an exit or a branch, until a label someone jumps to
            }
            emit(op);
            if (opc.endsFlow() || (opc == Opcode.BRCOND && op.cond() == Cond.ALWAYS)) {
                reachable = false;
            }
        }
        if (reachable) {
            throw new IllegalArgumentException("block at 0x" + Long.toHexString(tb.pc())
                    + " falls off the end of its ops without an exit");
        }
        endInsn();
    }

    private void startInsn(long pc) {
        endInsn();
        insnPc = pc;
        insnStart = new Label();
        mv.visitLabel(insnStart);
        method.checkSize(insnStart.getOffset());
    }

    private void endInsn() {
        if (insnCanTrap) {
            Label end = new Label();
            mv.visitLabel(end);
            method.addTrapRange(insnStart, end, insnPc, false);
            insnCanTrap = false;
        }
    }

    private void emit(Op op) {
        switch (op.opcode()) {
            case MOV -> {
                if (op.out(0) != op.in(0)) {
                    load(op.in(0));
                    store(op.out(0));
                }
            }
            case ADD -> binary(op, LADD);
            case SUB -> binary(op, LSUB);
            case MUL -> binary(op, LMUL);
            case AND -> binary(op, LAND);
            case OR -> binary(op, LOR);
            case XOR -> binary(op, LXOR);
            case DIV -> binary(op, LDIV);
            case REM -> binary(op, LREM);
            case MULSH -> binaryStatic(op, "java/lang/Math", "multiplyHigh");
            case MULUH -> binaryStatic(op, "java/lang/Math", "unsignedMultiplyHigh");
            case DIVU -> binaryStatic(op, "java/lang/Long", "divideUnsigned");
            case REMU -> binaryStatic(op, "java/lang/Long", "remainderUnsigned");
            case SHL -> shift(op, LSHL);
            case SHR -> shift(op, LUSHR);
            case SAR -> shift(op, LSHR);
            case NOT -> {
                load(op.in(0));
                pushLong(mv, -1L);
                mv.visitInsn(LXOR);
                store(op.out(0));
            }
            case NEG -> {
                load(op.in(0));
                mv.visitInsn(LNEG);
                store(op.out(0));
            }
            case EXT8S -> narrowSigned(op, I2B);
            case EXT16S -> narrowSigned(op, I2S);
            case EXT32S -> narrowSigned(op, NOP);
            case EXT8U -> mask(op, 0xffL);
            case EXT16U -> mask(op, 0xffffL);
            case EXT32U -> mask(op, 0xffff_ffffL);
            case SETCOND -> setcond(op);
            case MOVCOND -> movcond(op);
            case BRCOND -> jumpIf(op.cond(), op.in(0), op.in(1), asm(op.label()));
            case BR -> mv.visitJumpInsn(GOTO, asm(op.label()));
            case QEMU_LD -> guestLoad(op);
            case QEMU_ST -> guestStore(op);
            case LD_STATE -> {
                mv.visitVarInsn(ALOAD, LocalSlots.REGS);
                pushInt(mv, stateSlot(op));
                mv.visitInsn(LALOAD);
                store(op.out(0));
            }
            case ST_STATE -> {
                mv.visitVarInsn(ALOAD, LocalSlots.REGS);
                pushInt(mv, stateSlot(op));
                load(op.in(0));
                mv.visitInsn(LASTORE);
            }
            case LD_VCPU_INDEX -> {
                mv.visitVarInsn(ALOAD, LocalSlots.CPU);
                mv.visitFieldInsn(GETFIELD, CPU, "vcpuIndex", "I");
                mv.visitInsn(I2L);
                store(op.out(0));
            }
            case HOST_LD -> {
                hostRow(op);
                load(op.in(0));
                mv.visitInsn(L2I);
                mv.visitInsn(LALOAD);
                store(op.out(0));
            }
            case HOST_ST -> {
                hostRow(op);
                load(op.in(0));
                mv.visitInsn(L2I);
                load(op.in(1));
                mv.visitInsn(LASTORE);
            }
            case SET_MEM_LISTENER -> setMemListener(op);
            case CALL -> call(op);
            case EXIT_TB -> method.exit(Math.toIntExact(op.constArg()));
            case GOTO_TB -> method.gotoTb(op);
            case GOTO_PTR -> method.gotoPtr(() -> load(op.in(0)));
            case PLUGIN_CB, PLUGIN_MEM -> { } // markers no inject pass filled: nothing to run
            case INSN_START, SET_LABEL -> throw new AssertionError(op);
        }
    }

    private void binary(Op op, int insn) {
        load(op.in(0));
        load(op.in(1));
        mv.visitInsn(insn);
        store(op.out(0));
    }

    private void binaryStatic(Op op, String owner, String method) {
        load(op.in(0));
        load(op.in(1));
        mv.visitMethodInsn(INVOKESTATIC, owner, method, "(JJ)J", false);
        store(op.out(0));
    }

    /** The JVM masks a long shift count to its low six bits, as the IR wants. */
    private void shift(Op op, int insn) {
        load(op.in(0));
        Temp count = op.in(1);
        if (count.isConst()) {
            pushInt(mv, (int) (count.value() & 63));
        } else {
            load(count);
            mv.visitInsn(L2I);
        }
        mv.visitInsn(insn);
        store(op.out(0));
    }

    private void narrowSigned(Op op, int narrowing) {
        load(op.in(0));
        mv.visitInsn(L2I);
        if (narrowing != NOP) {
            mv.visitInsn(narrowing);
        }
        mv.visitInsn(I2L);
        store(op.out(0));
    }

    private void mask(Op op, long mask) {
        load(op.in(0));
        pushLong(mv, mask);
        mv.visitInsn(LAND);
        store(op.out(0));
    }

    private void setcond(Op op) {
        Cond c = op.cond();
        if (c == Cond.ALWAYS || c == Cond.NEVER) {
            pushLong(mv, c == Cond.ALWAYS ? 1 : 0);
        } else {
            Label yes = new Label();
            Label done = new Label();
            jumpIf(c, op.in(0), op.in(1), yes);
            mv.visitInsn(LCONST_0);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(yes);
            mv.visitInsn(LCONST_1);
            mv.visitLabel(done);
        }
        store(op.out(0));
    }

    private void movcond(Op op) {
        Cond c = op.cond();
        if (c == Cond.ALWAYS || c == Cond.NEVER) {
            load(op.in(c == Cond.ALWAYS ? 2 : 3));
        } else {
            Label yes = new Label();
            Label done = new Label();
            jumpIf(c, op.in(0), op.in(1), yes);
            load(op.in(3));
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(yes);
            load(op.in(2));
            mv.visitLabel(done);
        }
        store(op.out(0));
    }

    /** Jumps to {@code target} when {@code c(a, b)}; unsigned conditions compare with compareUnsigned. */
    private void jumpIf(Cond c, Temp a, Temp b, Label target) {
        switch (c) {
            case NEVER -> { }
            case ALWAYS -> mv.visitJumpInsn(GOTO, target);
            default -> {
                load(a);
                load(b);
                boolean unsigned = c == Cond.LTU || c == Cond.GEU || c == Cond.LEU || c == Cond.GTU;
                if (unsigned) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                } else {
                    mv.visitInsn(LCMP);
                }
                mv.visitJumpInsn(switch (c) {
                    case EQ -> IFEQ;
                    case NE -> IFNE;
                    case LT, LTU -> IFLT;
                    case GE, GEU -> IFGE;
                    case LE, LEU -> IFLE;
                    case GT, GTU -> IFGT;
                    default -> throw new AssertionError(c);
                }, target);
            }
        }
    }

    // ------------------------------------------------------------------ guest memory

    private void guestLoad(Op op) {
        MemOp m = memOp(op);
        insnCanTrap = true;
        GuestAccess.pushWindow(mv);
        load(op.in(0));
        GuestAccess.load(mv, m);
        store(op.out(0));
    }

    private void guestStore(Op op) {
        MemOp m = memOp(op);
        insnCanTrap = true;
        GuestAccess.pushWindow(mv);
        load(op.in(1));
        load(op.in(0));
        GuestAccess.store(mv, m);
    }

    private static MemOp memOp(Op op) {
        if (op.memOp() == null) {
            throw new IllegalArgumentException("guest memory op without MemOp: " + op);
        }
        return op.memOp();
    }

    // ------------------------------------------------------------------ host state and calls

    private int stateSlot(Op op) {
        int slot = Math.toIntExact(op.constArg());
        if (method.locals.isGlobalSlot(slot)) {
            // the cached copy and CpuState would disagree; the IR promises this never happens
            throw new IllegalArgumentException("state access to slot " + slot + " of a global in the block: " + op);
        }
        return slot;
    }

    /** Pushes the running vCPU's array of the op's row, looked up once at the method's entry. */
    private void hostRow(Op op) {
        if (!(op.aux() instanceof HostRow row)) {
            throw new IllegalArgumentException("host access without a HostRow: " + op);
        }
        mv.visitVarInsn(ALOAD, method.locals.hostRowLocal(row));
    }

    private void setMemListener(Op op) {
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        if (op.aux() == null) {
            mv.visitInsn(ACONST_NULL);
        } else if (op.aux() instanceof MemAccessListener l) {
            mv.visitLdcInsn(method.data.constant(l, MemAccessListener.class));
        } else {
            throw new IllegalArgumentException("listener is not a MemAccessListener: " + op);
        }
        mv.visitFieldInsn(PUTFIELD, CPU, "memListener", Type.getDescriptor(MemAccessListener.class));
    }

    /**
     * A helper that writes globals also gets them written back first, as TCG's save_globals: it may
     * write only some of them, and the reload after it must not lose the block's newer values of
     * the others. If such a helper traps, CpuState already holds the truth and nothing is written
     * back. A helper that may touch guest memory counts as one that may trap.
     */
    private void call(Op op) {
        Helper h = op.helper();
        if (h == null) {
            throw new IllegalArgumentException("call without helper: " + op);
        }
        if (op.inCount() != h.longArgs() || op.outCount() != (h.returnsValue() ? 1 : 0)) {
            throw new IllegalArgumentException("call arguments do not match " + h.type() + ": " + op);
        }
        boolean writes = h.has(Helper.WRITES_GLOBALS);
        if (writes || h.has(Helper.READS_GLOBALS)) {
            method.writeBackGlobals();
        }
        boolean canTrap = h.has(Helper.MAY_TRAP) || h.has(Helper.TOUCHES_GUEST_MEMORY);
        Label start = null;
        if (canTrap && writes) {
            start = new Label();
            mv.visitLabel(start);
        }
        HelperLinker.emitCall(mv, method.data, h, () -> {
            if (h.takesCpu()) {
                mv.visitVarInsn(ALOAD, LocalSlots.CPU);
            }
            for (int i = 0; i < op.inCount(); i++) {
                load(op.in(i));
            }
        });
        if (start != null) {
            Label end = new Label();
            mv.visitLabel(end);
            method.addTrapRange(start, end, insnPc, true);
        } else if (canTrap) {
            insnCanTrap = true;
        }
        if (writes) {
            method.loadGlobals(); // the result waits on the operand stack: a result going to a global wins, as in TCG
        }
        if (h.returnsValue()) {
            store(op.out(0));
        }
    }

    // ------------------------------------------------------------------ values

    private void load(Temp t) {
        if (t.isConst()) {
            pushLong(mv, t.value());
        } else {
            mv.visitVarInsn(LLOAD, method.locals.local(member, t));
        }
    }

    private void store(Temp t) {
        mv.visitVarInsn(LSTORE, method.locals.local(member, t));
    }

    private Label asm(dev.tcg4j.ir.Label l) {
        Label a = irLabels[l.id()];
        if (a == null) {
            a = new Label();
            irLabels[l.id()] = a;
        }
        return a;
    }
}
