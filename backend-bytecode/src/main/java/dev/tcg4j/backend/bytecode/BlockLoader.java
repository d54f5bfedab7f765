package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.spi.ExecutableBlock;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Defines generated blocks as hidden classes in this package and instantiates them.
 *
 * <p>Hidden classes are not strongly bound to their loader: once the TB cache drops a block, its
 * class can be unloaded, which matters for programs that generate or modify code.
 */
final class BlockLoader {
    private static final MethodHandles.Lookup HOST = MethodHandles.lookup();
    private static final MethodType NO_ARGS = MethodType.methodType(void.class);
    private static final MethodType ENTRY_ARG = MethodType.methodType(void.class, int.class);

    private BlockLoader() {}

    static ExecutableBlock define(byte[] bytes, List<Object> classData) {
        try {
            MethodHandles.Lookup block = lookup(bytes, classData);
            return (ExecutableBlock) block.findConstructor(block.lookupClass(), NO_ARGS).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot instantiate generated block", t);
        }
    }

    /** Defines a region's class and makes its {@code members} instances, one per entry member. */
    static List<ExecutableBlock> defineRegion(byte[] bytes, List<Object> classData, int members) {
        try {
            MethodHandles.Lookup region = lookup(bytes, classData);
            MethodHandle constructor = region.findConstructor(region.lookupClass(), ENTRY_ARG);
            List<ExecutableBlock> entries = new ArrayList<>(members);
            for (int i = 0; i < members; i++) {
                entries.add((ExecutableBlock) constructor.invoke(i));
            }
            return List.copyOf(entries);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot instantiate generated region", t);
        }
    }

    private static MethodHandles.Lookup lookup(byte[] bytes, List<Object> classData) throws IllegalAccessException {
        return classData.isEmpty()
                ? HOST.defineHiddenClass(bytes, true)
                : HOST.defineHiddenClassWithClassData(bytes, classData, true);
    }
}
