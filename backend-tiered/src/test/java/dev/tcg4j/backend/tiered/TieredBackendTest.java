package dev.tcg4j.backend.tiered;

import static dev.tcg4j.backend.tiered.Rv.A0;
import static dev.tcg4j.backend.tiered.Rv.A1;
import static dev.tcg4j.backend.tiered.Rv.A2;
import static dev.tcg4j.backend.tiered.Rv.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import dev.tcg4j.ir.spi.CompiledRegion;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The tiered backend over real RISC-V blocks, its compile thread replaced by a queue the test runs
 * when it chooses, so that every swap happens at a known point. Expected values follow from the ISA.
 */
class TieredBackendTest {
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private boolean queueFull;

    private TieredBackend tiered(Backend second, int blockThreshold, int regionThreshold) {
        return tiered(new InterpreterBackend(), second, blockThreshold, regionThreshold);
    }

    private TieredBackend tiered(Backend first, Backend second, int blockThreshold, int regionThreshold) {
        TierCompiler compiler = TierCompiler.on(unit -> {
            if (queueFull) {
                throw new RejectedExecutionException("full");
            }
            queued.add(unit);
        });
        return new TieredBackend(first, second, RiscvArch.PC, blockThreshold, regionThreshold, compiler);
    }

    /** What the compile thread would do next, done now. */
    private void compileQueued() {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }

    private static String tierOf(ExecutableBlock entry) {
        String name = ((TieredBlock) entry).current().getClass().getName();
        return name.startsWith("dev.tcg4j.backend.bytecode.") ? "bytecode"
                : name.startsWith("dev.tcg4j.backend.interpreter.") ? "interpreter" : name;
    }

    /**
     * A loop over two blocks: A at CODE counts a0 up and leaves to CODE+8 when it reaches a1, else
     * goes to B at CODE+12, which adds 2 to a2 and goes back to A.
     */
    private static Rv twoBlockLoop() {
        return new Rv()
                .addi(A0, A0, 1) // CODE+0
                .bne(A0, A1, 8) // CODE+4: to B
                .ecall() // CODE+8: the loop's exit
                .addi(A2, A2, 2) // CODE+12: B
                .bne(A0, A1, -16) // CODE+16: to A
                .ecall(); // CODE+20
    }

    @Test
    void aBlockRunsOnTheInterpreterUntilItsThresholdThenOnBytecode() {
        Guest g = new Guest(new Rv().addi(A0, A0, 1).ecall());
        ExecutableBlock block = tiered(new BytecodeBackend(), 3, 0).compile(g.blockAtPc());

        for (int run = 1; run <= 3; run++) {
            g.cpu.regs[RiscvArch.PC] = Guest.CODE;
            assertEquals(ExitCodes.SYSCALL, block.execute(g.cpu));
            assertEquals(run, g.x(A0));
            assertEquals(run < 3 ? 0 : 1, queued.size(), "queued at the third execution");
            assertEquals("interpreter", tierOf(block), "the vCPU does not wait for the compile");
        }
        compileQueued();

        assertEquals("bytecode", tierOf(block));
        g.cpu.regs[RiscvArch.PC] = Guest.CODE;
        assertEquals(ExitCodes.SYSCALL, block.execute(g.cpu));
        assertEquals(4, g.x(A0));
        assertEquals(Guest.CODE + 4, g.cpu.regs[RiscvArch.PC], "the pc of the ecall");
    }

    @Test
    void aHotRegionIsQueuedWhenFormedAndSwapsToBytecodeWithTheSameExits() {
        Guest g = new Guest(twoBlockLoop());
        CompiledRegion region = tiered(new BytecodeBackend(), 1000, 0)
                .compileRegion(List.of(g.blockAt(Guest.CODE), g.blockAt(Guest.CODE + 12)));
        assertEquals(2, region.chainableExits(), "A's exit to CODE+8 and B's to CODE+20");
        assertEquals(1, queued.size());

        g.reset(5);
        assertEquals(ExitCodes.regionExit(0), region.entries().get(0).execute(g.cpu));
        assertEquals(List.of(5L, 8L, Guest.CODE + 8), List.of(g.x(A0), g.x(A2), g.cpu.regs[RiscvArch.PC]));
        assertEquals("interpreter", tierOf(region.entries().get(0)));

        compileQueued();

        assertEquals("bytecode", tierOf(region.entries().get(0)));
        assertEquals("bytecode", tierOf(region.entries().get(1)));
        g.reset(5);
        assertEquals(ExitCodes.regionExit(0), region.entries().get(0).execute(g.cpu));
        assertEquals(List.of(5L, 8L, Guest.CODE + 8), List.of(g.x(A0), g.x(A2), g.cpu.regs[RiscvArch.PC]));
        g.reset(5);
        g.cpu.regs[RiscvArch.PC] = Guest.CODE + 12;
        assertEquals(ExitCodes.regionExit(0), region.entries().get(1).execute(g.cpu), "entered at B");
        assertEquals(List.of(5L, 10L, Guest.CODE + 8), List.of(g.x(A0), g.x(A2), g.cpu.regs[RiscvArch.PC]));
    }

