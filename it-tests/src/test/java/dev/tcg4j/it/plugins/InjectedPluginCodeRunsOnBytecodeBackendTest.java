package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.core.PluginCore;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Instrumented blocks built by hand through the injector's hooks, compiled by the bytecode backend
 * and run: what plugins observe at run time (order, vCPU rows, conditions, memory values, the
 * mem-helper path, failures).
 *
 * <p>The block: {@code 0x1000 ld a0,0(a1)}, {@code 0x1004 sd a0,8(a1)}, {@code 0x1008} an AMO-like
 * helper that reports a load and a store, then exit to 0x100c. a1 = 0x10000 holds 41.
 */
public class InjectedPluginCodeRunsOnBytecodeBackendTest {
    // public: the bytecode backend calls fakeAmo from generated code
    private static final int SLOTS = 65;
    private static final Temp A0 = Temp.global("a0", 10);
    private static final Temp A1 = Temp.global("a1", 11);
    private static final Temp PC = Temp.global("pc", 64);
    private static final Helper AMO = Helper.ofStatic("fake_amo", InjectedPluginCodeRunsOnBytecodeBackendTest.class,
            "fakeAmo", MethodType.methodType(void.class, CpuState.class, long.class), Helper.TOUCHES_GUEST_MEMORY);

    record LambdaPlugin(String name, BiConsumer<PluginContext, PluginArgs> body) implements Plugin {
        @Override
        public void install(PluginContext ctx, PluginArgs args) {
            body.accept(ctx, args);
        }
    }

    public static void fakeAmo(CpuState cpu, long addr) {
        long old = cpu.memory.ld64(addr);
        cpu.reportAccess(addr, old, MemOp.UQ.meminfo(false));
        cpu.memory.st64(addr, old + 1);
        cpu.reportAccess(addr, old + 1, MemOp.UQ.meminfo(true));
    }

    private static PluginCore core(Plugin... plugins) {
        PluginCore core = new PluginCore(new GuestInfo(null, i -> "", v -> null, pc -> true), s -> { }, 8);
        for (Plugin p : plugins) {
            core.install(p, PluginArgs.empty());
        }
        return core;
    }

    private static ExecutableBlock compile(PluginCore core) {
        TranslatorHooks hooks = core.newTranslatorHooks();
        TbBuilder b = new TbBuilder(0x1000, 0, hooks);
        hooks.tbStart(b);
        b.insnStart(0x1000);
        hooks.insnStart(b, 0x1000);
        b.recordInsn(0x1000, 4, 0x0005b503L);
        Temp t = b.newTemp();
        b.qemuLd(t, A1, MemOp.UQ);
        b.mov(A0, t);
        hooks.insnEnd(b);
        b.insnStart(0x1004);
        hooks.insnStart(b, 0x1004);
        b.recordInsn(0x1004, 4, 0x00a5b423L);
        Temp addr = b.newTemp();
        b.addi(addr, A1, 8);
        b.qemuSt(A0, addr, MemOp.UQ);
        hooks.insnEnd(b);
        b.insnStart(0x1008);
        hooks.insnStart(b, 0x1008);
        b.recordInsn(0x1008, 4, 0x00c5b52fL);
        b.call(AMO, null, A1);
        b.movi(PC, 0x100c);
        b.exitTb(ExitCodes.LOOKUP);
        hooks.insnEnd(b);
        hooks.tbEnd(b, 3);
        return new BytecodeBackend().compile(b.build());
    }

    private static CpuState cpu(int vcpu, GuestMemory mem) {
        CpuState cpu = new CpuState(SLOTS, vcpu, mem);
        cpu.regs[11] = 0x10000;
        return cpu;
    }

