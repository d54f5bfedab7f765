package dev.tcg4j.injector.gen;

import static dev.tcg4j.injector.gen.Blocks.assertWellFormed;
import static dev.tcg4j.injector.gen.Blocks.core;
import static dev.tcg4j.injector.gen.Blocks.standard;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.injector.core.PluginCore;
import dev.tcg4j.ir.IrDump;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.MemCallback;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.TbView;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Golden op-list dumps of the inject pass: the standard block of {@link Blocks} instrumented in each
 * way the seed describes. Injected temps are numbered from 4 (the block itself uses 0 to 3).
 */
class InjectPassGoldenTest {
    private static final ExecCallback EXEC = (vcpu, data) -> { };
    private static final MemCallback MEM = (vcpu, info, vaddr, data) -> { };

    private static TestPlugin onTranslate(String name, Consumer<TbView> body) {
        return new TestPlugin(name, (ctx, args) -> ctx.onTbTranslate(body::accept));
    }

    private static String inject(TestPlugin... plugins) {
        PluginCore core = core(plugins);
        TbBuilder b = standard(core.newTranslatorHooks());
        assertWellFormed(b);
        return IrDump.dump(b.ops());
    }

    @Test
    void marksEveryInstrumentationPointWhileTranslating() {
        StringBuilder seen = new StringBuilder();
        PluginCore core = core();
        TbBuilder[] block = new TbBuilder[1];
        core.install(new TestPlugin("spy", (ctx, args) -> ctx.onTbTranslate(tb -> seen.append(IrDump.dump(block[0].ops())))),
                dev.tcg4j.plugin.api.PluginArgs.empty());
        var hooks = core.newTranslatorHooks();
        block[0] = new TbBuilder(0x1000, 0, hooks);
        // drive the standard block by hand to reach the builder from the callback
        hooks.tbStart(block[0]);
        Blocks.insn(block[0], hooks, 0x1000, 0, Blocks::ld);
        Blocks.insn(block[0], hooks, 0x1004, 0, Blocks::sd);
        Blocks.insn(block[0], hooks, 0x1008, 0, Blocks::amoaddAndExit);
        hooks.tbEnd(block[0], 3);
        assertEquals(Blocks.MARKED, seen.toString());
        assertEquals(Blocks.PLAIN, IrDump.dump(block[0].ops()));
    }

    @Test
    void removesEveryMarkerWhenPluginsAskForNothing() {
        assertEquals(Blocks.PLAIN, inject(onTranslate("idle", tb -> { })));
    }

    @Test
    void callsBlockCallbackBeforeTheFirstInstruction() {
        assertEquals("""
                 ld_vcpu_index tmp4
                 call plugin_alpha_exec tmp4
                ---- 0000000000001000
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                ---- 0000000000001008
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, inject(onTranslate("alpha", tb -> tb.onExec(EXEC, RegAccess.NO_REGS, null))));
    }

    @Test
    void callsInstructionCallbackAfterItsInsnStart() {
        assertEquals("""
                ---- 0000000000001000
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 ld_vcpu_index tmp4
                 call plugin_alpha_exec tmp4
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                ---- 0000000000001008
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, inject(onTranslate("alpha", tb -> tb.insn(1).onExec(EXEC, RegAccess.NO_REGS, null))));
    }

    @Test
    void callsReadMemoryCallbacksAfterLoadsOnlyAndPublishesThemForTheMemHelper() {
        assertEquals("""
                ---- 0000000000001000
                 qemu_ld tmp0, a1, u64
                 ld_vcpu_index tmp4
                 call plugin_alpha_mem tmp4, $0x3, a1, tmp0
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                ---- 0000000000001008
                 set_mem_listener mem_cbs@0x1008[1]
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 set_mem_listener null
                 goto_tb $0
                 set_mem_listener null
                """, inject(onTranslate("alpha", tb -> {
                    for (int i = 0; i < tb.insnCount(); i++) {
                        tb.insn(i).onMem(MEM, RegAccess.NO_REGS, MemRw.R, null);
                    }
                })));
    }

