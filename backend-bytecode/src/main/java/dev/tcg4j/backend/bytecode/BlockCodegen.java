package dev.tcg4j.backend.bytecode;

import static org.objectweb.asm.Opcodes.*;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.cpu.MemAccessListener;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Generates the hidden class of one block: a subclass of {@link ExecutableBlock} whose
 * {@code execute(CpuState)} is the block's ops as straight-line bytecode.
 *
 * <p>Shape of {@code execute}:
 * <pre>
 *   regs = cpu.regs; memory = cpu.memory          (memory only if the block touches guest memory)
 *   g_i = regs[slot_i] for every global referenced; TB temps read = 0
 *   body: one emission per op; exits push their code and jump to the epilogue
 *   epilogue (stack: exit code): regs[slot] = g for every global the block writes; ireturn
 *   trap stubs, one per instruction that can trap: push its pc, jump to the trap handler
 *   trap handler (stack: GuestTrap, pc): cpu.trap, cpu.trapPc; push TRAP; jump to the epilogue
 *   synced trap handler, for helpers that wrote globals themselves: the same, returning directly
 * </pre>
 *
 * <p>Trap pcs cost nothing on the hot path: each guest instruction holding an op that can trap is
 * covered by its own exception-table range, whose stub knows the instruction's pc as a constant.
 */
final class BlockCodegen {
    private static final String CPU = Type.getInternalName(CpuState.class);
    private static final String MEMORY = Type.getInternalName(GuestMemory.class);
    private static final String TRAP = Type.getInternalName(GuestTrap.class);
    private static final String SUPER = Type.getInternalName(ExecutableBlock.class);
    private static final String EXECUTE_DESC = "(" + Type.getDescriptor(CpuState.class) + ")I";
    private static final String BLOCK_NAME = "dev/tcg4j/backend/bytecode/Block_";

    /** The bytes of the class and what to hand it as class data. */
    record Generated(String className, byte[] bytes, List<Object> classData, int codeSize) {}

    /**
     * Code that can raise a guest trap at guest pc {@code pc}. A synced range covers only the call of
     * a helper that writes globals: they were all written back before it, and the helper's own
     * writes must survive the trap, so its handler writes nothing back.
     */
    private record TrapRange(Label start, Label end, long pc, boolean synced) {}

    private final TranslationBlock tb;
    private final int limit;
    private final LocalSlots locals;
    private final ClassDataPool data = new ClassDataPool();
    private final Label[] irLabels;
    private final Set<dev.tcg4j.ir.Label> branchedTo = new HashSet<>();
    private final List<TrapRange> trapRanges = new ArrayList<>();
    private final Label epilogue = new Label();
    private final Label loopHead = new Label();
    private final Label trapHandler = new Label();
    private final Label syncedTrapHandler = new Label();
    private MethodVisitor mv;

    // the guest instruction being emitted, and whether it has emitted an op that can trap
    private long insnPc;
    private Label insnStart;
    private boolean insnCanTrap;

    BlockCodegen(TranslationBlock tb, int limit) {
        this.tb = tb;
        this.limit = limit;
        this.locals = new LocalSlots(tb);
        this.irLabels = new Label[tb.labelCount()];
        for (Op op : tb.ops()) {
            if (op.opcode() == Opcode.BR || (op.opcode() == Opcode.BRCOND && op.cond() != Cond.NEVER)) {
                branchedTo.add(op.label());
            }
        }
    }

