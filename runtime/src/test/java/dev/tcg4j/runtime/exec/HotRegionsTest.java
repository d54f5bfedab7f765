package dev.tcg4j.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.RiscvFrontend;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.memory.FlatGuestMemory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A guest loop of three blocks, run through the real RISC-V frontend and bytecode backend. */
class HotRegionsTest {
    private static final long CODE = 0x10000;
    private static final long LOOP = CODE + 8;
    private static final long SKIP = CODE + 0x14;
    private static final long ECALL = CODE + 0x1c;
    /**
     * From riscv64-linux-gnu-as: li a0,0; li a1,1000; loop: andi t0,a1,1; beqz t0,skip;
     * addi a0,a0,3; skip: addi a1,a1,-1; bnez a1,loop; ecall. It adds 3 for each odd a1 in 1000..1.
     */
    private static final int[] PROGRAM = {0x00000513, 0x3e800593, 0x0015f293, 0x00028463, 0x00350513, 0xfff58593,
        0xfe0598e3, 0x00000073};

    /** Where {@link #NESTED} starts; its inner loop at {@code NESTED_AT + 0xc}, the outer loop's end at {@code + 0x20}. */
    private static final long NESTED_AT = CODE + 0x100;
    /**
     * From riscv64-linux-gnu-as: li a0,0; li a2,300; outer: li a1,100; inner: andi t0,a1,1;
     * beqz t0,skip; addi a0,a0,3; skip: addi a1,a1,-1; bnez a1,inner; addi a2,a2,-1; bnez a2,outer;
     * ecall. The loop above, 100..1, run 300 times: the inner loop is hot long before the outer one.
     */
    private static final int[] NESTED = {0x00000513, 0x12c00613, 0x06400593, 0x0015f293, 0x00028463, 0x00350513,
        0xfff58593, 0xfe0598e3, 0xfff60613, 0xfe0612e3, 0x00000073};

    private final GuestMemory memory = new FlatGuestMemory(24);
    private final TbCache cache = new TbCache();
    private final RiscvFrontend frontend = new RiscvFrontend();
    private final CpuState cpu = new CpuState(RiscvArch.SLOTS, 0, memory);

    /** Leaves the loop at the ecall. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final GuestEvents stopAtSyscall = new GuestEvents() {
        @Override
        public void syscall(CpuState c) {
            throw new Stop();
        }

        @Override
        public void trap(CpuState c, GuestTrap t, long pc) {
            throw new AssertionError("unexpected trap " + t + " at 0x" + Long.toHexString(pc));
        }

        @Override
        public void interrupt(CpuState c) {}
    };

    HotRegionsTest() {
        memory.map(CODE, 0x1000, GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC);
        for (int i = 0; i < PROGRAM.length; i++) {
            memory.st32(CODE + 4L * i, PROGRAM[i]);
        }
        for (int i = 0; i < NESTED.length; i++) {
            memory.st32(NESTED_AT + 4L * i, NESTED[i]);
        }
        memory.setCodeWriteListener(cache);
    }

    private long run(ExecOptions options) {
        return run(CODE, options);
    }

    private long run(long start, ExecOptions options) {
        cpu.regs[RiscvArch.PC] = start;
        CpuLoop loop = new CpuLoop(frontend, new BytecodeBackend(), cache, TranslatorHooks.NONE, options,
                new BlockLog(frontend.disassembler(), SymbolLookup.NONE, a -> false), stopAtSyscall);
        assertThrows(Stop.class, () -> loop.run(cpu));
        return cpu.regs[RiscvArch.X0 + 10];
    }

    @Test
    void aHotLoopBecomesOneRegionEnteredAtEveryMember() {
        assertEquals(1500, run(ExecOptions.defaults()));
        CachedBlock entry = cache.get(LOOP);
        assertNotNull(entry.region, "the loop head ran more than HOT times");
        CachedBlock skip = cache.get(SKIP);
        assertNotNull(skip.region, "a member enters the region too");
        assertSame(entry.region.getClass(), skip.region.getClass(), "one method for the whole loop");
        assertNotSame(entry.region, skip.region, "each member enters at its own head");
        assertSame(entry.regionExits, skip.regionExits, "the members share the region's exit links");
    }

    @Test
    void theRegionsExitToTheEcallIsChained() {
        run(ExecOptions.defaults());
        run(ExecOptions.defaults()); // the region runs whole this time and leaves by its exit
        CachedBlock entry = cache.get(LOOP);
        // both ends of the loop body, with and without the addi of the odd case, fall through to the ecall
        assertEquals(2, entry.regionExits.length);
        assertTrue(Arrays.asList(entry.regionExits).contains(cache.get(ECALL)), "linked on the way out");
    }

    @Test
    void anOuterLoopChainsToItsInnerLoopsRegionInsteadOfCopyingIt() {
        assertEquals(300 * 50 * 3, run(NESTED_AT, ExecOptions.defaults()));
        CachedBlock inner = cache.get(NESTED_AT + 0xc);
        CachedBlock outerEnd = cache.get(NESTED_AT + 0x20);
        assertNotNull(inner.region, "the inner loop became a region");
        assertNotNull(outerEnd.region, "so did the outer loop, later");
        assertNotSame(inner.region.getClass(), outerEnd.region.getClass(), "two regions");
        CachedBlock skip = cache.get(NESTED_AT + 0x18);
        assertTrue(Arrays.asList(outerEnd.regionExits).contains(skip),
                "the outer region leaves for the inner loop's region, chained, instead of holding its blocks");
    }

    @Test
    void writingAMembersCodeDropsTheRegion() {
        run(ExecOptions.defaults());
        CachedBlock entry = cache.get(LOOP);
        memory.st32(SKIP, 0xffe58593); // addi a1,a1,-2 (still terminates: 1000 is even)
        assertTrue(!entry.valid && cache.get(LOOP) == null, "the region's entry is dropped with the page");
        assertEquals(3 * 0, run(ExecOptions.defaults()), "every a1 the loop sees is even now");
    }

    @Test
    void noRegionsWithoutChaining() {
        assertEquals(1500, run(new ExecOptions(ExecOptions.DEFAULT_MAX_INSNS, false, a -> false)));
        assertNull(cache.get(LOOP).region);
    }
}
