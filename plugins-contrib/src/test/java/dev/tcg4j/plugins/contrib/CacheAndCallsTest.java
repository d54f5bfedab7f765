package dev.tcg4j.plugins.contrib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugins.contrib.CachePlugin.Cache;
import dev.tcg4j.plugins.contrib.CachePlugin.Policy;
import dev.tcg4j.plugins.contrib.CallTracker.Exit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cache model's policies, cache.c's number format, and the call tracker's reading of RISC-V jumps. */
class CacheAndCallsTest {
    private static final long A = 0x0000;
    private static final long B = 0x1000;
    private static final long C = 0x2000;

    /** One set of two 64-byte blocks: A, B, A, C, B. */
    private static long misses(Policy policy) {
        Cache cache = new Cache(64, 2, 128, policy, new SplittableRandom(1));
        for (long addr : new long[] {A, B, A + 8, C, B + 63}) {
            cache.access(addr);
        }
        assertEquals(5, cache.accesses);
        return cache.misses;
    }

    @Test
    void lruEvictsTheBlockUsedLongestAgo() {
        // A miss, B miss, A hit, C evicts B (least recently used), B miss
        assertEquals(4, misses(Policy.LRU));
    }

    @Test
    void fifoEvictsTheBlockFilledFirstWhateverItsHits() {
        // A miss, B miss, A hit, C evicts A (first in), B hit
        assertEquals(3, misses(Policy.FIFO));
    }

    @Test
    void addressesInDifferentSetsDoNotEvictEachOther() {
        Cache cache = new Cache(64, 1, 128, Policy.LRU, new SplittableRandom(1));
        cache.access(0x00);
        cache.access(0x40);
        cache.access(0x00);
        cache.access(0x40);
        assertEquals(2, cache.misses);
    }

    @Test
    void missRatesArePrintedAsCachePrintsThem() {
        // figures from qemu-riscv64 -plugin libcache.so on examples/hello
        assertEquals("   3.6938", CachePlugin.percent(263, 7120, 9));
        assertEquals("   1.2731", CachePlugin.percent(307, 24114, 9));
        assertEquals("    0.0000", CachePlugin.percent(0, 0, 10));
    }

    @Test
    void geometriesCacheCannotBuildAreRefused() {
        assertNull(CachePlugin.configError(64, 8, 16384));
        assertNotNull(CachePlugin.configError(64, 8, 1000));
        assertNotNull(CachePlugin.configError(48, 1, 96));
        assertNotNull(CachePlugin.configError(64, 1, 192));
        assertThrows(PluginArgumentException.class,
                () -> FakeEmulator.install(new CachePlugin(), "dcachesize=1000"));
        assertThrows(PluginArgumentException.class, () -> FakeEmulator.install(new CachePlugin(), "evict=mru"));
    }

    private static byte[] le(int word, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (word >>> (8 * i));
        }
        return b;
    }

    @Test
    void callsAndReturnsFollowTheLinkRegisterConvention() {
        assertEquals(Exit.CALL, CallTracker.classify(le(0x000000ef, 4)), "jal ra,.");
        assertEquals(Exit.CALL, CallTracker.classify(le(0x000780e7, 4)), "jalr ra,0(a5)");
        assertEquals(Exit.CALL, CallTracker.classify(le(0x9782, 2)), "c.jalr a5");
        assertEquals(Exit.RETURN, CallTracker.classify(le(0x00008067, 4)), "ret");
        assertEquals(Exit.RETURN, CallTracker.classify(le(0x8082, 2)), "c.jr ra");
        assertEquals(Exit.OTHER, CallTracker.classify(le(0x0000006f, 4)), "j .");
        assertEquals(Exit.OTHER, CallTracker.classify(le(0x8782, 2)), "c.jr a5");
        assertEquals(Exit.OTHER, CallTracker.classify(le(0x00a50533, 4)), "add a0,a0,a0");
    }
}
