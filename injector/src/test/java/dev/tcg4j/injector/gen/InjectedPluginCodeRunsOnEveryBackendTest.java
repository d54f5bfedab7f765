package dev.tcg4j.injector.gen;

import static dev.tcg4j.injector.gen.Blocks.core;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.core.PluginCore;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import dev.tcg4j.testing.AllBackends;
import dev.tcg4j.testing.GuestState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * What injected code does when a backend runs it, on every backend: callback order and arguments,
 * scoreboard rows per vCPU, conditions, memory values, the mem-helper path and failures. The
 * standard block of {@link Blocks}, with a1 = 0x8000, a page there whose first word holds 0x8001,
 * and a2 = 5.
 */
class InjectedPluginCodeRunsOnEveryBackendTest {
    private static CpuState cpu(int vcpu) {
        return GuestState.withSlots(65).vcpu(vcpu).reg(11, 0x8000).reg(12, 5)
                .map(0x8000, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE).write64(0x8000, 0x8001)
                .newCpu();
    }

    private static void run(Backend backend, TbBuilder b, CpuState cpu) {
        assertEquals(0, backend.compile(b.build()).execute(cpu), "the block leaves by goto_tb 0");
        assertEquals(0x100c, cpu.regs[64]);
    }

    @ParameterizedTest
    @AllBackends
    void callbacksRunInRegistrationOrderWithTheirVcpuAndUserData(Backend backend) {
        List<String> log = new ArrayList<>();
        TestPlugin alpha = new TestPlugin("alpha", (ctx, args) -> ctx.onTbTranslate(tb -> {
            tb.onExec((v, d) -> log.add("alpha tb " + v + " " + d), RegAccess.NO_REGS, "A");
            for (int i = 0; i < tb.insnCount(); i++) {
                tb.insn(i).onExec((v, d) -> log.add("alpha insn " + d), RegAccess.NO_REGS, tb.insn(i).vaddr());
            }
        }));
        TestPlugin beta = new TestPlugin("beta", (ctx, args) -> ctx.onTbTranslate(tb ->
                tb.insn(0).onExec((v, d) -> log.add("beta insn " + d), RegAccess.R_REGS, "B")));
        run(backend, Blocks.standard(core(alpha, beta).newTranslatorHooks()), cpu(2));
        assertEquals(List.of("alpha tb 2 A", "alpha insn 4096", "beta insn B", "alpha insn 4100", "alpha insn 4104"), log);
    }

    @ParameterizedTest
    @AllBackends
    void inlineOpsUpdateOnlyTheRunningVcpusEntry(Backend backend) {
        Scoreboard[] sb = new Scoreboard[1];
        TestPlugin counter = new TestPlugin("count", (ctx, args) -> {
            sb[0] = ctx.newScoreboard(2);
            ctx.onTbTranslate(tb -> {
                tb.inline(InlineOp.ADD_U64, sb[0].u64(0), 1);
                tb.inline(InlineOp.ADD_U64, sb[0].u64(1), tb.insnCount());
                tb.insn(0).inline(InlineOp.STORE_U64, sb[0].u64(0), 100);
            });
        });
        PluginCore core = core(counter);
        TbBuilder b = Blocks.standard(core.newTranslatorHooks());
        for (int v : new int[] {0, 1, 3}) {
            core.vcpuInit(cpu(v));
        }
        run(backend, b, cpu(1));
        run(backend, b, cpu(3));
        run(backend, b, cpu(3));
        ScoreboardU64 blocks = sb[0].u64(0);
        ScoreboardU64 insns = sb[0].u64(1);
        assertEquals(0, blocks.get(0));
        assertEquals(100, blocks.get(1));
        assertEquals(100, blocks.get(3));
        assertEquals(3, insns.get(1));
        assertEquals(6, insns.get(3));
        assertEquals(9, insns.sum());
    }

    @ParameterizedTest
    @AllBackends
    void conditionalCallbackFiresOnlyWhileTheUnsignedTestHolds(Backend backend) {
        List<Long> fired = new ArrayList<>();
        ScoreboardU64[] count = new ScoreboardU64[1];
        TestPlugin p = new TestPlugin("cond", (ctx, args) -> {
            count[0] = ctx.newScoreboard(1).u64(0);
            ctx.onTbTranslate(tb -> {
                tb.inline(InlineOp.ADD_U64, count[0], 1);
                tb.onExecIf((v, d) -> fired.add(count[0].get(v)), RegAccess.NO_REGS, Condition.GE, count[0], 3, null);
            });
        });
        TbBuilder b = Blocks.standard(core(p).newTranslatorHooks());
        CpuState cpu = cpu(0);
        for (int i = 0; i < 4; i++) {
            run(backend, b, cpu);
        }
        assertEquals(List.of(3L, 4L), fired);
        // the block adds 1 first, making -1, the largest u64: GE 3 holds because the compare is unsigned
        count[0].set(0, -2L);
        run(backend, b, cpu);
        assertEquals(List.of(3L, 4L, -1L), fired);
    }

