package dev.tcg4j.runtime.exec;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.cpu.ResumeAt;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.ir.spi.TranslatorLoop;
import javax.inject.Inject;

/**
 * The execution loop of one vCPU (QEMU's cpu_exec): find the block at the pc, translating it on a
 * miss, run it, and act on how it exits. A goto_tb exit follows the block's chained successor for
 * that slot; the first time, the successor is looked up and linked. Everything else (system calls,
 * traps, interrupts) goes to the {@link GuestEvents}. A {@link ResumeAt} thrown by a plugin callback,
 * in a block or in an event, abandons it and resumes at its pc. The loop ends only by an exception: the
 * process exiting, or a failure.
 *
 * <p>Not thread-safe: one instance per vCPU thread. The {@link TbCache} is shared by the process's
 * vCPUs: translation and region compilation happen under its one translation lock (QEMU's
 * mmap_lock), lookups and chained dispatch take no lock, since a block is published whole through
 * the cache's concurrent map and every link is a hint checked against the pc and the block's
 * volatile {@code valid} flag.
 */
public final class CpuLoop {
    private final Backend backend;
    private final TbCache cache;
    private final TranslatorHooks hooks;
    private final ExecOptions options;
    private final BlockLog log;
    private final GuestEvents events;
    private final TranslatorLoop translator;
    private final int pcSlot;
    private final HotRegions regions;
    /**
     * This vCPU's blocks by pc, direct-mapped (QEMU's tb_jmp_cache): a lookup exit whose one-entry
     * hint missed (a function returning to many callers) is found here before the shared map.
     */
    private final CachedBlock[] jumpCache = new CachedBlock[JUMP_CACHE_SIZE];
    private static final int JUMP_CACHE_SIZE = 4096;
    private long lookups;
    private long translations;

    @Inject
    public CpuLoop(GuestFrontend frontend, Backend backend, TbCache cache, TranslatorHooks hooks, ExecOptions options,
            BlockLog log, GuestEvents events) {
        this.backend = backend;
        this.cache = cache;
        this.hooks = hooks;
        this.options = options;
        this.log = log;
        this.events = events;
        this.translator = new TranslatorLoop(frontend);
        this.pcSlot = frontend.arch().pcSlot();
        this.regions = new HotRegions(backend, cache);
    }

    /** Cache lookups by pc so far: chained exits do not count. */
    public long lookups() {
        return lookups;
    }

    /** Blocks translated so far by this vCPU. */
    public long translations() {
        return translations;
    }

    /** Runs the guest on {@code cpu} until an exception (the process exiting) leaves the loop. */
    public void run(CpuState cpu) {
        long[] regs = cpu.regs;
        boolean chaining = options.chaining();
        boolean trace = log.traceExec();
        boolean useRegions = chaining && !trace && regions.enabled();
        CachedBlock prev = null;
        int slot = -1;
        while (true) {
            long pc = regs[pcSlot];
            CachedBlock b = prev == null ? null : successor(prev, slot);
            if (b == null || !b.valid || b.pc != pc) {
                b = find(cpu, pc);
                if (b != null && prev != null && chaining && prev.valid) {
                    link(prev, slot, b);
                }
            }
            prev = null;
            if (b == null) {
                continue; // fetching the block faulted; the fault was delivered and the pc moved
            }
            if (trace) {
                log.executing(cpu.vcpuIndex, b);
            }
            try {
                int exit;
                ExecutableBlock region = b.region;
                if (region != null) {
                    exit = region.execute(cpu);
                } else {
                    exit = b.code.execute(cpu);
                    if (++b.heat == HotRegions.HOT && useRegions) {
                        synchronized (cache.translationLock()) {
                            regions.compile(b);
                        }
                    }
                }
                if (exit <= ExitCodes.LOOKUP || exit >= ExitCodes.FIRST_REGION_EXIT) {
                    prev = b; // the next turn follows this exit's link
                    slot = exit;
                } else {
                    handleEvent(cpu, b, exit);
                }
            } catch (ResumeAt r) {
                // a plugin set the pc (qemu_plugin_set_pc): the block, or the event, ends here
                regs[pcSlot] = r.pc();
                cpu.memListener = null;
                prev = null;
            }
            if (cpu.exitRequested) {
                cpu.exitRequested = false;
                prev = null;
                events.interrupt(cpu);
            }
        }
    }