    @Test
    void callsWriteMemoryCallbacksAfterStoresOnly() {
        assertEquals("""
                ---- 0000000000001000
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                 ld_vcpu_index tmp4
                 call plugin_alpha_mem tmp4, $0x43, tmp1, a0
                ---- 0000000000001008
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, inject(onTranslate("alpha", tb -> {
                    tb.insn(0).onMem(MEM, RegAccess.NO_REGS, MemRw.W, null);
                    tb.insn(1).onMem(MEM, RegAccess.NO_REGS, MemRw.W, null);
                })));
    }

    @Test
    void publishesOnlyForAnInstructionThatCallsAMemoryHelperAndHasMemoryRequests() {
        assertEquals("""
                ---- 0000000000001000
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                ---- 0000000000001008
                 set_mem_listener mem_cbs@0x1008[2]
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 set_mem_listener null
                 goto_tb $0
                 set_mem_listener null
                """, inject(onTranslate("alpha", tb -> {
                    tb.insn(2).onMem(MEM, RegAccess.NO_REGS, MemRw.RW, null);
                    tb.insn(2).onMem(MEM, RegAccess.NO_REGS, MemRw.W, null);
                })));
    }

    @Test
    void runsCallbacksOfSeveralPluginsInRegistrationOrderSharingOneVcpuLoad() {
        TestPlugin alpha = new TestPlugin("alpha", (ctx, args) -> {
            Scoreboard sb = ctx.newScoreboard(1);
            ctx.onTbTranslate(tb -> {
                tb.insn(0).onExec(EXEC, RegAccess.NO_REGS, null);
                tb.insn(0).inline(InlineOp.ADD_U64, sb.u64(0), 1);
            });
        });
        TestPlugin beta = onTranslate("beta", tb -> {
            tb.insn(0).onExec(EXEC, RegAccess.R_REGS, null);
            tb.insn(0).onExec(EXEC, RegAccess.RW_REGS, null);
        });
        assertEquals("""
                ---- 0000000000001000
                 ld_vcpu_index tmp4
                 call plugin_alpha_exec tmp4
                 host_ld tmp6, $0x0, scoreboard[1]
                 add tmp6, tmp6, $0x1
                 host_st $0x0, tmp6, scoreboard[1]
                 call plugin_beta_exec tmp4
                 call plugin_beta_exec tmp4
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                ---- 0000000000001008
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, inject(alpha, beta));
    }

    @Test
    void inlineOpsUpdateTheRunningVcpusOwnRowOfTheScoreboardWithoutItsIndex() {
        TestPlugin alpha = new TestPlugin("alpha", (ctx, args) -> {
            Scoreboard sb = ctx.newScoreboard(2);
            ctx.onTbTranslate(tb -> {
                tb.inline(InlineOp.ADD_U64, sb.u64(0), 5);
                tb.inline(InlineOp.STORE_U64, sb.u64(1), 7);
            });
        });
        assertEquals("""
                 host_ld tmp5, $0x0, scoreboard[2]
                 add tmp5, tmp5, $0x5
                 host_st $0x0, tmp5, scoreboard[2]
                 host_st $0x1, $0x7, scoreboard[2]
                ---- 0000000000001000
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                ---- 0000000000001008
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, inject(alpha));
    }

    @Test
    void memoryInlineOpsFollowTheAccessesTheyMatch() {
        TestPlugin alpha = new TestPlugin("alpha", (ctx, args) -> {
            Scoreboard sb = ctx.newScoreboard(1);
            ctx.onTbTranslate(tb -> {
                tb.insn(0).inlineMem(MemRw.W, InlineOp.ADD_U64, sb.u64(0), 1);
                tb.insn(1).inlineMem(MemRw.RW, InlineOp.ADD_U64, sb.u64(0), 1);
            });
        });
        assertEquals("""
                ---- 0000000000001000
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                 host_ld tmp5, $0x0, scoreboard[1]
                 add tmp5, tmp5, $0x1
                 host_st $0x0, tmp5, scoreboard[1]
                ---- 0000000000001008
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, inject(alpha));
    }

