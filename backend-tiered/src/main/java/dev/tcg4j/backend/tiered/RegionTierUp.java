package dev.tcg4j.backend.tiered;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import dev.tcg4j.ir.spi.CompiledRegion;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A hot region: its members' entries run the interpreter's region until the bytecode backend has
 * compiled the same members into one method, with the same numbered exits (both backends number
 * them by {@code Backend.compileRegion}'s rule), so the runtime's links stay right across the swap.
 *
 * <p>A region too large for one method is not left interpreted: the longest prefix of its members
 * that fits is compiled as a region, the other members as blocks, and a {@link StitchedRegion} runs
 * them as the region (see there).
 */
final class RegionTierUp extends TierUp {
    private final Backend first;
    private final Backend compiled;
    private final int pcSlot;
    private final TierCompiler compiler;
    private final int blockThreshold;
    private final int chainableExits;
    /** The members' IR until the region is compiled; dropped then. */
    private List<TranslationBlock> members;
    private final long pc;
    final TieredBlock[] entries;

    RegionTierUp(TierCompiler compiler, int threshold, int blockThreshold, Backend first, Backend compiled,
            int pcSlot, List<TranslationBlock> members, CompiledRegion interpreted) {
        super(compiler, threshold);
        this.compiler = compiler;
        this.blockThreshold = blockThreshold;
        this.first = first;
        this.compiled = compiled;
        this.pcSlot = pcSlot;
        this.chainableExits = interpreted.chainableExits();
        this.members = List.copyOf(members);
        this.pc = members.get(0).pc();
        this.entries = new TieredBlock[members.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new TieredBlock(this, interpreted.entries().get(i));
        }
    }

    @Override
    String compile() {
        List<TranslationBlock> blocks = members;
        if (blocks == null) {
            return null;
        }
        members = null;
        try {
            CompiledRegion region = compiled.compileRegion(blocks);
            if (region.chainableExits() != chainableExits) {
                stayInterpreted(compiled.name() + " numbers " + region.chainableExits() + " exits, the interpreter "
                        + chainableExits);
                return null;
            }
            swap(entries, region.entries().toArray(ExecutableBlock[]::new));
            return blocks.size() + " blocks, " + compiled.name();
        } catch (BlockTooLargeException tooLarge) {
            return stitch(blocks);
        }
    }

    /**
     * The longest prefix (shrinking by a quarter, as the runtime does) as a region, the rest as blocks
     * that start on the interpreter and tier up on their own.
     */
    private String stitch(List<TranslationBlock> blocks) {
        ExecutableBlock[] code = new ExecutableBlock[blocks.size()];
        int inRegion = 0;
        for (int n = blocks.size() * 3 / 4; n >= 2 && inRegion == 0; n = n * 3 / 4) {
            try {
                List<ExecutableBlock> prefix = compiled.compileRegion(blocks.subList(0, n)).entries();
                for (int i = 0; i < n; i++) {
                    code[i] = prefix.get(i);
                }
                inRegion = n;
            } catch (BlockTooLargeException tooLarge) {
                // fewer members
            }
        }
        for (int i = inRegion; i < code.length; i++) {
            // interpreted until it is hot on its own: compiling every leftover member would cost the
            // compile thread more than the whole region
            TranslationBlock tb = blocks.get(i);
            code[i] = new BlockTierUp(compiler, blockThreshold, compiled, tb, first.compile(tb)).entry;
        }
        StitchedRegion region = new StitchedRegion(blocks, code, chainableExits, pcSlot);
        List<ExecutableBlock> stitched = new ArrayList<>(code.length);
        for (int i = 0; i < code.length; i++) {
            stitched.add(region.entry(i));
        }
        swap(entries, stitched.toArray(ExecutableBlock[]::new));
        return blocks.size() + " blocks, stitched: a " + compiled.name() + " region of " + inRegion
                + ", the others as blocks";
    }

    @Override
    public String toString() {
        return "tiered region 0x" + Long.toHexString(pc);
    }
}
