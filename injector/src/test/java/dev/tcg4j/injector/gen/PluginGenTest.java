package dev.tcg4j.injector.gen;

import static dev.tcg4j.injector.gen.Blocks.assertWellFormed;
import static dev.tcg4j.injector.gen.Blocks.core;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.core.PluginCore;
import dev.tcg4j.ir.IrDump;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.TbView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The translator hooks: markers, instruction bookkeeping, dropped and abandoned instructions, logging. */
class PluginGenTest {
    private static final ExecCallback EXEC = (vcpu, data) -> { };

    /** Instruments every instruction with one callback and records what the plugin saw. */
    private static final class Recorder {
        final List<String> seen = new ArrayList<>();
        final TestPlugin plugin = new TestPlugin("rec", (ctx, args) -> ctx.onTbTranslate(tb -> {
            StringBuilder s = new StringBuilder(String.format("tb 0x%x n=%d", tb.vaddr(), tb.insnCount()));
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                s.append(String.format(" [0x%x %d %s %s]", insn.vaddr(), insn.size(), insn.disassembly(), insn.symbol()));
                insn.onExec(EXEC, RegAccess.NO_REGS, null);
            }
            seen.add(s.toString());
        }));
    }

    @Test
    void emitsNoMarkersWhenNoPluginAskedForBlocks() {
        PluginCore core = core(new TestPlugin("quiet", (ctx, args) -> ctx.onExit(() -> { })));
        assertFalse(core.wantsTranslation());
        TranslatorHooks hooks = core.newTranslatorHooks();
        assertFalse(hooks.enabled());
        TbBuilder b = Blocks.standard(hooks);
        assertEquals(Blocks.PLAIN, IrDump.dump(b.ops()));
    }

    @Test
    void showsPluginsTheInstructionsWithTheirSizeDisassemblyAndSymbol() {
        Recorder r = new Recorder();
        Blocks.standard(core(r.plugin).newTranslatorHooks());
        assertEquals(List.of("tb 0x1000 n=3 [0x1000 4 insn@1000 main] [0x1004 4 insn@1004 main] [0x1008 4 insn@1008 main]"),
                r.seen);
    }

    @Test
    void loadsTheVcpuIndexOncePerInstrumentedMarker() {
        TestPlugin two = new TestPlugin("two", (ctx, args) -> ctx.onTbTranslate(tb -> {
            tb.onExec(EXEC, RegAccess.NO_REGS, null);
            tb.onExec(EXEC, RegAccess.NO_REGS, null);
            for (int i = 0; i < tb.insnCount(); i++) {
                tb.insn(i).onExec(EXEC, RegAccess.NO_REGS, null);
                tb.insn(i).onExec(EXEC, RegAccess.NO_REGS, null);
                tb.insn(i).onMem((v, info, a, d) -> { }, RegAccess.NO_REGS, MemRw.RW, null);
                tb.insn(i).onMem((v, info, a, d) -> { }, RegAccess.NO_REGS, MemRw.RW, null);
            }
        }));
        TbBuilder b = Blocks.standard(core(two).newTranslatorHooks());
        assertWellFormed(b);
        int loads = 0;
        int calls = 0;
        for (Op op : b.ops()) {
            loads += op.opcode() == Opcode.LD_VCPU_INDEX ? 1 : 0;
            calls += op.opcode() == Opcode.CALL && op.helper().isBound() ? 1 : 0;
        }
        // markers with requests: from_tb, 3 x from_insn, plugin_mem after the load and after the store
        assertEquals(6, loads);
        assertEquals(2 + 3 * 2 + 2 * 2, calls);
    }

    @Test
    void dropsTheLastInstructionWhenTbEndKeepsFewer() {
        Recorder r = new Recorder();
        TranslatorHooks hooks = core(r.plugin).newTranslatorHooks();
        TbBuilder b = new TbBuilder(0x1000, 0, hooks);
        hooks.tbStart(b);
        Blocks.insn(b, hooks, 0x1000, 0x0005b503L, Blocks::ld);
        // the second instruction is started, then does not fit: the loop removes its ops but the
        // builder still holds its record
        Op mark = b.ops().last();
        b.insnStart(0x1004);
        hooks.insnStart(b, 0x1004);
        b.recordInsn(0x1004, 4, 0x00a5b423L);
        b.ops().truncateAfter(mark);
        b.movi(Blocks.PC, 0x1004);
        b.gotoTb(0);
        hooks.tbEnd(b, 1);

        assertEquals(List.of("tb 0x1000 n=1 [0x1000 4 insn@1000 main]"), r.seen);
        assertEquals(1, b.insns().size());
        assertWellFormed(b);
        assertEquals("""
                ---- 0000000000001000
                 ld_vcpu_index tmp2
                 call plugin_rec_exec tmp2
                 qemu_ld tmp0, a1, u64
                 mov a0, tmp0
                 mov pc, $0x1004
                 goto_tb $0
                """, IrDump.dump(b.ops()));
    }

    @Test
    void givesNothingToMarkersOfADroppedInstructionWhoseOpsRemain() {
        Recorder r = new Recorder();
        TranslatorHooks hooks = core(r.plugin).newTranslatorHooks();
        TbBuilder b = new TbBuilder(0x1000, 0, hooks);
        hooks.tbStart(b);
        Blocks.insn(b, hooks, 0x1000, 0, Blocks::sd);
        Blocks.insn(b, hooks, 0x1004, 0, Blocks::amoaddAndExit);
        hooks.tbEnd(b, 1);
        assertWellFormed(b);
        assertEquals("""
                ---- 0000000000001000
                 ld_vcpu_index tmp3
                 call plugin_rec_exec tmp3
                 add tmp0, a1, $0x8
                 qemu_st a0, tmp0, u64
                ---- 0000000000001004
                 call amoadd a0, a1, a2
                 mov pc, $0x100c
                 goto_tb $0
                """, IrDump.dump(b.ops()));
    }

    @Test
    void forgetsAnAbandonedTranslationAtTheNextTbStart() {
        Recorder r = new Recorder();
        TranslatorHooks hooks = core(r.plugin).newTranslatorHooks();
        TbBuilder abandoned = new TbBuilder(0x2000, 0, hooks);
        hooks.tbStart(abandoned);
        Blocks.insn(abandoned, hooks, 0x2000, 0, Blocks::ld);
        abandoned.insnStart(0x2004);
        hooks.insnStart(abandoned, 0x2004);
        // a fetch fault here: no tbEnd

        TbBuilder b = Blocks.standard(hooks);
        assertEquals(List.of("tb 0x1000 n=3 [0x1000 4 insn@1000 main] [0x1004 4 insn@1004 main] [0x1008 4 insn@1008 main]"),
                r.seen);
        assertWellFormed(b);
    }

    @Test
    void viewsFailWhenUsedAfterTheTranslationCallback() {
        List<TbView> kept = new ArrayList<>();
        Blocks.standard(core(new TestPlugin("keeper", (ctx, args) -> ctx.onTbTranslate(kept::add))).newTranslatorHooks());
        assertThrows(IllegalStateException.class, () -> kept.getFirst().insnCount());
        assertThrows(IllegalStateException.class, () -> kept.getFirst().onExec(EXEC, RegAccess.NO_REGS, null));
    }

    @Test
    void logsTheOpListBeforeInjectionForBlocksInsideTheDebugFilter() {
        Logger opPlugin = (Logger) LoggerFactory.getLogger("tcg4j.op_plugin");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        opPlugin.addAppender(appender);
        Level old = opPlugin.getLevel();
        opPlugin.setLevel(Level.DEBUG);
        opPlugin.setAdditive(false);
        try {
            for (long filtered : new long[] {0x1000, 0x5000}) {
                PluginCore core = new PluginCore(new GuestInfo(null, i -> "", v -> null, pc -> pc == filtered),
                        s -> { });
                core.install(new TestPlugin("p", (ctx, args) -> ctx.onTbTranslate(tb -> { })), PluginArgs.empty());
                Blocks.standard(core.newTranslatorHooks());
            }
        } finally {
            opPlugin.setLevel(old);
            opPlugin.setAdditive(true);
            opPlugin.detachAppender(appender);
        }
        assertEquals(1, appender.list.size());
        assertEquals("OP before plugin injection:\n" + Blocks.MARKED, appender.list.getFirst().getFormattedMessage());
    }
}
