package dev.tcg4j.injector.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.core.PluginCore;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.IrVerifier;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Hand-built blocks driven through the hooks the way TranslatorLoop drives them. The standard block:
 *
 * <pre>
 * 0x1000 ld a0,0(a1)         qemu_ld into a fresh temp, then mov
 * 0x1004 sd a0,8(a1)         qemu_st at a1+8
 * 0x1008 amoadd.d a0,a2,(a1) a call to a helper flagged TOUCHES_GUEST_MEMORY, then the block exit
 * </pre>
 */
public final class Blocks {
    static final Temp A0 = Temp.global("a0", 10);
    static final Temp A1 = Temp.global("a1", 11);
    static final Temp A2 = Temp.global("a2", 12);
    static final Temp PC = Temp.global("pc", 64);
    static final Helper AMOADD = Helper.ofStatic("amoadd", Blocks.class, "amoadd",
            MethodType.methodType(long.class, CpuState.class, long.class, long.class),
            Helper.TOUCHES_GUEST_MEMORY | Helper.MAY_TRAP);

    /** The standard block before injection: every marker, nothing filled in. */
    static final String MARKED = """
             plugin_cb from_tb
            ---- 0000000000001000
             plugin_cb from_insn
             qemu_ld tmp0, a1, u64
             plugin_mem a1, tmp0, $0x3
             mov a0, tmp0
             plugin_cb after_insn
            ---- 0000000000001004
             plugin_cb from_insn
             add tmp1, a1, $0x8
             qemu_st a0, tmp1, u64
             plugin_mem tmp1, a0, $0x43
             plugin_cb after_insn
            ---- 0000000000001008
             plugin_cb from_insn
             call amoadd a0, a1, a2
             mov pc, $0x100c
             plugin_cb after_tb
             goto_tb $0
             plugin_cb after_insn
            """;

    /** The standard block with no instrumentation at all. */
    static final String PLAIN = """
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
            """;

    private Blocks() {}

    /** Like an AMO helper: reports the load and the store it performs to the published listener. Public, as backends call it. */
    public static long amoadd(CpuState cpu, long addr, long v) {
        cpu.reportAccess(addr, 0x1234, MemOp.UQ.meminfo(false));
        cpu.reportAccess(addr, 0x1234 + v, MemOp.UQ.meminfo(true));
        return 0x1234;
    }

    static PluginCore core(Plugin... plugins) {
        PluginCore core = new PluginCore(new GuestInfo(null, insn -> "insn@" + Long.toHexString(insn.vaddr()),
                vaddr -> "main", pc -> true), s -> { });
        for (Plugin p : plugins) {
            core.install(p, PluginArgs.empty());
        }
        return core;
    }

    static void ld(TbBuilder b) {
        Temp t = b.newTemp();
        b.qemuLd(t, A1, MemOp.UQ);
        b.mov(A0, t);
    }

    static void sd(TbBuilder b) {
        Temp addr = b.newTemp();
        b.addi(addr, A1, 8);
        b.qemuSt(A0, addr, MemOp.UQ);
    }

    static void amoaddAndExit(TbBuilder b) {
        b.call(AMOADD, A0, A1, A2);
        b.movi(PC, 0x100c);
        b.gotoTb(0);
    }

    static void insn(TbBuilder b, TranslatorHooks hooks, long pc, long bits, java.util.function.Consumer<TbBuilder> body) {
        b.insnStart(pc);
        hooks.insnStart(b, pc);
        b.recordInsn(pc, 4, bits);
        body.accept(b);
        hooks.insnEnd(b);
    }

    /** Translates the standard block through {@code hooks} and returns it after tbEnd. */
    static TbBuilder standard(TranslatorHooks hooks) {
        TbBuilder b = new TbBuilder(0x1000, 0, hooks);
        hooks.tbStart(b);
        insn(b, hooks, 0x1000, 0x0005b503L, Blocks::ld);
        insn(b, hooks, 0x1004, 0x00a5b423L, Blocks::sd);
        insn(b, hooks, 0x1008, 0x00c5b52fL, Blocks::amoaddAndExit);
        hooks.tbEnd(b, 3);
        return b;
    }

    static void assertWellFormed(TbBuilder b) {
        List<String> problems = IrVerifier.check(b.ops(), false);
        assertEquals(List.of(), problems);
    }
}
