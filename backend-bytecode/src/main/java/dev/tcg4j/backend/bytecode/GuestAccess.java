package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Constants.pushInt;
import static dev.tcg4j.backend.bytecode.Constants.pushLong;
import static org.objectweb.asm.Opcodes.*;

import dev.tcg4j.ir.MemOp;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.memory.TranslatedAccess;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The {@link TranslatedAccess} calls of QEMU_LD and QEMU_ST, on the memory window the method keeps in
 * locals. Guests here are little-endian, as guest memory is; a big-endian access swaps the raw bytes
 * around the call.
 */
final class GuestAccess {
    private static final String ACCESS = Type.getInternalName(TranslatedAccess.class);
    private static final String WINDOW = "(" + Type.getDescriptor(FlatGuestMemory.class) + "JJJ";
    private static final String LOAD = WINDOW + "J)J";
    private static final String STORE = WINDOW + "JJ)V";

    private GuestAccess() {}

    /** Pushes what every access takes first: memory, page table, page count, host base. */
    static void pushWindow(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, LocalSlots.MEMORY);
        mv.visitVarInsn(LLOAD, LocalSlots.PAGES);
        mv.visitVarInsn(LLOAD, LocalSlots.PAGE_COUNT);
        mv.visitVarInsn(LLOAD, LocalSlots.HOST_BASE);
    }

    /** Stack: window, address (long) -> value (long). */
    static void load(MethodVisitor mv, MemOp m) {
        if (!m.bigEndian() || m.sizeShift() == 0) {
            mv.visitMethodInsn(INVOKESTATIC, ACCESS, loadMethod(m), LOAD, false);
            return;
        }
        mv.visitMethodInsn(INVOKESTATIC, ACCESS, loadMethod(new MemOp(m.sizeShift(), false, false)), LOAD, false);
        switch (m.sizeShift()) {
            case 1 -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                pushInt(mv, 16);
                mv.visitInsn(m.signed() ? ISHR : IUSHR);
                mv.visitInsn(I2L);
            }
            case 2 -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                mv.visitInsn(I2L);
                if (!m.signed()) {
                    pushLong(mv, 0xffff_ffffL);
                    mv.visitInsn(LAND);
                }
            }
            default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
        }
    }

    /** Stack: window, address (long), value (long) -> empty. */
    static void store(MethodVisitor mv, MemOp m) {
        if (m.bigEndian()) {
            switch (m.sizeShift()) {
                case 0 -> { }
                case 1 -> {
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                    pushInt(mv, 16);
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
        mv.visitMethodInsn(INVOKESTATIC, ACCESS, "st" + (8 << m.sizeShift()), STORE, false);
    }

    private static String loadMethod(MemOp m) {
        return switch (m.sizeShift()) {
            case 0 -> m.signed() ? "ld8s" : "ld8u";
            case 1 -> m.signed() ? "ld16s" : "ld16u";
            case 2 -> m.signed() ? "ld32s" : "ld32u";
            default -> "ld64";
        };
    }
}