    @ParameterizedTest
    @AllBackends
    void memoryCallbacksSeeAddressDirectionAndValueOfEachAccessIncludingAHelpers(Backend backend) {
        List<String> log = new ArrayList<>();
        TestPlugin p = new TestPlugin("mem", (ctx, args) -> ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                tb.insn(i).onMem((v, info, vaddr, d) -> log.add(String.format("%s %s 0x%x size %d value 0x%x",
                        d, info.isStore() ? "st" : "ld", vaddr, info.size(), info.value())), RegAccess.NO_REGS,
                        MemRw.RW, "i" + i);
            }
        }));
        TbBuilder b = Blocks.standard(core(p).newTranslatorHooks());
        CpuState cpu = cpu(0);
        run(backend, b, cpu);
        assertEquals(List.of(
                "i0 ld 0x8000 size 8 value 0x8001",
                "i1 st 0x8008 size 8 value 0x8001",
                "i2 ld 0x8000 size 8 value 0x1234",
                "i2 st 0x8000 size 8 value 0x1239"), log);
        assertEquals(0x8001, cpu.memory.ld64(0x8008), "the store happened");
        assertNull(cpu.memListener, "the listener is cleared before leaving the block");
    }

    @ParameterizedTest
    @AllBackends
    void memHelperPathAppliesMemoryInlineOpsFilteredByDirection(Backend backend) {
        ScoreboardU64[] writes = new ScoreboardU64[1];
        TestPlugin p = new TestPlugin("w", (ctx, args) -> {
            writes[0] = ctx.newScoreboard(1).u64(0);
            ctx.onTbTranslate(tb -> tb.insn(2).inlineMem(MemRw.W, InlineOp.ADD_U64, writes[0], 10));
        });
        PluginCore core = core(p);
        TbBuilder b = Blocks.standard(core.newTranslatorHooks());
        CpuState cpu = cpu(1);
        core.vcpuInit(cpu);
        run(backend, b, cpu);
        assertEquals(10, writes[0].get(1));
        assertEquals(10, writes[0].sum());
    }

    /** A load that faults: the trap names its instruction, and the callbacks before it have run. */
    @ParameterizedTest
    @AllBackends
    void aFaultingLoadTrapsAfterTheCallbacksOfItsInstruction(Backend backend) {
        List<String> log = new ArrayList<>();
        TestPlugin p = new TestPlugin("trace", (ctx, args) -> ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                tb.insn(i).onExec((v, d) -> log.add("exec " + d), RegAccess.NO_REGS, i);
                tb.insn(i).onMem((v, info, vaddr, d) -> log.add("mem " + d), RegAccess.NO_REGS, MemRw.RW, i);
            }
        }));
        TbBuilder b = Blocks.standard(core(p).newTranslatorHooks());
        CpuState cpu = cpu(0);
        cpu.regs[11] = 0x20000; // unmapped
        assertEquals(ExitCodes.TRAP, backend.compile(b.build()).execute(cpu));
        assertEquals(0x1000, cpu.trapPc);
        assertEquals(List.of("exec 0"), log);
    }

    @ParameterizedTest
    @AllBackends
    void aThrowingCallbackSurfacesAsPluginFailureNamingThePlugin(Backend backend) {
        IllegalStateException boom = new IllegalStateException("boom");
        TestPlugin p = new TestPlugin("crashy", (ctx, args) -> ctx.onTbTranslate(tb ->
                tb.insn(1).onExec((v, d) -> { throw boom; }, RegAccess.NO_REGS, null)));
        TbBuilder b = Blocks.standard(core(p).newTranslatorHooks());
        PluginFailure f = assertThrows(PluginFailure.class, () -> run(backend, b, cpu(0)));
        assertEquals("crashy", f.pluginName());
        assertSame(boom, f.getCause());
    }

    @Test
    void aThrowingTranslationCallbackSurfacesAsPluginFailure() {
        TestPlugin p = new TestPlugin("bad", (ctx, args) -> ctx.onTbTranslate(tb -> tb.insn(99)));
        PluginFailure f = assertThrows(PluginFailure.class, () -> Blocks.standard(core(p).newTranslatorHooks()));
        assertEquals("bad", f.pluginName());
    }
}
