package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a block that has become hot together with the blocks it reaches through direct jumps,
 * as one unit, so that a guest loop spanning several blocks becomes one JVM loop that C2 optimises
 * with the guest registers in locals (the sketch's "hot regions").
 *
 * <p>Members are gathered breadth-first along the static goto_tb targets, from blocks already in the
 * cache: a block never executed is not worth compiling again. A region the backend finds too large
 * is retried with half the members.
 */
final class HotRegions {
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.exec.region");

    /** Executions after which a block's region is compiled. */
    static final int HOT = 256;
    /** Most blocks in a region; the backend's size limit usually binds first. */
    static final int MAX_MEMBERS = 16;

    private final Backend backend;
    private final TbCache cache;

    HotRegions(Backend backend, TbCache cache) {
        this.backend = backend;
        this.cache = cache;
    }

    boolean enabled() {
        return backend.compilesRegions();
    }

    /** Compiles the region of {@code entry} and installs it; leaves the block as it was if none fits. */
    void compile(CachedBlock entry) {
        List<CachedBlock> members = gather(entry);
        if (members.size() < 2) {
            return; // a lone block, self-loop or not, is already compiled as well as it can be
        }
        while (!members.isEmpty()) {
            List<TranslationBlock> irs = new ArrayList<>();
            for (CachedBlock m : members) {
                irs.add(m.ir);
            }
            try {
                entry.region = backend.compileRegion(irs);
                cache.dependOn(entry, members);
                for (CachedBlock m : members.subList(1, members.size())) {
                    // already compiled into this region: a region of its own would be a copy of the loop
                    m.heat = Integer.MIN_VALUE;
                }
                LOG.debug("region 0x{}: {} blocks", Long.toHexString(entry.pc), members.size());
                return;
            } catch (BlockTooLargeException e) {
                members = members.subList(0, members.size() / 2);
            }
        }
    }

    private List<CachedBlock> gather(CachedBlock entry) {
        List<CachedBlock> members = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Deque<CachedBlock> queue = new ArrayDeque<>();
        queue.add(entry);
        seen.add(entry.pc);
        while (!queue.isEmpty() && members.size() < MAX_MEMBERS) {
            CachedBlock b = queue.poll();
            members.add(b);
            for (Op op : b.ir.ops()) {
                if (op.opcode() == Opcode.GOTO_TB && op.aux() instanceof Long target && seen.add(target)) {
                    CachedBlock next = cache.get(target);
                    if (next != null && next.valid) {
                        queue.add(next);
                    }
                }
            }
        }
        return members;
    }
}
