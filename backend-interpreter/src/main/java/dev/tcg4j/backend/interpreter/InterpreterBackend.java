package dev.tcg4j.backend.interpreter;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.CompiledRegion;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs blocks by interpreting their IR: each block is pre-decoded once into a compact instruction
 * array (see {@link Instructions}) with every value resolved to an index in one frame, and then
 * interpreted. Preparing a block costs microseconds and defines no class, which makes this the
 * backend to start with; the bytecode backend compiles to faster code, later.
 *
 * <p>Its semantics are the bytecode backend's, op for op: globals cached in the frame and written
 * back at exits, around helpers that read or write them, and on traps (but after a helper that
 * wrote them); a trap reports the pc of its guest instruction; a goto_tb to the block's own pc
 * loops inside until a stop is requested. Stateless and thread-safe.
 *
 * <p>{@link #compile} throws {@link IllegalArgumentException} for IR it cannot run (a block that
 * falls off its end, a helper whose method does not exist, ...); it never refuses a block as too
 * large.
 */
public final class InterpreterBackend implements Backend {
    /** The name this backend goes by, also its key among a component's backends. */
    public static final String NAME = "interpreter";
    /** The {@code -d} item shared by the backends: logs every prepared block at DEBUG. */
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.backend");

    private final boolean regions;
    /** Back edges after which a run leaves an in-method loop; {@link Long#MAX_VALUE}: never. */
    private final long loopSlice;

    @Inject
    public InterpreterBackend() {
        this(true);
    }

    /** A backend that compiles hot regions when {@code regions} is true, or declines them. */
    public InterpreterBackend(boolean regions) {
        this(regions, Long.MAX_VALUE);
    }

    private InterpreterBackend(boolean regions, long loopSlice) {
        this.regions = regions;
        this.loopSlice = loopSlice;
    }

    /**
     * This backend, except that a run leaves an in-method loop (a block jumping to its own start, a
     * region's jump to a member) after {@code backEdges} back edges, with the exit it takes when a
     * stop is requested, and the runtime enters again at once. For a tier above: its entry then
     * counts a long loop's iterations as executions, and a loop entered once reaches compiled code
     * swapped in meanwhile within a slice (on-stack replacement at block boundaries). The guest sees
     * no difference.
     *
     * @throws IllegalArgumentException unless {@code backEdges} is positive
     */
    public InterpreterBackend slicingLoops(int backEdges) {
        if (backEdges <= 0) {
            throw new IllegalArgumentException("a loop slice is at least one back edge: " + backEdges);
        }
        return new InterpreterBackend(regions, backEdges);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExecutableBlock compile(TranslationBlock tb) {
        Program p = Predecoder.block(tb);
        if (LOG.isDebugEnabled()) {
            LOG.debug("block 0x{}: {} insns, {} ops, {} ints of code, frame of {} slots", Long.toHexString(tb.pc()),
                    tb.insnCount(), tb.ops().size(), p.code.length, p.frameSize);
        }
        return new InterpretedBlock(p, 0, loopSlice);
    }

    @Override
    public boolean compilesRegions() {
        return regions;
    }

    /**
     * Pre-decodes the members into one program, with the contract of {@link Backend#compileRegion}:
     * one entry per member; a goto_tb to a member's pc, or a goto_ptr reaching one, continues there
     * unless {@code cpu.exitRequested} is set; the goto_tbs leaving the region are its numbered
     * chainable exits.
     *
     * @throws IllegalArgumentException for an empty list, two members at one pc, or IR that
     *     {@link #compile} refuses
     */
    @Override
    public CompiledRegion compileRegion(List<TranslationBlock> blocks) {
        if (!regions) {
            throw new UnsupportedOperationException(NAME + " backend made without regions");
        }
        Program p = Predecoder.region(blocks);
        List<ExecutableBlock> entries = new ArrayList<>(blocks.size());
        for (int entry : p.entries) {
            entries.add(new InterpretedBlock(p, entry, loopSlice));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("region 0x{}: {} blocks, {} ints of code, frame of {} slots",
                    Long.toHexString(blocks.get(0).pc()), blocks.size(), p.code.length, p.frameSize);
        }
        return new CompiledRegion(entries, p.chainableExits);
    }
}
