package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles each block into a hidden class with ASM; see {@link BlockCodegen} for the shape of the
 * generated code. Stateless and thread-safe: vCPU threads may compile concurrently.
 *
 * <p>{@link #compile} throws {@link BlockTooLargeException} when the block's bytecode would be too
 * large for HotSpot to JIT; the caller retranslates it with fewer instructions. It throws
 * {@link IllegalArgumentException} for IR it cannot compile (a block that falls off its end, a
 * helper whose method does not exist, ...).
 */
public final class BytecodeBackend implements Backend {
    /** The {@code -d} item of this backend: logs every generated class at DEBUG. */
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.backend");

    private final int codeLimit;

    @Inject
    public BytecodeBackend() {
        this(BlockTooLargeException.LIMIT);
    }

    /** A backend refusing blocks over {@code codeLimit} bytes of bytecode; tests use small limits. */
    public BytecodeBackend(int codeLimit) {
        if (codeLimit <= 0 || codeLimit > BlockTooLargeException.LIMIT) {
            throw new IllegalArgumentException("code limit " + codeLimit);
        }
        this.codeLimit = codeLimit;
    }

    @Override
    public String name() {
        return "bytecode";
    }

    @Override
    public ExecutableBlock compile(TranslationBlock tb) {
        BlockCodegen.Generated g = new BlockCodegen(tb, codeLimit).generate();
        ExecutableBlock block = BlockLoader.define(g.bytes(), g.classData());
        if (LOG.isDebugEnabled()) {
            LOG.debug("block 0x{}: {} insns, {} ops, execute {} bytes of bytecode, class {} bytes, {} constants",
                    Long.toHexString(tb.pc()), tb.insnCount(), tb.ops().size(), g.codeSize(), g.bytes().length,
                    g.classData().size());
        }
        return block;
    }

    /** The class file {@link #compile} would define for {@code tb}, for inspection and verification. */
    public byte[] classBytes(TranslationBlock tb) {
        return new BlockCodegen(tb, codeLimit).generate().bytes();
    }
}
