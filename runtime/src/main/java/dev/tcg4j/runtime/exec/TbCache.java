package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.cpu.CodeWriteListener;
import dev.tcg4j.ir.cpu.GuestMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public CachedBlock get(long pc) {
        return byPc.get(pc);
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
            long last = b.pc + Math.max(1, b.guestSize) - 1;
            for (long p = GuestMemory.pageFloor(b.pc); p <= GuestMemory.pageFloor(last); p += GuestMemory.PAGE_SIZE) {
                byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(b);
            }
            CachedBlock old = byPc.put(b.pc, b);
            if (old != null && old != b) {
                old.valid = false;
                charged -= charge(old);
            }
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
    }

    /** The blocks cached now, a snapshot. */
    public List<CachedBlock> blocks() {
        return new ArrayList<>(byPc.values());
    }

    /**
     * Takes over translations another process made of code that is the same in {@code memory}
     * (a fork's parent, or an earlier process of the same program file at the same place): each
     * block of {@code blocks} within {@code [from, to)} gets an entry of its own here, sharing its
     * compiled code but not its links, heat or region, and its pages are marked as code in
     * {@code memory}, so that a write there drops it as if it had been translated here. Returns how
     * many were taken.
     */
    public int adopt(Iterable<CachedBlock> blocks, GuestMemory memory, long from, long to) {
        int taken = 0;
        synchronized (byPage) {
            for (CachedBlock b : blocks) {
                if (!b.valid || b.pc < from || b.pc + Math.max(1, b.guestSize) > to || byPc.containsKey(b.pc)) {
                    continue;
                }
                long cost = charge(b);
                if (charged + cost > capacity) {
                    break; // the rest is translated again when it runs, rather than flushed for
                }
                charged += cost;
                CachedBlock copy = new CachedBlock(b.pc, b.guestSize, b.code, b.ir);
                memory.markCode(b.pc, Math.max(1, b.guestSize));
                long last = b.pc + Math.max(1, b.guestSize) - 1;
                for (long p = GuestMemory.pageFloor(b.pc); p <= GuestMemory.pageFloor(last); p += GuestMemory.PAGE_SIZE) {
                    byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(copy);
                }
                byPc.put(b.pc, copy);
                taken++;
            }
        }
        return taken;
    }
}
