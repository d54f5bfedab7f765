package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.cpu.CodeWriteListener;
import dev.tcg4j.ir.cpu.GuestMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translated blocks of one process, shared by its vCPUs: found by pc, and indexed by the guest
 * pages their code covers so that a write to a page drops every block read from it.
 *
 * <p>Bounded as QEMU bounds its code buffer ({@code tb-size}): each block is charged an estimate of
 * the memory it holds (its IR, kept for region compiles, and its code, both growing with its op
 * count), and a block that would take the total past the capacity first drops every block, as
 * QEMU's {@code tb_flush} does when the buffer is full; the program then translates again what it
 * still runs.
 */
public final class TbCache implements CodeWriteListener {
    /**
     * Bytes charged per IR op of a block: its IR (an {@code Op} with its argument arrays, about 100
     * bytes), the first tier's code and a share of the block's fixed objects.
     */
    static final long BYTES_PER_OP = 160;
    /** The capacity unless one is given: {@code -accel tcg,tb-size=256}. */
    public static final long DEFAULT_CAPACITY = 256L << 20;

    /** The {@code -d backend} logger: a flush is what happens to every block. */
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.backend");

    private final long capacity;
    /** Bytes charged for the blocks now cached; guarded by byPage. */
    private long charged;
    /** Flushes for lack of room so far. */
    private volatile int capacityFlushes;

    private final ConcurrentHashMap<Long, CachedBlock> byPc = new ConcurrentHashMap<>();
    /** Page address to the blocks with code on it; guarded by itself. */
    private final Map<Long, List<CachedBlock>> byPage = new HashMap<>();
    /** Held while translating or compiling a region: one vCPU translates at a time. */
    private final Object translationLock = new Object();
    /** Invalidations so far; a block translated across one may hold stale code. Guarded by byPage, read racily. */
    private volatile long generation;
    /**
     * Blocks another process translated from code this one has too (see {@link #inherit}), by pc,
     * each taken over when its pc is first looked up here; guarded by byPage.
     */
    private final Map<Long, CachedBlock> inherited = new HashMap<>();
    /** Pages written since blocks were inherited: an inherited block with code there is stale. Guarded by byPage. */
    private final Set<Long> writtenSinceInherited = new HashSet<>();
    /** Whether {@link #inherited} may hold blocks, so that a miss without any costs no lock. */
    private volatile boolean inheriting;

    /** A cache of {@link #DEFAULT_CAPACITY}. */
    public TbCache() {
        this(DEFAULT_CAPACITY);
    }

