package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import dev.tcg4j.ir.spi.CompiledRegion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a block that has become hot together with the hot blocks it leads to, as one unit, so
 * that a guest loop spanning several blocks, calls and returns included, becomes one JVM loop that
 * C2 optimises with the guest registers in locals (the sketch's "hot regions").
 *
 * <p>Members are gathered breadth-first from blocks already in the cache, along the static goto_tb
 * targets and, for a block ending in a goto_ptr, along the target it reached last time (a return
 * site, a jump-table case). A successor that ran only a few times is left out: it would cost code
 * size and C2 time for nothing. So is a successor already in another region: the regions chain to
 * each other instead of each holding a copy of it. Copies made programs with much hot code compile
 * the same guest code again and again (on scripts/bench, CPU time of busybox awk, lua and stl fell
 * by a quarter to a third without them, peak RSS by up to a fifth), at the cost of a region exit where a
 * copy ran on (the interp row, a bytecode interpreter's dispatch loop: about a tenth more CPU). The
 * region can be entered at every member: each member runs it from then on, so a loop entered in its
 * middle runs as region code too. A region the backend finds too large is retried with fewer members.
 *
 * <p>Runs under the cache's translation lock, so that two vCPUs never install regions over the
 * same member.
 */
final class HotRegions {
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.exec.region");

    /** Executions after which a block's region is compiled. */
    static final int HOT = 256;
    /** Executions a successor needs to join a region. */
    static final int WARM = HOT / 8;
    /** Most blocks in a region; the backend's size limit usually binds first. */
    static final int MAX_MEMBERS = 24;

    private final Backend backend;
    private final TbCache cache;

    HotRegions(Backend backend, TbCache cache) {
        this.backend = backend;
        this.cache = cache;
    }

    boolean enabled() {
        return backend.compilesRegions();
    }

    /** Compiles the region of {@code entry} and installs it; leaves the blocks as they were if none fits. */
    void compile(CachedBlock entry) {
        List<CachedBlock> members = gather(entry);
        while (members.size() >= 2) {
            List<TranslationBlock> irs = new ArrayList<>();
            for (CachedBlock m : members) {
                irs.add(m.ir);
            }
            CompiledRegion region;
            try {
                region = backend.compileRegion(irs);
            } catch (BlockTooLargeException e) {
                members = members.subList(0, members.size() * 3 / 4);
                continue;
            }
            install(members, region);
            LOG.debug("region 0x{}: {} blocks", Long.toHexString(entry.pc), members.size());
            return;
        }
        // a lone block, self-loop or not, is already compiled as well as it can be
    }

    private void install(List<CachedBlock> members, CompiledRegion region) {
        CachedBlock[] exits = new CachedBlock[region.chainableExits()];
        List<CachedBlock> entering = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            CachedBlock m = members.get(i);
            if (m.region == null) {
                m.regionExits = exits; // before the volatile region: whoever sees the region sees them
                m.region = region.entries().get(i);
                entering.add(m);
            }
        }
        for (CachedBlock m : entering) {
            cache.dependOn(m, members);
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
                if (op.opcode() == Opcode.GOTO_TB && op.aux() instanceof Long target) {
                    consider(cache.get(target), seen, queue);
                } else if (op.opcode() == Opcode.GOTO_PTR) {
                    consider(b.lastLookup, seen, queue);
                }
            }
        }
        return members;
    }

    private static void consider(CachedBlock next, Set<Long> seen, Deque<CachedBlock> queue) {
        if (next != null && next.valid && next.region == null && next.heat >= WARM && seen.add(next.pc)) {
            queue.add(next);
        }
    }
}
