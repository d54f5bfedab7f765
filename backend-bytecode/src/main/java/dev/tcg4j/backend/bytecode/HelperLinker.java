package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.Helper;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Emits the call instruction of a CALL op.
 *
 * <p>The direct forms, {@code invokestatic} for a static helper and {@code invokeinterface} on a
 * receiver loaded as a class-data constant for a bound one, need the owner to be resolvable by name
 * from the generated class's loader (this module's). A helper owned by a class of another loader,
 * such as a plugin loaded from its own jar, is called through a constant {@link MethodHandle}
 * instead ({@code invokeExact}); HotSpot inlines a constant handle just as well.
 */
final class HelperLinker {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final ClassLoader OUR_LOADER = HelperLinker.class.getClassLoader();

    private static final ClassValue<Boolean> RESOLVABLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
            try {
                return Class.forName(c.getName(), false, OUR_LOADER) == c;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    };

    private HelperLinker() {}

    /**
     * Pushes the receiver, if any; then {@code pushArgs} pushes the arguments; then emits the call.
     */
    static void emitCall(MethodVisitor mv, ClassDataPool data, Helper h, Runnable pushArgs) {
        String desc = h.type().toMethodDescriptorString();
        Class<?> owner = h.owner();
        checkMethod(h);
        boolean direct = RESOLVABLE.get(owner);
        if (direct && h.isBound()) {
            mv.visitLdcInsn(data.constant(h.receiver(), owner));
            pushArgs.run();
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, Type.getInternalName(owner), h.method(), desc, true);
        } else if (direct) {
            pushArgs.run();
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(owner), h.method(), desc,
                    owner.isInterface());
        } else {
            mv.visitLdcInsn(data.constant(handle(h), MethodHandle.class));
            pushArgs.run();
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, Type.getInternalName(MethodHandle.class), "invokeExact",
                    desc, false);
        }
    }

    /** Checks at compile time what the generated class would otherwise find missing at run time. */
    private static void checkMethod(Helper h) {
        Method m;
        try {
            m = h.owner().getMethod(h.method(), h.type().parameterArray());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("helper " + h + ": no public method " + h.owner().getName() + "."
                    + h.method() + h.type(), e);
        }
        if (m.getReturnType() != h.type().returnType()) {
            throw new IllegalArgumentException("helper " + h + ": " + m + " does not return " + h.type().returnType());
        }
        if (Modifier.isStatic(m.getModifiers()) == h.isBound()) {
            throw new IllegalArgumentException("helper " + h + ": " + m
                    + (h.isBound() ? " is static, expected an interface method" : " is not static"));
        }
    }

    private static MethodHandle handle(Helper h) {
        try {
            if (h.isBound()) {
                return LOOKUP.findVirtual(h.owner(), h.method(), h.type()).bindTo(h.receiver());
            }
            return LOOKUP.findStatic(h.owner(), h.method(), h.type());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("helper " + h + " is not accessible to the bytecode backend", e);
        }
    }
}
