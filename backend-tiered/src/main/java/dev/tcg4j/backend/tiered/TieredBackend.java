package dev.tcg4j.backend.tiered;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.backend.bytecode.BytecodeTooLargeException;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import dev.tcg4j.ir.spi.CompiledRegion;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.List;

/**
 * Two tiers: every block first runs on the first backend (the interpreter: microseconds to prepare,
 * no class defined); a block that has run {@code blockThreshold} times, and every hot region as the
 * runtime forms it, is compiled by the second (bytecode) on a background thread, and its entries
 * swap to the compiled code when it is ready. The vCPU never waits for the second tier.
 *
 * <p>Both tiers run the same IR with the same exits (goto_tb slots, a region's numbered exits), so
 * the runtime's chaining holds across a swap, between interpreted and compiled code alike; traps
 * report the faulting instruction's pc on either, and plugin code injected into the IR runs on both.
 * Thread-safe when both backends are.
 */
public final class TieredBackend implements Backend {
    /** The name this backend goes by, also its key among a component's backends. */
    public static final String NAME = "tiered";
    /**
     * Executions on the interpreter after which a block on its own (one in no region) is compiled.
     * Blocks that run in loops usually join a region first (the runtime forms regions at 256
     * executions), whose compile is queued as soon as it is formed. 1024 rather than 4096: on
     * scripts/bench, interleaved, it cost less CPU on int_sieve_hash, coremix, lua and busybox awk
     * (4 to 8%), 4% more on stl, the same on start-up.
     */
    public static final int BLOCK_THRESHOLD = Integer.getInteger("tcg4j.tiered.block-threshold", 1024);
    /**
     * Back edges after which the first tier leaves an in-method loop (see
     * {@link dev.tcg4j.backend.interpreter.InterpreterBackend#slicingLoops}): each slice counts as one
     * execution toward {@link #BLOCK_THRESHOLD}, and a loop entered once (a region holding a whole
     * nest of loops, say) reaches its compiled code within a slice of its swap instead of never.
     * The slice also sets how much interpreting a hot loop's region takes before it is compiled:
     * {@link #REGION_THRESHOLD} slices. 32 rather than 256: on scripts/bench, interleaved, 2 to 9% less
     * wall time on the loop-heavy rows (interp, lz77, stl, coremix, recursion), the same on busybox,
     * lua and python3's start-up, and 20% less on coremix under {@code -plugin insn,inline=on}, whose
     * counting ops the interpreter runs at a third of the speed. 16 was no better.
     */
    public static final int LOOP_SLICE = Integer.getInteger("tcg4j.tiered.loop-slice", 32);
    /**
     * Entries into an interpreted region after which it is compiled; 0: as soon as the runtime forms
     * it. Programs with a large footprint of warm code (Debian's python3.13 compiling its modules,
     * 535M instructions, 2,300 regions formed) spent more CPU in HotSpot compiling the regions' classes
     * than running them: at 0 they took 9.3 s, at 4096 6.6 s (a loop in python, 4.9 s to 3.9 s), while
     * scripts/bench's rows stayed within their noise (interp, lz77, stl, coremix, busybox awk, sed,
     * gzip, lua).
     */
    public static final int REGION_THRESHOLD = Integer.getInteger("tcg4j.tiered.region-threshold", 4096);

    /**
     * IR ops a region may hold. The bytecode backend refuses a region whose method passes
     * {@link BytecodeTooLargeException#REGION_LIMIT} bytes only after generating it, on the compile
     * thread; this estimate (about 10.6 bytes of bytecode per op, measured over the blocks of
     * busybox awk) refuses most such regions up front, when the runtime forms them, so that the
     * runtime shrinks them as it does for the bytecode backend.
     */
    static final int REGION_OP_BUDGET = BytecodeTooLargeException.REGION_LIMIT * 10 / 106;

    private final Backend first;
    private final Backend second;
    private final int pcSlot;
    private final int blockThreshold;
    private final int regionThreshold;
    private final TierCompiler compiler;

    /**
     * A backend starting blocks on {@code first} and compiling hot ones with {@code second}, on the
     * compile thread; {@code pcSlot} is the guest's pc global (a region reads it between pieces).
     */
    public TieredBackend(Backend first, Backend second, int pcSlot) {
        this(first, second, pcSlot, BLOCK_THRESHOLD, REGION_THRESHOLD, TierCompiler.background());
    }

    TieredBackend(Backend first, Backend second, int pcSlot, int blockThreshold, int regionThreshold,
            TierCompiler compiler) {
        if (!first.compilesRegions() || !second.compilesRegions()) {
            throw new IllegalArgumentException("both tiers must compile regions: " + first.name() + ", "
                    + second.name());
        }
        this.first = first;
        this.second = second;
        this.pcSlot = pcSlot;
        this.blockThreshold = Math.max(1, blockThreshold);
        this.regionThreshold = regionThreshold;
        this.compiler = compiler;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExecutableBlock compile(TranslationBlock tb) {
        BlockTierUp unit = new BlockTierUp(compiler, blockThreshold, second, tb, first.compile(tb));
        return unit.entry;
    }

    @Override
    public boolean compilesRegions() {
        return true;
    }

    /**
     * The interpreter's region at once; the bytecode backend's when the compile thread has made it.
     *
     * @throws BlockTooLargeException when the members' ops pass {@link #REGION_OP_BUDGET}: retry with fewer
     */
    @Override
    public CompiledRegion compileRegion(List<TranslationBlock> blocks) {
        int ops = 0;
        int insns = 0;
        for (TranslationBlock tb : blocks) {
            ops += tb.ops().size();
            insns += tb.insnCount();
        }
        if (blocks.size() > 1 && ops > REGION_OP_BUDGET) {
            throw new BlockTooLargeException(blocks.get(0).pc(), insns, "region at 0x"
                    + Long.toHexString(blocks.get(0).pc()) + " of " + ops + " ops, over the budget of " + REGION_OP_BUDGET);
        }
        CompiledRegion interpreted = first.compileRegion(blocks);
        RegionTierUp unit = new RegionTierUp(compiler, regionThreshold, blockThreshold, first, second, pcSlot, blocks, interpreted);
        unit.start();
        return new CompiledRegion(List.of(unit.entries), interpreted.chainableExits());
    }
}