    Generated generate() {
        String name = BLOCK_NAME + Long.toHexString(tb.pc());
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // frames only ever merge identical reference types here; never load classes for it
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, SUPER, null);
        emitConstructor(cw);
        emitToString(cw);
        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "execute", EXECUTE_DESC, null, null);
        mv.visitCode();
        emitEntry();
        emitBody();
        emitEpilogue();
        emitTrapHandling();
        Label end = new Label();
        mv.visitLabel(end);
        int codeSize = end.getOffset();
        if (codeSize > limit) {
            throw new BlockTooLargeException(tb.pc(), tb.insnCount(), codeSize);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return new Generated(name, cw.toByteArray(), data.values(), codeSize);
    }

    private static void emitConstructor(ClassWriter cw) {
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 0);
        m.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "()V", false);
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    private void emitToString(ClassWriter cw) {
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
        m.visitCode();
        m.visitLdcInsn("block@0x" + Long.toHexString(tb.pc()) + "[" + tb.insnCount() + " insns]");
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    // ------------------------------------------------------------------ entry, exits, traps

    private void emitEntry() {
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitFieldInsn(GETFIELD, CPU, "regs", "[J");
        mv.visitVarInsn(ASTORE, LocalSlots.REGS);
        if (locals.touchesMemory()) {
            mv.visitVarInsn(ALOAD, LocalSlots.CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "memory", Type.getDescriptor(GuestMemory.class));
            mv.visitVarInsn(ASTORE, LocalSlots.MEMORY);
        }
        loadGlobals();
        for (int local : locals.tbTempsRead()) {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, local);
        }
    }

    private void loadGlobals() {
        for (Map.Entry<Integer, Integer> g : locals.globals()) {
            mv.visitVarInsn(ALOAD, LocalSlots.REGS);
            pushInt(g.getKey());
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, g.getValue());
        }
    }

    private void writeBackGlobals() {
        for (int slot : locals.writtenGlobals()) {
            mv.visitVarInsn(ALOAD, LocalSlots.REGS);
            pushInt(slot);
            mv.visitVarInsn(LLOAD, locals.globalLocal(slot));
            mv.visitInsn(LASTORE);
        }
    }

    /** Every exit: the exit code is on the stack; written globals go back to CpuState. */
    private void emitEpilogue() {
        mv.visitLabel(epilogue);
        writeBackGlobals();
        mv.visitInsn(IRETURN);
    }

    private void emitTrapHandling() {
        // synced ranges nest inside instruction ranges: the JVM takes the first matching entry
        emitTrapStubs(true, syncedTrapHandler);
        emitTrapStubs(false, trapHandler);
    }

    private void emitTrapStubs(boolean synced, Label handler) {
        Map<Long, Label> stubs = new LinkedHashMap<>();
        for (TrapRange r : trapRanges) {
            if (r.synced() == synced) {
                Label stub = stubs.computeIfAbsent(r.pc(), pc -> new Label());
                mv.visitTryCatchBlock(r.start(), r.end(), stub, TRAP);
            }
        }
        if (stubs.isEmpty()) {
            return;
        }
        int left = stubs.size();
        for (Map.Entry<Long, Label> s : stubs.entrySet()) {
            mv.visitLabel(s.getValue());
            pushLong(s.getKey());
            if (--left > 0) {
                mv.visitJumpInsn(GOTO, handler); // the last stub falls into the handler
            }
        }
        mv.visitLabel(handler);
        mv.visitVarInsn(LSTORE, LocalSlots.TRAP_PC);
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitInsn(SWAP);
        mv.visitFieldInsn(PUTFIELD, CPU, "trap", Type.getDescriptor(GuestTrap.class));
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitVarInsn(LLOAD, LocalSlots.TRAP_PC);
        mv.visitFieldInsn(PUTFIELD, CPU, "trapPc", "J");
        pushInt(ExitCodes.TRAP);
        if (synced) {
            mv.visitInsn(IRETURN);
        } else {
            mv.visitJumpInsn(GOTO, epilogue);
        }
    }

    /**
     * A goto_tb back to the block's own start stays in this method as a loop, so that C2 sees a guest
     * loop as a JVM loop; it leaves only when another thread asks this vCPU to stop.
     */
    private void gotoTb(Op op) {
        int slot = Math.toIntExact(op.constArg());
        if (op.aux() instanceof Long target && target == tb.pc()) {
            mv.visitVarInsn(ALOAD, LocalSlots.CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "exitRequested", "Z");
            mv.visitJumpInsn(IFEQ, loopHead);
        }
        exit(slot);
    }

    private void exit(int code) {
        pushInt(code);
        mv.visitJumpInsn(GOTO, epilogue);
    }

    // ------------------------------------------------------------------ body

    private void emitBody() {
        insnPc = tb.pc();
        insnStart = new Label();
        mv.visitLabel(loopHead);
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
        int size = insnStart.getOffset();
        if (size > limit) {
            throw new BlockTooLargeException(tb.pc(), tb.insnCount(), size);
        }
    }

    private void endInsn() {
        if (insnCanTrap) {
            Label end = new Label();
            mv.visitLabel(end);
            trapRanges.add(new TrapRange(insnStart, end, insnPc, false));
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
                pushLong(-1L);
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
                pushInt(stateSlot(op));
                mv.visitInsn(LALOAD);
                store(op.out(0));
            }
            case ST_STATE -> {
                mv.visitVarInsn(ALOAD, LocalSlots.REGS);
                pushInt(stateSlot(op));
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
                mv.visitLdcInsn(data.constant(hostArray(op), long[].class));
                load(op.in(0));
                mv.visitInsn(L2I);
                mv.visitInsn(LALOAD);
                store(op.out(0));
            }
            case HOST_ST -> {
                mv.visitLdcInsn(data.constant(hostArray(op), long[].class));
                load(op.in(0));
                mv.visitInsn(L2I);
                load(op.in(1));
                mv.visitInsn(LASTORE);
            }
            case SET_MEM_LISTENER -> setMemListener(op);
            case CALL -> call(op);
            case EXIT_TB -> exit(Math.toIntExact(op.constArg()));
            case GOTO_TB -> gotoTb(op);
            case GOTO_PTR -> exit(ExitCodes.LOOKUP);
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
            pushInt((int) (count.value() & 63));
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
        pushLong(mask);
        mv.visitInsn(LAND);
        store(op.out(0));
    }

    private void setcond(Op op) {
        Cond c = op.cond();
        if (c == Cond.ALWAYS || c == Cond.NEVER) {
            pushLong(c == Cond.ALWAYS ? 1 : 0);
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
        mv.visitVarInsn(ALOAD, LocalSlots.MEMORY);
        load(op.in(0));
        if (!m.bigEndian() || m.sizeShift() == 0) {
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, loadMethod(m), "(J)J", false);
        } else {
            // guests here are little-endian; a big-endian access swaps the raw bytes
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, loadMethod(new MemOp(m.sizeShift(), false, false)),
                    "(J)J", false);
            switch (m.sizeShift()) {
                case 1 -> {
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                    pushInt(16);
                    mv.visitInsn(m.signed() ? ISHR : IUSHR);
                    mv.visitInsn(I2L);
                }
                case 2 -> {
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                    mv.visitInsn(I2L);
                    if (!m.signed()) {
                        pushLong(0xffff_ffffL);
                        mv.visitInsn(LAND);
                    }
                }
                default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
            }
        }
        store(op.out(0));
    }

    private void guestStore(Op op) {
        MemOp m = memOp(op);
        insnCanTrap = true;
        mv.visitVarInsn(ALOAD, LocalSlots.MEMORY);
        load(op.in(1));
        load(op.in(0));
        if (m.bigEndian()) {
            switch (m.sizeShift()) {
                case 0 -> { }
                case 1 -> {
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                    pushInt(16);
                    mv.visitInsn(IUSHR);
                    mv.visitInsn(I2L);
                }
                case 2 -> {
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                    mv.visitInsn(I2L);
                }
                default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
            }
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "st" + (8 << m.sizeShift()), "(JJ)V", false);
    }

    private static String loadMethod(MemOp m) {
        return switch (m.sizeShift()) {
            case 0 -> m.signed() ? "ld8s" : "ld8u";
            case 1 -> m.signed() ? "ld16s" : "ld16u";
            case 2 -> m.signed() ? "ld32s" : "ld32u";
            default -> "ld64";
        };
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
        if (locals.isGlobalSlot(slot)) {
            // the cached copy and CpuState would disagree; the IR promises this never happens
            throw new IllegalArgumentException("state access to slot " + slot + " of a global in the block: " + op);
        }
        return slot;
    }

    private static long[] hostArray(Op op) {
        if (op.aux() instanceof long[] a) {
            return a;
        }
        throw new IllegalArgumentException("host access without long[] target: " + op);
    }

    private void setMemListener(Op op) {
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        if (op.aux() == null) {
            mv.visitInsn(ACONST_NULL);
        } else if (op.aux() instanceof MemAccessListener l) {
            mv.visitLdcInsn(data.constant(l, MemAccessListener.class));
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
            writeBackGlobals();
        }
        boolean canTrap = h.has(Helper.MAY_TRAP) || h.has(Helper.TOUCHES_GUEST_MEMORY);
        Label start = null;
        if (canTrap && writes) {
            start = new Label();
            mv.visitLabel(start);
        }
        HelperLinker.emitCall(mv, data, h, () -> {
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
            trapRanges.add(new TrapRange(start, end, insnPc, true));
        } else if (canTrap) {
            insnCanTrap = true;
        }
        if (h.returnsValue()) {
            store(op.out(0));
        }
        if (writes) {
            loadGlobals();
        }
    }

    // ------------------------------------------------------------------ values

    private void load(Temp t) {
        if (t.isConst()) {
            pushLong(t.value());
        } else {
            mv.visitVarInsn(LLOAD, locals.local(t));
        }
    }

    private void store(Temp t) {
        mv.visitVarInsn(LSTORE, locals.local(t));
    }

    private Label asm(dev.tcg4j.ir.Label l) {
        Label a = irLabels[l.id()];
        if (a == null) {
            a = new Label();
            irLabels[l.id()] = a;
        }
        return a;
    }

    private void pushLong(long v) {
        if (v == 0) {
            mv.visitInsn(LCONST_0);
        } else if (v == 1) {
            mv.visitInsn(LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
