package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.spi.ExecutableBlock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

    private BlockLoader() {}

    static ExecutableBlock define(byte[] bytes, List<Object> classData) {
        try {
            MethodHandles.Lookup block = classData.isEmpty()
                    ? HOST.defineHiddenClass(bytes, true)
                    : HOST.defineHiddenClassWithClassData(bytes, classData, true);
            return (ExecutableBlock) block.findConstructor(block.lookupClass(), NO_ARGS).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot instantiate generated block", t);
        }
    }
}