    private static GuestMemory memory() {
        GuestMemory mem = new FlatGuestMemory(32);
        mem.map(0x10000, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
        mem.st64(0x10000, 41);
        return mem;
    }

    @Test
    void callbacksOfTwoPluginsRunInRegistrationOrder() {
        List<String> log = new ArrayList<>();
        PluginCore core = core(
                new LambdaPlugin("alpha", (ctx, a) -> ctx.onTbTranslate(tb -> {
                    tb.onExec((v, d) -> log.add("alpha tb"), RegAccess.NO_REGS, null);
                    tb.insn(1).onExec((v, d) -> log.add("alpha insn1 cpu" + v), RegAccess.R_REGS, null);
                })),
                new LambdaPlugin("beta", (ctx, a) -> ctx.onTbTranslate(tb ->
                        tb.insn(1).onExec((v, d) -> log.add("beta insn1 " + d), RegAccess.RW_REGS, "x"))));
        ExecutableBlock block = compile(core);
        block.execute(cpu(3, memory()));
        assertEquals(List.of("alpha tb", "alpha insn1 cpu3", "beta insn1 x"), log);
    }

    @Test
    void inlineCountersAndConditionalCallbacksUseTheRunningVcpusRow() {
        ScoreboardU64[] e = new ScoreboardU64[2];
        List<Long> fired = new ArrayList<>();
        PluginCore core = core(new LambdaPlugin("count", (ctx, a) -> {
            var sb = ctx.newScoreboard(2);
            e[0] = sb.u64(0);
            e[1] = sb.u64(1);
            ctx.onTbTranslate(tb -> {
                tb.inline(InlineOp.ADD_U64, e[0], 1);
                for (int i = 0; i < tb.insnCount(); i++) {
                    tb.insn(i).inline(InlineOp.ADD_U64, e[1], 1);
                }
                tb.onExecIf((v, d) -> fired.add(e[0].get(v)), RegAccess.NO_REGS, Condition.GT, e[0], 1, null);
            });
        }));
        ExecutableBlock block = compile(core);
        GuestMemory mem = memory();
        CpuState c0 = cpu(0, mem);
        CpuState c5 = cpu(5, mem);
        core.vcpuInit(c0);
        core.vcpuInit(c5);
        block.execute(c0);
        block.execute(c5);
        block.execute(c5);
        assertEquals(1, e[0].get(0));
        assertEquals(2, e[0].get(5));
        assertEquals(9, e[1].sum());
        assertEquals(List.of(2L), fired);
    }

    @Test
    void memoryCallbacksSeeGuestAccessesIncludingThoseOfHelpers() {
        List<String> log = new ArrayList<>();
        ScoreboardU64[] writes = new ScoreboardU64[1];
        PluginCore core = core(new LambdaPlugin("mem", (ctx, a) -> {
            writes[0] = ctx.newScoreboard(1).u64(0);
            ctx.onTbTranslate(tb -> {
                for (int i = 0; i < tb.insnCount(); i++) {
                    tb.insn(i).onMem((v, info, vaddr, d) -> log.add(String.format("%s 0x%x %d",
                            info.isStore() ? "st" : "ld", vaddr, info.value())), RegAccess.NO_REGS, MemRw.RW, null);
                    tb.insn(i).inlineMem(MemRw.W, InlineOp.ADD_U64, writes[0], 1);
                }
            });
        }));
        ExecutableBlock block = compile(core);
        CpuState cpu = cpu(0, memory());
        core.vcpuInit(cpu);
        block.execute(cpu);
        assertEquals(List.of("ld 0x10000 41", "st 0x10008 41", "ld 0x10000 41", "st 0x10000 42"), log);
        assertEquals(2, writes[0].get(0));
        assertNull(cpu.memListener);
    }

    @Test
    void aThrowingCallbackStopsWithPluginFailureNamingThePlugin() {
        PluginCore core = core(new LambdaPlugin("crashy", (ctx, a) -> ctx.onTbTranslate(tb ->
                tb.insn(0).onExec((v, d) -> { throw new IllegalStateException("boom"); }, RegAccess.NO_REGS, null))));
        ExecutableBlock block = compile(core);
        PluginFailure f = assertThrows(PluginFailure.class, () -> block.execute(cpu(0, memory())));
        assertEquals("crashy", f.pluginName());
    }
}
