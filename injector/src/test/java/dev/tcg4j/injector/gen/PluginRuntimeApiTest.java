package dev.tcg4j.injector.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.core.PluginCore;
import dev.tcg4j.ir.IrDump;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.ResumeAt;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.plugin.api.Discontinuity;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Register;
import dev.tcg4j.testing.AllBackends;
import dev.tcg4j.testing.GuestState;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The plugin API beyond instrumentation, on the standard block of {@link Blocks} run by every backend:
 * registers read and written from callbacks that asked for them (so the R and RW flags must make the
 * backend write registers back and reload them), setPc leaving a block, guest memory by virtual
 * address, system call and discontinuity callbacks, late registration, flush, reset and uninstall.
 */
class PluginRuntimeApiTest {
    /** a0-a2 and the pc of the standard block, at the slots Blocks uses. */
    private static final GuestArch ARCH = new GuestArch() {
        @Override
        public String name() {
            return "test64";
        }

        @Override
        public int elfMachine() {
            return 0;
        }

        @Override
        public int stateSlots() {
            return 65;
        }

        @Override
        public List<Temp> globals() {
            return List.of(Blocks.A0, Blocks.A1, Blocks.A2, Blocks.PC);
        }

        @Override
        public int pcSlot() {
            return 64;
        }

        @Override
        public int stackPointerSlot() {
            return 2;
        }

        @Override
        public int syscallNumberSlot() {
            return 17;
        }

        @Override
        public int[] syscallArgSlots() {
            return new int[] {10, 11, 12, 13, 14, 15};
        }

        @Override
        public int syscallReturnSlot() {
            return 10;
        }

        @Override
        public int syscallInsnSize() {
            return 4;
        }

        @Override
        public List<RegisterDescriptor> registers() {
            return List.of(new RegisterDescriptor("a0", 10, 8, "test.cpu"), new RegisterDescriptor("a1", 11, 8, "test.cpu"),
                    new RegisterDescriptor("a2", 12, 8, "test.cpu"), new RegisterDescriptor("pc", 64, 8, "test.cpu"),
                    new RegisterDescriptor("low", 13, 1, "test.csr"));
        }
    };

    private static final GuestInfo.Program PROGRAM = new GuestInfo.Program(0x1000, 0x2000, 0x1008, "/bin/prog");

    private final List<Runnable> flushes = new ArrayList<>();
    private final AtomicInteger flushCount = new AtomicInteger();

    private PluginCore core(TestPlugin... plugins) {
        PluginCore core = new PluginCore(new GuestInfo(ARCH, insn -> "", vaddr -> null, pc -> true, PROGRAM), s -> { });
        for (TestPlugin p : plugins) {
            core.install(p, PluginArgs.empty());
        }
        core.attachTranslationFlush(flushCount::incrementAndGet);
        return core;
    }

    private static CpuState cpu(PluginCore core) {
        CpuState cpu = GuestState.withSlots(65).vcpu(0).reg(11, 0x8000).reg(12, 5)
                .map(0x8000, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE).write64(0x8000, 0x8001)
                .map(0xa000, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.EXEC)
                .newCpu();
        core.vcpuInit(cpu);
        return cpu;
    }

