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
import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What injected code does when run (by {@link MiniInterpreter}, standing in for a backend): callback
 * order and arguments, scoreboard rows per vCPU, conditions, memory values, the mem-helper path and
 * failures. Registers: a1 = 0x8000, a2 = 5.
 */
class InjectedCodeBehaviourTest {
    private static CpuState cpu(int vcpu) {
        CpuState cpu = new CpuState(65, vcpu, null);
        cpu.regs[11] = 0x8000;
        cpu.regs[12] = 5;
        return cpu;
    }

    private static MiniInterpreter run(TbBuilder b, CpuState cpu) {
        MiniInterpreter m = new MiniInterpreter();
        m.run(b.ops(), cpu);
        return m;
    }

    @Test
    void callbacksRunInRegistrationOrderWithTheirVcpuAndUserData() {
        List<String> log = new ArrayList<>();
        TestPlugin alpha = new TestPlugin("alpha", (ctx, args) -> ctx.onTbTranslate(tb -> {
            tb.onExec((v, d) -> log.add("alpha tb " + v + " " + d), RegAccess.NO_REGS, "A");
            for (int i = 0; i < tb.insnCount(); i++) {
                tb.insn(i).onExec((v, d) -> log.add("alpha insn " + d), RegAccess.NO_REGS, tb.insn(i).vaddr());
            }
        }));
        TestPlugin beta = new TestPlugin("beta", (ctx, args) -> ctx.onTbTranslate(tb ->
                tb.insn(0).onExec((v, d) -> log.add("beta insn " + d), RegAccess.R_REGS, "B")));
        TbBuilder b = Blocks.standard(core(alpha, beta).newTranslatorHooks());
        run(b, cpu(2));
        assertEquals(List.of("alpha tb 2 A", "alpha insn 4096", "beta insn B", "alpha insn 4100", "alpha insn 4104"), log);
    }

    @Test
    void inlineOpsUpdateOnlyTheRunningVcpusEntry() {
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
        run(b, cpu(1));
        run(b, cpu(3));
        run(b, cpu(3));
        ScoreboardU64 blocks = sb[0].u64(0);
        ScoreboardU64 insns = sb[0].u64(1);
        assertEquals(0, blocks.get(0));
        assertEquals(100, blocks.get(1));
        assertEquals(100, blocks.get(3));
        assertEquals(3, insns.get(1));
        assertEquals(6, insns.get(3));
        assertEquals(9, insns.sum());
    }

    @Test
    void conditionalCallbackFiresOnlyWhileTheUnsignedTestHolds() {
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
            run(b, cpu);
        }
        assertEquals(List.of(3L, 4L), fired);
        // the block adds 1 first, making -1, the largest u64: GE 3 holds because the compare is unsigned
        count[0].set(0, -2L);
        run(b, cpu);
        assertEquals(List.of(3L, 4L, -1L), fired);
    }

    @Test
    void memoryCallbacksSeeAddressDirectionAndValueOfEachAccess() {
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
        run(b, cpu);
        assertEquals(List.of(
                "i0 ld 0x8000 size 8 value 0x8001",
                "i1 st 0x8008 size 8 value 0x8001",
                "i2 ld 0x8000 size 8 value 0x1234",
                "i2 st 0x8000 size 8 value 0x1239"), log);
        assertNull(cpu.memListener, "the listener is cleared before leaving the block");
    }

    @Test
    void memHelperPathAppliesMemoryInlineOpsFilteredByDirection() {
        ScoreboardU64[] writes = new ScoreboardU64[1];
        TestPlugin p = new TestPlugin("w", (ctx, args) -> {
            writes[0] = ctx.newScoreboard(1).u64(0);
            ctx.onTbTranslate(tb -> tb.insn(2).inlineMem(MemRw.W, InlineOp.ADD_U64, writes[0], 10));
        });
        PluginCore core = core(p);
        TbBuilder b = Blocks.standard(core.newTranslatorHooks());
        CpuState cpu = cpu(1);
        core.vcpuInit(cpu);
        run(b, cpu);
        assertEquals(10, writes[0].get(1));
        assertEquals(10, writes[0].sum());
    }

    @Test
    void aThrowingCallbackSurfacesAsPluginFailureNamingThePlugin() {
        IllegalStateException boom = new IllegalStateException("boom");
        TestPlugin p = new TestPlugin("crashy", (ctx, args) -> ctx.onTbTranslate(tb ->
                tb.insn(1).onExec((v, d) -> { throw boom; }, RegAccess.NO_REGS, null)));
        TbBuilder b = Blocks.standard(core(p).newTranslatorHooks());
        PluginFailure f = assertThrows(PluginFailure.class, () -> run(b, cpu(0)));
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