    @Test
    void aLoopInOneBlockCountsItsIterationsInSlicesTowardItsThreshold() {
        // CODE: addi a0,a0,1; bne a0,a1,CODE (the block jumps to its own start, or goes on to CODE+8)
        Guest g = new Guest(new Rv().addi(A0, A0, 1).bne(A0, A1, -4).ecall());
        ExecutableBlock block = tiered(new InterpreterBackend().slicingLoops(10), new BytecodeBackend(), 3, 0)
                .compile(g.blockAtPc());
        g.reset(1000);

        int backEdgeSlot = -1;
        for (int slice = 1; slice <= 3; slice++) {
            int exit = block.execute(g.cpu);
            assertTrue(exit == 0 || exit == 1, "left by the back edge's goto_tb slot: " + exit);
            backEdgeSlot = exit;
            assertEquals(Guest.CODE, g.cpu.regs[RiscvArch.PC]);
            assertEquals(slice * 10L, g.x(A0), "ten iterations a slice");
            assertEquals(slice < 3 ? 0 : 1, queued.size(), "queued at the third slice");
        }
        compileQueued();

        assertEquals("bytecode", tierOf(block));
        assertEquals(1 - backEdgeSlot, block.execute(g.cpu), "compiled code loops to the end, leaving by the other slot");
        assertEquals(1000, g.x(A0));
        assertEquals(Guest.CODE + 8, g.cpu.regs[RiscvArch.PC]);
    }

    @Test
    void aLoopEnteredOnceReachesTheBytecodeSwappedInMeanwhile() {
        Guest g = new Guest(twoBlockLoop());
        CompiledRegion region = tiered(new InterpreterBackend().slicingLoops(10), new BytecodeBackend(), 1000, 0)
                .compileRegion(List.of(g.blockAt(Guest.CODE), g.blockAt(Guest.CODE + 12)));
        g.reset(1000);

        assertEquals(ExitCodes.LOOKUP, region.entries().get(0).execute(g.cpu), "a slice ends as a stop does");
        long pc = g.cpu.regs[RiscvArch.PC];
        assertTrue(pc == Guest.CODE || pc == Guest.CODE + 12, "at a member: 0x" + Long.toHexString(pc));
        compileQueued();

        ExecutableBlock again = region.entries().get(pc == Guest.CODE ? 0 : 1);
        assertEquals("bytecode", tierOf(again));
        assertEquals(ExitCodes.regionExit(0), again.execute(g.cpu));
        assertEquals(List.of(1000L, 2L * 999, Guest.CODE + 8), List.of(g.x(A0), g.x(A2), g.cpu.regs[RiscvArch.PC]));
    }