    private static Register reg(PluginContext ctx, String name) {
        return ctx.registers().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsTheArchitecturesRegistersWithTheirFeaturesAndReportsTheProgram() {
        PluginContext[] ctx = new PluginContext[1];
        core(new TestPlugin("info", (c, args) -> ctx[0] = c));
        assertEquals(List.of(new Register(0, "a0", "test.cpu", 8), new Register(1, "a1", "test.cpu", 8),
                new Register(2, "a2", "test.cpu", 8), new Register(3, "pc", "test.cpu", 8),
                new Register(4, "low", "test.csr", 1)), ctx[0].registers());
        assertEquals("test64", ctx[0].targetName());
        assertEquals(6, ctx[0].apiVersion());
        assertFalse(ctx[0].isSystemEmulation());
        assertEquals(0x1000, ctx[0].startCode());
        assertEquals(0x2000, ctx[0].endCode());
        assertEquals(0x1008, ctx[0].entryCode());
        assertEquals("/bin/prog", ctx[0].binaryPath());
    }

    @ParameterizedTest
    @AllBackends
    void aCallbackThatAskedToReadSeesRegistersAsTheInstructionLeftThem(Backend backend) {
        List<String> seen = new ArrayList<>();
        PluginContext[] ctx = new PluginContext[1];
        PluginCore core = core(new TestPlugin("regs", (c, args) -> {
            ctx[0] = c;
            c.onTbTranslate(tb -> {
                for (int i = 0; i < tb.insnCount(); i++) {
                    tb.insn(i).onExec((v, d) -> seen.add(Long.toHexString(c.readRegister(v, reg(c, "pc"))) + ":"
                            + Long.toHexString(c.readRegister(v, reg(c, "a0")))), RegAccess.R_REGS, null);
                }
            });
        }));
        CpuState cpu = cpu(core);
        backend.compile(Blocks.standard(core.newTranslatorHooks()).build()).execute(cpu);
        // the load of 0(a1) put 0x8001 in a0 before the store's callback: a0 lives in a JVM local until written back
        assertEquals(List.of("1000:0", "1004:8001", "1008:8001"), seen);
    }

    @ParameterizedTest
    @AllBackends
    void aMemoryCallbackOnTheMemHelperPathSeesRegistersWrittenBack(Backend backend) {
        List<String> seen = new ArrayList<>();
        PluginCore core = core(new TestPlugin("regs", (c, args) -> c.onTbTranslate(tb ->
                tb.insn(2).onMem((v, info, vaddr, d) -> seen.add((info.isStore() ? "st " : "ld ")
                        + Long.toHexString(c.readRegister(v, reg(c, "a0")))), RegAccess.R_REGS, dev.tcg4j.plugin.api.MemRw.RW,
                        null))));
        CpuState cpu = cpu(core);
        backend.compile(Blocks.standard(core.newTranslatorHooks()).build()).execute(cpu);
        // amoadd's reports come from inside the helper; a0 was loaded by the first instruction
        assertEquals(List.of("ld 8001", "st 8001"), seen);
    }

    @ParameterizedTest
    @AllBackends
    void aReadWriteMemoryCallbackOnTheMemHelperPathKeepsTheHelpersResult(Backend backend) {
        PluginCore core = core(new TestPlugin("rw", (c, args) -> c.onTbTranslate(tb ->
                tb.insn(2).onMem((v, info, vaddr, d) -> { }, RegAccess.RW_REGS_PC, dev.tcg4j.plugin.api.MemRw.RW, null))));
        CpuState cpu = cpu(core);
        backend.compile(Blocks.standard(core.newTranslatorHooks()).build()).execute(cpu);
        assertEquals(0x1234, cpu.regs[10], "amoadd's result lands in a0");
    }

    /** The AMO's callback writes a1 and a0; the next instruction copies a1 to a2. */
    @ParameterizedTest
    @AllBackends
    void aMemoryCallbackOnTheMemHelperPathWritesRegistersTheRestOfTheBlockSees(Backend backend) {
        PluginCore core = core(new TestPlugin("rw", (c, args) -> c.onTbTranslate(tb ->
                tb.insn(1).onMem((v, info, vaddr, d) -> {
                    c.writeRegister(v, reg(c, "a1"), 0x77);
                    c.writeRegister(v, reg(c, "a0"), 0x55);
                }, RegAccess.RW_REGS, dev.tcg4j.plugin.api.MemRw.W, null))));
        var hooks = core.newTranslatorHooks();
        TbBuilder b = new TbBuilder(0x1000, 0, hooks);
        hooks.tbStart(b);
        Blocks.insn(b, hooks, 0x1000, 0x0005b503L, Blocks::ld);
        Blocks.insn(b, hooks, 0x1004, 0x00c5b52fL, tb -> tb.call(Blocks.AMOADD, Blocks.A0, Blocks.A1, Blocks.A2));
        Blocks.insn(b, hooks, 0x1008, 0x00058613L, tb -> {
            tb.mov(Blocks.A2, Blocks.A1);
            tb.movi(Blocks.PC, 0x100c);
            tb.gotoTb(0);
        });
        hooks.tbEnd(b, 3);
        CpuState cpu = cpu(core);
        backend.compile(b.build()).execute(cpu);
        assertEquals(0x77, cpu.regs[12], "the next instruction read the a1 the callback wrote");
        assertEquals(0x1234, cpu.regs[10], "amoadd's result lands in a0 after the callback's write");
    }

    @ParameterizedTest
    @AllBackends
    void aCallbackThatAskedToWriteChangesWhatTheRestOfTheBlockSees(Backend backend) {
        PluginCore core = core(new TestPlugin("regs", (c, args) -> c.onTbTranslate(tb ->
                tb.insn(2).onExec((v, d) -> c.writeRegister(v, reg(c, "a2"), 100), RegAccess.RW_REGS, null))));
        CpuState cpu = cpu(core);
        backend.compile(Blocks.standard(core.newTranslatorHooks()).build()).execute(cpu);
        assertEquals(100, cpu.regs[12]);
    }

    @ParameterizedTest
    @AllBackends
    void registerAccessBeyondWhatTheCallbackAskedForIsAPluginFailure(Backend backend) {
        PluginCore core = core(new TestPlugin("sneaky", (c, args) -> c.onTbTranslate(tb ->
                tb.insn(1).onExec((v, d) -> c.readRegister(v, reg(c, "a0")), RegAccess.NO_REGS, null))));
        CpuState cpu = cpu(core);
        PluginFailure f = assertThrows(PluginFailure.class,
                () -> backend.compile(Blocks.standard(core.newTranslatorHooks()).build()).execute(cpu));
        assertEquals("sneaky", f.pluginName());
        assertInstanceOf(IllegalStateException.class, f.getCause());
        assertTrue(f.getMessage().contains("R_REGS"), f.getMessage());
        assertTrue(f.getMessage().contains("reading register a0"), f.getMessage());
    }

    @ParameterizedTest
    @AllBackends
    void oneCallbackRegisteredTwiceRunsTwice(Backend backend) {
        int[] calls = {0};
        ExecCallback count = (v, d) -> calls[0]++;
        PluginCore core = core(new TestPlugin("twice", (c, args) -> c.onTbTranslate(tb -> {
            tb.insn(1).onExec(count, RegAccess.NO_REGS, null);
            tb.insn(1).onExec(count, RegAccess.NO_REGS, null);
        })));
        CpuState cpu = cpu(core);
        backend.compile(Blocks.standard(core.newTranslatorHooks()).build()).execute(cpu);
        assertEquals(2, calls[0], "as QEMU, each registration is a callback of its own");
    }

    @ParameterizedTest
    @AllBackends
    void setPcLeavesTheBlockAtTheCallbackWithTheRegistersOfThatPoint(Backend backend) {
        PluginCore core = core(new TestPlugin("jump", (c, args) -> c.onTbTranslate(tb ->
                tb.insn(1).onExec((v, d) -> c.setPc(v, 0x4444), RegAccess.RW_REGS_PC, null))));
        CpuState cpu = cpu(core);
        ResumeAt r = assertThrows(ResumeAt.class,
                () -> backend.compile(Blocks.standard(core.newTranslatorHooks()).build()).execute(cpu));
        assertEquals(0x4444, r.pc());
        assertEquals(0x8001, cpu.regs[10], "the load before the callback happened and was written back");
        assertEquals(0x8001, cpu.memory.ld64(0x8000), "the store after it did not happen");
    }

    @Test
    void setPcNeedsRwRegsPc() {
        PluginCore core = core(new TestPlugin("jump", (c, args) -> c.onVcpuExit(v -> c.setPc(v, 1))));
        CpuState cpu = cpu(core);
        assertThrows(ResumeAt.class, () -> core.vcpuExit(cpu), "runtime events may set the pc");
    }

    @Test
    void readsAndWritesGuestMemoryByVirtualAddressEvenReadOnlyCode() {
        byte[][] read = new byte[2][];
        boolean[] results = new boolean[3];
        PluginCore core = core(new TestPlugin("mem", (c, args) -> c.onVcpuExit(v -> {
            read[0] = new byte[2];
            results[0] = c.readMemory(v, 0x8000, read[0]);
            results[1] = c.writeMemory(v, 0xa000, new byte[] {0x13, 0, 0, 0});
            results[2] = c.readMemory(v, 0x20000, new byte[1]);
        })));
        CpuState cpu = cpu(core);
        int before = flushCount.get();
        core.vcpuExit(cpu);
        assertTrue(results[0]);
        assertArrayEquals(new byte[] {0x01, (byte) 0x80}, read[0]);
        assertTrue(results[1]);
        assertEquals(0x13, cpu.memory.ld32u(0xa000));
        assertEquals(before + 1, flushCount.get(), "patching code drops translations");
        assertFalse(results[2], "an unmapped address is refused");
    }

    @Test
    void syscallCallbacksSeeEntryAndReturnAndAFilterSkipsTheCall() {
        List<String> log = new ArrayList<>();
        PluginCore core = core(new TestPlugin("sys", (c, args) -> {
            c.onSyscall((v, nr, a) -> log.add("enter " + nr + " " + a[0] + " pc " + c.readRegister(v, reg(c, "pc"))));
            c.onSyscallFilter((v, nr, a) -> nr == 4096 ? OptionalLong.of(-38) : OptionalLong.empty());
            c.onSyscallReturn((v, nr, ret) -> log.add("return " + nr + " " + ret));
        }));
        CpuState cpu = cpu(core);
        cpu.regs[64] = 0x1234;
        assertTrue(core.wantsSyscalls());
        assertEquals(OptionalLong.of(-38), core.syscallEntry(cpu, 4096, new long[] {7, 0, 0, 0, 0, 0}));
        assertEquals(OptionalLong.empty(), core.syscallEntry(cpu, 64, new long[] {1, 0, 0, 0, 0, 0}));
        core.syscallReturn(cpu, 64, 3);
        assertEquals(List.of("enter 4096 7 pc 4660", "enter 64 1 pc 4660", "return 64 3"), log);
    }

    @Test
    void discontinuityCallbacksSeeOnlyTheKindsTheyAskedFor() {
        List<String> log = new ArrayList<>();
        PluginCore core = core(new TestPlugin("discon", (c, args) -> c.onDiscontinuity(
                Set.of(Discontinuity.EXCEPTION), (v, kind, from, to) -> log.add(kind + " " + from + "->" + to))));
        CpuState cpu = cpu(core);
        assertTrue(core.wantsDiscontinuity(Discontinuity.EXCEPTION));
        assertFalse(core.wantsDiscontinuity(Discontinuity.INTERRUPT));
        core.discontinuity(cpu, Discontinuity.EXCEPTION, 1, 2);
        core.discontinuity(cpu, Discontinuity.INTERRUPT, 3, 4);
        assertEquals(List.of("EXCEPTION 1->2"), log);
    }

    @Test
    void aTranslationCallbackRegisteredFromVcpuInitSeesLaterBlocksAndFlushesEarlierOnes() {
        List<Long> seen = new ArrayList<>();
        List<String> flushed = new ArrayList<>();
        PluginCore core = core(new TestPlugin("late", (c, args) -> {
            c.onFlush(() -> flushed.add("flush"));
            c.onVcpuInit(v -> c.onTbTranslate(tb -> seen.add(tb.vaddr())));
        }));
        var hooks = core.newTranslatorHooks(); // made before the registration, as a vCPU's translator is
        assertFalse(core.wantsTranslation());
        TbBuilder before = Blocks.standard(hooks);
        assertEquals(Blocks.PLAIN, IrDump.dump(before.ops()));
        int flushesBefore = flushCount.get();
        cpu(core);
        assertEquals(flushesBefore + 1, flushCount.get());
        assertEquals(List.of("flush"), flushed);
        Blocks.standard(hooks);
        assertEquals(List.of(0x1000L), seen);
    }

    @ParameterizedTest
    @AllBackends
    void resetSilencesEveryOldCallbackEvenInBlocksAlreadyTranslatedThenRunsItsCompletion(Backend backend) {
        List<String> log = new ArrayList<>();
        PluginContext[] ctx = new PluginContext[1];
        PluginCore core = core(new TestPlugin("resettable", (c, args) -> {
            ctx[0] = c;
            c.onTbTranslate(tb -> tb.onExec((v, d) -> log.add("tb"), RegAccess.NO_REGS, null));
            c.onExit(() -> log.add("exit"));
        }));
        CpuState cpu = cpu(core);
        var code = backend.compile(Blocks.standard(core.newTranslatorHooks()).build());
        code.execute(cpu);
        int flushesBefore = flushCount.get();
        ctx[0].reset(() -> log.add("reset done"));
        assertEquals(flushesBefore + 1, flushCount.get(), "reset drops translated code");
        code.execute(cpu); // a block that still runs after the flush calls nothing
        core.atExit();
        assertEquals(List.of("tb", "reset done"), log);
        assertFalse(core.wantsTranslation());
        ctx[0].onExit(() -> log.add("registered again"));
        ctx[0].uninstall(() -> log.add("uninstalled"));
        assertThrows(IllegalStateException.class, () -> ctx[0].onExit(() -> { }));
        assertEquals(List.of("tb", "reset done", "uninstalled"), log);
    }

    /**
     * The generation check is folded away by the JIT (see Generation): a reset must still reach a
     * block whose compiled code inlined the callback, by deoptimising it.
     */
    @ParameterizedTest
    @AllBackends
    void resetSilencesACallbackInlinedIntoCodeTheJitHasCompiled(Backend backend) {
        long[] calls = {0};
        PluginContext[] ctx = new PluginContext[1];
        PluginCore core = core(new TestPlugin("hot", (c, args) -> {
            ctx[0] = c;
            c.onTbTranslate(tb -> tb.onExec((v, d) -> calls[0]++, RegAccess.NO_REGS, null));
        }));
        CpuState cpu = cpu(core);
        var code = backend.compile(Blocks.standard(core.newTranslatorHooks()).build());
        int hot = 200_000; // past HotSpot's thresholds for C1 and C2
        for (int i = 0; i < hot; i++) {
            code.execute(cpu);
        }
        assertEquals(hot, calls[0]);
        ctx[0].reset(null);
        for (int i = 0; i < 1000; i++) {
            code.execute(cpu);
        }
        assertEquals(hot, calls[0]);
    }
}
