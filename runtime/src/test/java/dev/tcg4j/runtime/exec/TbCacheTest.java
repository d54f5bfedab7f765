package dev.tcg4j.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.testing.ScriptedGuest;
import org.junit.jupiter.api.Test;

/** The cache's bound: a block that would take the charged total past the capacity flushes first. */
class TbCacheTest {
    static final long A = 0x10000;
    static final long B = 0x10100;
    static final long C = 0x11000;

    private final GuestMemory memory = new FlatGuestMemory(24);
    private final ScriptedGuest guest = new ScriptedGuest();

    TbCacheTest() {
        memory.map(A, 0x2000, GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC);
        ScriptedGuest.writeBlock(memory, A, 2);
        ScriptedGuest.writeBlock(memory, B, 3);
        ScriptedGuest.writeBlock(memory, C, 1);
        for (long pc : new long[] {A, B, C}) {
            guest.script(pc, c -> ExitCodes.LOOKUP);
        }
    }

    private CachedBlock translate(TbCache cache, long pc) {
        GuestEvents none = new GuestEvents() {
            @Override
            public void syscall(CpuState c) {}

            @Override
            public void trap(CpuState c, GuestTrap t, long at) {}

            @Override
            public void interrupt(CpuState c) {}
        };
        return new CpuLoop(guest.frontend(), guest.backend(), cache, TranslatorHooks.NONE, ExecOptions.defaults(),
                new BlockLog(guest.frontend().disassembler(), SymbolLookup.NONE, a -> true), none)
                .translate(memory, pc);
    }

    @Test
    void aBlockThatWouldPassTheCapacityFlushesEveryBlockAndIsCachedItself() {
        TbCache measuring = new TbCache();
        long twoBlocks = TbCache.charge(translate(measuring, A)) + TbCache.charge(translate(measuring, B));
        TbCache cache = new TbCache(twoBlocks);
        memory.setCodeWriteListener(cache);

        CachedBlock a = translate(cache, A);
        CachedBlock b = translate(cache, B);
        assertEquals(0, cache.capacityFlushes(), "two blocks fit exactly");
        CachedBlock c = translate(cache, C);

        assertEquals(1, cache.capacityFlushes());
        assertFalse(a.isValid());
        assertFalse(b.isValid());
        assertNull(cache.get(A));
        assertNull(cache.get(B));
        assertTrue(c.isValid());
        assertSame(c, cache.get(C));
        assertEquals(1, cache.size());
    }

    @Test
    void blocksDroppedByACodeWriteGiveTheirRoomBack() {
        TbCache measuring = new TbCache();
        long twoBlocks = TbCache.charge(translate(measuring, A)) + TbCache.charge(translate(measuring, B));
        TbCache cache = new TbCache(twoBlocks);
        memory.setCodeWriteListener(cache);
        translate(cache, A);
        translate(cache, B);

        memory.st32(A, 0x13); // the same word, stored: A and B share the page, both are dropped
        CachedBlock a = translate(cache, A);
        CachedBlock b = translate(cache, B);

        assertEquals(0, cache.capacityFlushes());
        assertTrue(a.isValid() && b.isValid());
        assertEquals(2, cache.size());
    }

    @Test
    void aForkTakesItsParentsBlocksWhenItFirstRunsThemUnlessItWroteTheirCodeBefore() {
        TbCache parent = new TbCache();
        memory.setCodeWriteListener(parent);
        CachedBlock a = translate(parent, A);
        CachedBlock c = translate(parent, C);
        GuestMemory childMemory = new FlatGuestMemory(24);
        try {
            childMemory.copyPages(memory, A, 0x2000);
            TbCache child = new TbCache();
            childMemory.setCodeWriteListener(child);
            child.inheritAll(parent, childMemory);
            assertEquals(0, child.size(), "nothing is taken before it runs");
            assertEquals(2, child.inheritedPending());

            childMemory.st8(C + 0x10, 1); // the child writes the page of C's code
            CachedBlock childA = child.get(A);
            assertSame(a.code, childA.code, "A's compiled code is shared");
            assertTrue(childA != a, "with an entry of the child's own");
            assertNull(child.get(C), "C's code was written in the child: translated again");
            assertTrue(c.isValid(), "the parent's C is untouched");

            childMemory.st8(A + 0x10, 1);
            assertFalse(childA.isValid(), "a taken block is dropped as one translated here");
            assertTrue(a.isValid());
        } finally {
            childMemory.close();
        }
    }
}