    @Test
    void conditionalCallbackBranchesOverTheCallWhenTheUnsignedTestFails() {
        TestPlugin alpha = new TestPlugin("alpha", (ctx, args) -> {
            Scoreboard sb = ctx.newScoreboard(1);
            ctx.onTbTranslate(tb -> {
                tb.insn(0).onExecIf(EXEC, RegAccess.NO_REGS, Condition.GE, sb.u64(0), 10, null);
                tb.insn(0).onExec(EXEC, RegAccess.NO_REGS, null);
                // NEVER registers nothing; ALWAYS is a plain callback
                tb.insn(1).onExecIf(EXEC, RegAccess.NO_REGS, Condition.NEVER, sb.u64(0), 0, null);
                tb.insn(2).onExecIf(EXEC, RegAccess.NO_REGS, Condition.ALWAYS, sb.u64(0), 0, null);
            });
        });
        assertEquals("""
                ---- 0000000000001000
                 ld_vcpu_index loc4
                 host_ld tmp5, $0x0, scoreboard[1]
                 brcond tmp5, $0xa, ltu, $L0
                 call plugin_alpha_exec loc4
                 set_label $L0
                 call plugin_alpha_exec loc4
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                ---- 0000000000001004
                 add tmp1, a1, $0x8
                 qemu_st a0, tmp1, u64
                ---- 0000000000001008
                 ld_vcpu_index tmp8
                 call plugin_alpha_exec tmp8
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, inject(alpha));
    }

    /** One instruction calling {@code helper}, with a read-and-write memory callback on it. */
    private static String injectAroundHelper(dev.tcg4j.ir.Helper helper) {
        PluginCore core = core(onTranslate("alpha", tb -> tb.insn(0).onMem(MEM, RegAccess.NO_REGS, MemRw.RW, null)));
        var hooks = core.newTranslatorHooks();
        TbBuilder b = new TbBuilder(0x1000, 0, hooks);
        hooks.tbStart(b);
        Blocks.insn(b, hooks, 0x1000, 0, x -> {
            x.call(helper, Blocks.A0, Blocks.A1);
            x.movi(Blocks.PC, 0x1004);
            x.gotoTb(0);
        });
        hooks.tbEnd(b, 1);
        return IrDump.dump(b.ops());
    }

    private static dev.tcg4j.ir.Helper helperWithFlags(int flags) {
        return dev.tcg4j.ir.Helper.ofStatic("h", Math.class, "abs",
                java.lang.invoke.MethodType.methodType(long.class, long.class), flags);
    }

    @Test
    void publishesMemoryCallbacksAroundEveryHelperNotKnownToStayOffGuestMemory() {
        String published = """
                ---- 0000000000001000
                 set_mem_listener mem_cbs@0x1000[1]
                 call h a0, a1
                 mov pc, $0x1004
                 set_mem_listener null
                 goto_tb $0
                 set_mem_listener null
                """;
        // fail-safe: a helper that says nothing about memory may touch it (QEMU: any helper with side effects)
        assertEquals(published, injectAroundHelper(helperWithFlags(0)));
        assertEquals(published, injectAroundHelper(helperWithFlags(dev.tcg4j.ir.Helper.MAY_TRAP)));
        assertEquals(published, injectAroundHelper(helperWithFlags(dev.tcg4j.ir.Helper.TOUCHES_GUEST_MEMORY)));
        String quiet = """
                ---- 0000000000001000
                 call h a0, a1
                 mov pc, $0x1004
                 goto_tb $0
                """;
        assertEquals(quiet, injectAroundHelper(helperWithFlags(dev.tcg4j.ir.Helper.PURE)));
        assertEquals(quiet, injectAroundHelper(helperWithFlags(dev.tcg4j.ir.Helper.NO_GUEST_MEMORY
                | dev.tcg4j.ir.Helper.MAY_TRAP)));
    }
}
