package dev.tcg4j.backend.bytecode;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The objects a generated block refers to (helper receivers, scoreboard arrays, listeners, method
 * handles), handed to the hidden class as its class data and loaded with {@code ldc} of a dynamic
 * constant bootstrapped by {@link MethodHandles#classDataAt}.
 *
 * <p>A resolved {@code ldc} is a true constant to C2, unlike a field load: this is what lets HotSpot
 * inline a plugin callback through its receiver and fold a scoreboard's array address.
 */
final class ClassDataPool {
    private static final Handle CLASS_DATA_AT = new Handle(Opcodes.H_INVOKESTATIC,
            Type.getInternalName(MethodHandles.class), "classDataAt",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);

    private final List<Object> values = new ArrayList<>();
    private final Map<Object, Integer> indexes = new IdentityHashMap<>();

    /** The dynamic constant that loads {@code value} typed as {@code type}. */
    ConstantDynamic constant(Object value, Class<?> type) {
        if (value == null) {
            throw new IllegalArgumentException("class data constants are never null");
        }
        int index = indexes.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
        // classDataAt insists on the name "_"; the index argument tells the constants apart
        return new ConstantDynamic("_", Type.getDescriptor(type), CLASS_DATA_AT, index);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    List<Object> values() {
        return List.copyOf(values);
    }
}