    @Test
    void aRegionTooLargeForOneMethodRunsStitchedWithTheRegionsContract() {
        Guest g = new Guest(twoBlockLoop());
        // a bytecode backend that refuses any region of these blocks, and the blocks themselves
        CompiledRegion region = tiered(new BytecodeBackend(16), 1000, 0)
                .compileRegion(List.of(g.blockAt(Guest.CODE), g.blockAt(Guest.CODE + 12)));
        g.reset(5);
        g.cpu.exitRequested = true;
        int interpretedExit = region.entries().get(0).execute(g.cpu);
        List<Long> interpretedState = List.of(g.x(A0), g.x(A2), g.cpu.regs[RiscvArch.PC]);

        compileQueued();

        ExecutableBlock entry = region.entries().get(0);
        assertTrue(((TieredBlock) entry).current().getClass().getName().contains("StitchedRegion"), tierOf(entry));
        g.reset(5);
        assertEquals(ExitCodes.regionExit(0), entry.execute(g.cpu));
        assertEquals(List.of(5L, 8L, Guest.CODE + 8), List.of(g.x(A0), g.x(A2), g.cpu.regs[RiscvArch.PC]));
        // a stop request leaves at the next member, as the interpreted region did
        g.reset(5);
        g.cpu.exitRequested = true;
        assertEquals(ExitCodes.LOOKUP, interpretedExit);
        assertEquals(interpretedExit, entry.execute(g.cpu));
        assertEquals(List.of(1L, 0L, Guest.CODE + 12), interpretedState);
        assertEquals(interpretedState, List.of(g.x(A0), g.x(A2), g.cpu.regs[RiscvArch.PC]));
    }

    @Test
    void aTrapReportsTheFaultingInstructionsPcOnEitherTier() {
        // addi a0,zero,7; ld a1,8(zero): page 0 is not mapped
        Guest g = new Guest(new Rv().addi(A0, ZERO, 7).ld(A1, ZERO, 8).ecall());
        ExecutableBlock block = tiered(new BytecodeBackend(), 1, 0).compile(g.blockAtPc());

        for (String tier : List.of("interpreter", "bytecode")) {
            assertEquals(tier, tierOf(block));
            g.reset(0);
            assertEquals(ExitCodes.TRAP, block.execute(g.cpu), tier);
            assertEquals(Guest.CODE + 4, g.cpu.trapPc, tier);
            assertEquals(8, g.cpu.trap.address(), tier);
            assertEquals(7, g.x(A0), tier + ": the instruction before the fault ran");
            compileQueued();
        }
    }

    @Test
    void aUnitTheQueueTurnsAwayAsksAgainAfterAsManyExecutions() {
        Guest g = new Guest(new Rv().addi(A0, A0, 1).ecall());
        ExecutableBlock block = tiered(new BytecodeBackend(), 2, 0).compile(g.blockAtPc());
        queueFull = true;
        block.execute(g.cpu);
        block.execute(g.cpu);
        queueFull = false;

        block.execute(g.cpu);
        assertTrue(queued.isEmpty(), "counting again from zero");
        block.execute(g.cpu);
        assertEquals(1, queued.size());
        assertEquals(4, g.x(A0));
    }

    @Test
    void aBlockTheBytecodeBackendRefusesStaysInterpretedAndStopsAsking() {
        Guest g = new Guest(new Rv().addi(A0, A0, 1).addi(A0, A0, 1).ecall());
        ExecutableBlock block = tiered(new BytecodeBackend(16), 1, 0).compile(g.blockAtPc());
        block.execute(g.cpu);
        compileQueued();

        assertEquals("interpreter", tierOf(block));
        for (int i = 0; i < 100; i++) {
            block.execute(g.cpu);
        }
        assertTrue(queued.isEmpty());
        assertEquals(202, g.x(A0));
    }

    @Test
    void aRegionOverTheOpBudgetIsRefusedForTheRuntimeToShrink() {
        Rv code = new Rv();
        for (int i = 0; i < TieredBackend.REGION_OP_BUDGET; i++) {
            code.addi(A0, A0, 1);
        }
        Guest g = new Guest(code.ecall().ecall());
        TranslationBlock big = g.blockAt(Guest.CODE);
        TranslationBlock next = g.blockAt(Guest.CODE + 4L * TieredBackend.REGION_OP_BUDGET + 4);

        BlockTooLargeException e = assertThrows(BlockTooLargeException.class,
                () -> tiered(new BytecodeBackend(), 1000, 0).compileRegion(List.of(big, next)));
        assertEquals(Guest.CODE, e.pc());
        assertTrue(queued.isEmpty());
    }

    @Test
    void bothTiersMustCompileRegions() {
        assertThrows(IllegalArgumentException.class, () -> new TieredBackend(new InterpreterBackend(false),
                new BytecodeBackend(), RiscvArch.PC));
        assertInstanceOf(TieredBackend.class, new TieredBackend(new InterpreterBackend(), new BytecodeBackend(),
                RiscvArch.PC));
        assertFalse(queued.size() > 0);
    }
}
