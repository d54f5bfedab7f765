package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.CompiledRegion;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.List;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles each block, or each hot region of blocks, into a hidden class with ASM; see
 * {@link ExecuteMethod} for the shape of the generated code. Stateless and thread-safe: vCPU threads may compile concurrently.
 *
 * <p>{@link #compile} compiles a block whose bytecode would be too large for HotSpot to JIT as several
 * methods run one after the other ({@link BlockParts}), so that it stays one block to the runtime
 * and to plugins; it throws {@link BytecodeTooLargeException} only when no instruction boundary of
 * such a block can be cut, and the caller then retranslates it with fewer instructions. It throws
 * {@link IllegalArgumentException} for IR it cannot compile (a block that falls off its end, a
 * helper whose method does not exist, ...).
 */
public final class BytecodeBackend implements Backend {
    /** The name this backend goes by, also its key among a component's backends. */
    public static final String NAME = "bytecode";
    /** The {@code -d} item of this backend: logs every generated class at DEBUG. */
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.backend");

    private final int codeLimit;
    private final int regionLimit;

    @Inject
    public BytecodeBackend() {
        this(BytecodeTooLargeException.LIMIT);
    }

    /**
     * A backend refusing blocks over {@code codeLimit} bytes of bytecode, and regions over that or
     * {@link BytecodeTooLargeException#REGION_LIMIT}, whichever is smaller; tests use small limits.
     */
    public BytecodeBackend(int codeLimit) {
        if (codeLimit <= 0 || codeLimit > BytecodeTooLargeException.LIMIT) {
            throw new IllegalArgumentException("code limit " + codeLimit);
        }
        this.codeLimit = codeLimit;
        this.regionLimit = Math.min(codeLimit, BytecodeTooLargeException.REGION_LIMIT);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExecutableBlock compile(TranslationBlock tb) {
        try {
            return compileWhole(tb);
        } catch (BytecodeTooLargeException tooLarge) {
            TranslationBlock[] parts = BlockParts.halve(tb);
            if (parts == null) {
                throw tooLarge;
            }
            LOG.debug("block 0x{}: {} insns, too large for one method: parts of {} and {} insns",
                    Long.toHexString(tb.pc()), tb.insnCount(), parts[0].insnCount(), parts[1].insnCount());
            return new ChainedBlock(compile(parts[0]), compile(parts[1]));
        }
    }

    private ExecutableBlock compileWhole(TranslationBlock tb) {
        BlockCodegen.Generated g = BlockCodegen.block(tb, codeLimit).generate();
        ExecutableBlock block = BlockLoader.define(g.bytes(), g.classData());
        if (LOG.isDebugEnabled()) {
            LOG.debug("block 0x{}: {} insns, {} ops, execute {} bytes of bytecode, class {} bytes, {} constants",
                    Long.toHexString(tb.pc()), tb.insnCount(), tb.ops().size(), g.codeSize(), g.bytes().length,
                    g.classData().size());
        }
        return block;
    }

    @Override
    public boolean compilesRegions() {
        return true;
    }

    /**
     * Compiles a hot region, several blocks that run into each other (a loop spanning blocks), into
     * one method, so that the runtime's dispatch and the loads and stores of the globals happen once
     * per region entry instead of once per block. The method is one hidden class with one instance
     * per member, each entering at its member.
     *
     * <p>The pcs are distinct; each block is what {@link #compile} accepts. A goto_tb whose static
     * target (its aux) is a member's pc, or a goto_ptr whose target is, continues in that member
     * unless {@code cpu.exitRequested} is set. Every exit leaves the pc global naming the next pc and
     * returns: {@link ExitCodes#regionExit} for a goto_tb to a non-member, numbered as
     * {@link Backend#compileRegion} says; {@link ExitCodes#LOOKUP} for a goto_ptr leaving, a goto_tb
     * without a static target, or a jump to a member when a stop was requested; the code of an
     * exit_tb; {@link ExitCodes#TRAP} with the pc of the trapping instruction, whichever member holds it.
     *
     * @throws BytecodeTooLargeException when the whole method passes the region limit; its pc is the entry
     *     pc and its insnCount the members' total: retry with fewer members
     * @throws IllegalArgumentException for an empty list, two members at one pc, IR that
     *     {@link #compile} refuses, or a state access to the slot of a global any member caches
     */
    @Override
    public CompiledRegion compileRegion(List<TranslationBlock> blocks) {
        BlockCodegen.Generated g = BlockCodegen.region(blocks, regionLimit).generate();
        CompiledRegion region = new CompiledRegion(BlockLoader.defineRegion(g.bytes(), g.classData(), blocks.size()),
                g.chainableExits());
        if (LOG.isDebugEnabled()) {
            LOG.debug("region 0x{}: {} blocks, {} insns, execute {} bytes of bytecode, class {} bytes, {} constants",
                    Long.toHexString(blocks.get(0).pc()), blocks.size(),
                    blocks.stream().mapToInt(TranslationBlock::insnCount).sum(), g.codeSize(), g.bytes().length,
                    g.classData().size());
        }
        return region;
    }

    /** The class file {@link #compile} would define for {@code tb}, for inspection and verification. */
    public byte[] classBytes(TranslationBlock tb) {
        return BlockCodegen.block(tb, codeLimit).generate().bytes();
    }

    /** The class file {@link #compileRegion} would define for {@code blocks}. */
    public byte[] regionClassBytes(List<TranslationBlock> blocks) {
        return BlockCodegen.region(blocks, regionLimit).generate().bytes();
    }
}
