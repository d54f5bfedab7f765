package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * After QEMU's tests/tcg/plugins/patch.c, for the guest plugin_patch.c: when the first instruction
 * of {@code patch_target} is about to run for the first time, writes {@code c.li a0,2; c.jr ra} over
 * it in guest memory (read-only code: written as a debugger would) and resumes at the same pc, so
 * that the patched code runs from then on.
 */
public final class PatchTestPlugin implements Plugin {
    private static final byte[] LI_A0_2_RET = {0x09, 0x45, (byte) 0x82, (byte) 0x80};

    @Override
    public String name() {
        return "test-patch";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        AtomicBoolean patched = new AtomicBoolean();
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                boolean entry = "patch_target".equals(insn.symbol())
                        && (i > 0 ? !"patch_target".equals(tb.insn(i - 1).symbol()) : true);
                if (entry && !patched.get()) {
                    long vaddr = insn.vaddr();
                    insn.onExec((v, d) -> {
                        if (patched.compareAndSet(false, true)) {
                            if (!ctx.writeMemory(v, vaddr, LI_A0_2_RET)) {
                                throw new IllegalStateException("cannot write at 0x" + Long.toHexString(vaddr));
                            }
                            byte[] back = new byte[LI_A0_2_RET.length];
                            ctx.readMemory(v, vaddr, back);
                            ctx.out("patched patch_target at 0x" + Long.toHexString(vaddr) + ": "
                                    + java.util.HexFormat.of().formatHex(back) + "\n");
                            ctx.setPc(v, vaddr);
                        }
                    }, RegAccess.RW_REGS_PC, null);
                }
            }
        });
    }
}