    private void handleEvent(CpuState cpu, CachedBlock b, int exit) {
        switch (exit) {
            case ExitCodes.SYSCALL -> events.syscall(cpu);
            case ExitCodes.TRAP -> {
                GuestTrap t = cpu.trap;
                cpu.trap = null;
                // the trap may have left an instruction's mem-helper callbacks published
                cpu.memListener = null;
                events.trap(cpu, t, cpu.trapPc);
            }
            case ExitCodes.INTERRUPT -> events.interrupt(cpu);
            default -> throw new IllegalStateException("block at 0x" + Long.toHexString(b.pc)
                    + " returned unknown exit code " + exit);
        }
    }

    /**
     * The block an exit last led to: the chained successor of a goto_tb slot or of a region's
     * chainable exit, or for a lookup exit (an indirect jump) the block that exit reached last time.
     * A hint only: the caller checks it is valid and starts at the pc.
     */
    private static CachedBlock successor(CachedBlock prev, int slot) {
        return switch (slot) {
            case 0 -> prev.next0;
            case 1 -> prev.next1;
            case ExitCodes.LOOKUP -> prev.lastLookup;
            default -> prev.regionExits[slot - ExitCodes.FIRST_REGION_EXIT];
        };
    }

    private static void link(CachedBlock prev, int slot, CachedBlock b) {
        switch (slot) {
            case 0 -> prev.next0 = b;
            case 1 -> prev.next1 = b;
            case ExitCodes.LOOKUP -> prev.lastLookup = b;
            default -> prev.regionExits[slot - ExitCodes.FIRST_REGION_EXIT] = b;
        }
    }

    private CachedBlock find(CpuState cpu, long pc) {
        lookups++;
        int slot = (int) (pc >>> 1) & (JUMP_CACHE_SIZE - 1);
        CachedBlock b = jumpCache[slot];
        if (b != null && b.pc == pc && b.valid) {
            return b;
        }
        b = cache.get(pc);
        if (b == null) {
            try {
                synchronized (cache.translationLock()) {
                    b = cache.get(pc); // another vCPU may have translated it meanwhile
                    if (b == null) {
                        b = translate(cpu.memory, pc);
                    }
                }
            } catch (GuestTrap fetchFault) {
                events.trap(cpu, fetchFault, pc);
                return null;
            }
        }
        jumpCache[slot] = b;
        return b;
    }

    /**
     * Translates and compiles the block at {@code pc}, under the cache's translation lock. A block
     * the backend finds too large is translated again with half as many instructions, down to one.
     */
    CachedBlock translate(GuestMemory memory, long pc) {
        // marked before reading the code, so that a store racing with translation takes the slow path
        // and counts as an invalidation; the cache then refuses the block (it runs once, uncached)
        memory.markCode(pc, 1);
        long generation = cache.generation();
        int max = options.maxInsns();
        while (true) {
            TranslationBlock tb = translator.translate(memory, pc, 0, max, hooks);
            ExecutableBlock code;
            try {
                code = backend.compile(tb);
            } catch (BlockTooLargeException e) {
                if (tb.insnCount() <= 1) {
                    throw e;
                }
                max = Math.max(1, tb.insnCount() / 2);
                continue;
            }
            translations++;
            int size = tb.guestSize();
            memory.markCode(pc, Math.max(1, size));
            log.translated(tb);
            CachedBlock b = new CachedBlock(pc, size, code, tb);
            cache.insert(b, generation);
            return b;
        }
    }
}