    /** A cache that drops every block when those it holds are charged more than {@code capacity} bytes. */
    public TbCache(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** The lock under which blocks are translated and regions compiled. */
    public Object translationLock() {
        return translationLock;
    }

    /** Taken before a translation reads guest code, and handed to {@link #insert(CachedBlock, long)}. */
    public long generation() {
        return generation;
    }

    /** The block at {@code pc}: one cached here, else one {@linkplain #inherit inherited} for it, else null. */
    public CachedBlock get(long pc) {
        CachedBlock b = byPc.get(pc);
        return b != null || !inheriting ? b : takeInherited(pc);
    }

    private CachedBlock takeInherited(long pc) {
        synchronized (byPage) {
            CachedBlock b = byPc.get(pc);
            CachedBlock from = b == null ? inherited.remove(pc) : null;
            if (from == null) {
                return b;
            }
            if (writtenSince(from)) {
                return null;
            }
            long cost = charge(from);
            if (charged + cost > capacity) {
                return null; // translated again when it runs, rather than flushed for
            }
            charged += cost;
            CachedBlock copy = new CachedBlock(from.pc, from.guestSize, from.code, from.ir);
            index(copy);
            byPc.put(copy.pc, copy);
            return copy;
        }
    }

    public int size() {
        return byPc.size();
    }

    /** Adds a block; one already there for the pc is replaced. */
    public void insert(CachedBlock b) {
        insert(b, generation);
    }

    /**
     * Adds a block translated from code read after {@code generationBefore}; if code was invalidated
     * since, the block may hold stale code and is not cached (marked invalid, it runs at most once).
     */
    public void insert(CachedBlock b, long generationBefore) {
        synchronized (byPage) {
            if (generation != generationBefore) {
                b.valid = false;
                return;
            }
            long cost = charge(b);
            if (charged + cost > capacity && !byPc.isEmpty()) {
                // not a code write: the block in hand was read from current code and stays
                LOG.debug("translated code cache full ({} blocks, {} bytes charged): flushed", byPc.size(), charged);
                dropAll();
                capacityFlushes++;
            }
            charged += cost;
            index(b);
            CachedBlock old = byPc.put(b.pc, b);
            if (old != null && old != b) {
                old.valid = false;
                charged -= charge(old);
            }
        }
    }

    private void index(CachedBlock b) {
        long last = b.pc + Math.max(1, b.guestSize) - 1;
        for (long p = GuestMemory.pageFloor(b.pc); p <= GuestMemory.pageFloor(last); p += GuestMemory.PAGE_SIZE) {
            byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(b);
        }
    }

    /** What a block is charged against the capacity. */
    static long charge(CachedBlock b) {
        return BYTES_PER_OP * (1 + b.ir.ops().size());
    }

    /** Times the cache was flushed for lack of room. */
    public int capacityFlushes() {
        return capacityFlushes;
    }

    /**
     * Makes {@code entry} depend on the code of {@code members} too (its hot region holds their
     * code): a write to any of their pages drops it.
     */
    public void dependOn(CachedBlock entry, List<CachedBlock> members) {
        synchronized (byPage) {
            for (CachedBlock m : members) {
                long last = m.pc + Math.max(1, m.guestSize) - 1;
                for (long p = GuestMemory.pageFloor(m.pc); p <= GuestMemory.pageFloor(last); p += GuestMemory.PAGE_SIZE) {
                    List<CachedBlock> onPage = byPage.computeIfAbsent(p, k -> new ArrayList<>());
                    if (!onPage.contains(entry)) {
                        onPage.add(entry);
                    }
                }
            }
        }
    }

    /** Drops every block with code on the page at {@code pageAddress}. */
    @Override
    public void onCodeWrite(long pageAddress) {
        synchronized (byPage) {
            generation++;
            if (inheriting) {
                writtenSinceInherited.add(GuestMemory.pageFloor(pageAddress));
            }
            List<CachedBlock> blocks = byPage.remove(GuestMemory.pageFloor(pageAddress));
            if (blocks == null) {
                return;
            }
            for (CachedBlock b : blocks) {
                b.valid = false;
                if (byPc.remove(b.pc, b)) {
                    charged -= charge(b);
                }
            }
        }
    }

    /** Drops everything. */
    public void invalidateAll() {
        synchronized (byPage) {
            generation++;
            dropAll();
        }
    }

    private void dropAll() {
        for (CachedBlock b : byPc.values()) {
            b.valid = false;
        }
        byPc.clear();
        byPage.clear();
        charged = 0;
        inherited.clear();
        writtenSinceInherited.clear();
        inheriting = false;
    }

    /** The blocks cached now, a snapshot. */
    public List<CachedBlock> blocks() {
        return new ArrayList<>(byPc.values());
    }

    /**
     * Takes over translations another process made of code that is the same in {@code memory}
     * (a fork's parent, or an earlier process of the same program file at the same place): each
     * valid block of {@code blocks} within {@code [from, to)} and not cached here is taken when its pc
     * is first looked up, as an entry of its own sharing the compiled code but not the links, heat
     * or region; so a process pays for the blocks it runs, not for all the other one had. Their
     * pages are marked as code in {@code memory} now, so that a write there before then drops them
     * as if they had been translated here.
     */
    public void inherit(Iterable<CachedBlock> blocks, GuestMemory memory, long from, long to) {
        Set<Long> pages = new HashSet<>();
        synchronized (byPage) {
            for (CachedBlock b : blocks) {
                if (!b.valid || b.pc < from || b.pc + Math.max(1, b.guestSize) > to || byPc.containsKey(b.pc)) {
                    continue;
                }
                if (inherited.putIfAbsent(b.pc, b) == null) {
                    long last = b.pc + Math.max(1, b.guestSize) - 1;
                    for (long p = GuestMemory.pageFloor(b.pc); p <= GuestMemory.pageFloor(last); p += GuestMemory.PAGE_SIZE) {
                        pages.add(p);
                    }
                }
            }
            for (long p : pages) {
                memory.markCode(p, 1);
            }
            inheriting = !inherited.isEmpty();
        }
    }

    /**
     * A fork: {@link #inherit} every block of {@code parent}, those it inherited and has not taken
     * yet included (unless their code was written since).
     */
    public void inheritAll(TbCache parent, GuestMemory memory) {
        List<CachedBlock> blocks = new ArrayList<>();
        synchronized (parent.byPage) {
            blocks.addAll(parent.byPc.values());
            for (CachedBlock b : parent.inherited.values()) {
                if (!parent.writtenSince(b)) {
                    blocks.add(b);
                }
            }
        }
        inherit(blocks, memory, 0, Long.MAX_VALUE);
    }

    /** Whether code of {@code b} lies on a page written since blocks were inherited; under byPage. */
    private boolean writtenSince(CachedBlock b) {
        if (writtenSinceInherited.isEmpty()) {
            return false;
        }
        long last = b.pc + Math.max(1, b.guestSize) - 1;
        for (long p = GuestMemory.pageFloor(b.pc); p <= GuestMemory.pageFloor(last); p += GuestMemory.PAGE_SIZE) {
            if (writtenSinceInherited.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** Blocks {@linkplain #inherit inherited} and not taken yet. */
    public int inheritedPending() {
        synchronized (byPage) {
            return inherited.size();
        }
    }
}
