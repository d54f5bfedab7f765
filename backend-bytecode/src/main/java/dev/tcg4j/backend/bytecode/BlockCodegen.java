package dev.tcg4j.backend.bytecode;

import static org.objectweb.asm.Opcodes.*;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Generates the hidden class of one block, or of a region of blocks: a subclass of
 * {@link ExecutableBlock} whose {@code execute(CpuState)} runs the members' ops as bytecode. A
 * region's class has one instance per member, each starting there. {@link ExecuteMethod} describes
 * the method's shape.
 */
final class BlockCodegen {
    private static final String SUPER = Type.getInternalName(ExecutableBlock.class);
    private static final String EXECUTE_DESC = "(" + Type.getDescriptor(CpuState.class) + ")I";
    private static final String PACKAGE = "dev/tcg4j/backend/bytecode/";
    /** A region's {@code int} field: the index of the member an instance starts at. */
    static final String ENTRY_FIELD = "entry";

    /** The bytes of the class and what to hand it as class data. */
    record Generated(String className, byte[] bytes, List<Object> classData, int codeSize, int chainableExits) {}

    private final List<TranslationBlock> members;
    private final boolean region;
    private final int limit;

    /** The class of one block; its goto_tb exits return their slot. */
    static BlockCodegen block(TranslationBlock tb, int limit) {
        return new BlockCodegen(List.of(tb), false, limit);
    }

    /**
     * The class of a region: its constructor takes the index of the member the instance starts at,
     * and its goto_tb exits return region exit codes.
     */
    static BlockCodegen region(List<TranslationBlock> members, int limit) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a region needs at least one block");
        }
        return new BlockCodegen(List.copyOf(members), true, limit);
    }

    private BlockCodegen(List<TranslationBlock> members, boolean region, int limit) {
        this.members = members;
        this.region = region;
        this.limit = limit;
    }

    Generated generate() {
        String name = PACKAGE + (region ? "Region_" : "Block_") + Long.toHexString(members.get(0).pc());
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // frames only ever merge identical reference types here; never load classes for it
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, SUPER, null);
        emitConstructor(cw, name);
        emitToString(cw);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "execute", EXECUTE_DESC, null, null);
        mv.visitCode();
        ClassDataPool data = new ClassDataPool();
        ExecuteMethod method = new ExecuteMethod(mv, members, region, limit, data);
        method.emitEntry();
        method.emitEntryDispatch(name);
        for (int i = 0; i < members.size(); i++) {
            new OpEmitter(method, i, members.get(i)).emitBody();
        }
        method.emitEpilogue();
        method.emitTrapHandling();
        Label end = new Label();
        mv.visitLabel(end);
        int codeSize = end.getOffset();
        method.checkSize(codeSize);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return new Generated(name, cw.toByteArray(), data.values(), codeSize, method.chainableExits());
    }

    private void emitConstructor(ClassWriter cw, String name) {
        if (region) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, ENTRY_FIELD, "I", null, null).visitEnd();
        }
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "<init>", region ? "(I)V" : "()V", null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 0);
        m.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "()V", false);
        if (region) {
            m.visitVarInsn(ALOAD, 0);
            m.visitVarInsn(ILOAD, 1);
            m.visitFieldInsn(PUTFIELD, name, ENTRY_FIELD, "I");
        }
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    private void emitToString(ClassWriter cw) {
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
        m.visitCode();
        TranslationBlock entry = members.get(0);
        int insns = members.stream().mapToInt(TranslationBlock::insnCount).sum();
        m.visitLdcInsn(region
                ? "region@0x" + Long.toHexString(entry.pc()) + "[" + members.size() + " blocks, " + insns + " insns]"
                : "block@0x" + Long.toHexString(entry.pc()) + "[" + insns + " insns]");
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }
}
