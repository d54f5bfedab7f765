package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import java.util.OptionalLong;

/**
 * QEMU's tests/tcg/plugins/setpc.c, for the guest plugin_setpc.c: the magic system call 4096 either
 * jumps to its second argument from the syscall filter (mode 0), or (mode 1) names a marker
 * address and a target, and the callback of the marker's first instruction jumps to the target.
 * Beyond setpc.c, {@code init=ADDR} (hex) sets the pc from the vCPU-init callback, before the
 * first instruction.
 */
public final class SetPcTestPlugin implements Plugin {
    private static final long MAGIC_SYSCALL = 4096;
    private static final long SETPC = 0;
    private static final long SETTARGET = 1;

    private volatile long sourcePc;
    private volatile long targetPc;
    private volatile long targetVaddr;

    @Override
    public String name() {
        return "test-setpc";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        args.last("init").ifPresent(init -> ctx.onVcpuInit(v -> ctx.setPc(v, Long.parseUnsignedLong(init, 16))));
        ctx.onSyscallFilter((v, nr, a) -> {
            if (nr == MAGIC_SYSCALL) {
                if (a[0] == SETPC) {
                    ctx.out("Magic syscall detected, jump to clean exit\n");
                    ctx.setPc(v, a[1]);
                } else if (a[0] == SETTARGET) {
                    ctx.out("Magic syscall detected, set target_pc / target_vaddr\n");
                    sourcePc = a[1];
                    targetPc = a[2];
                    targetVaddr = a[3];
                    return OptionalLong.of(0);
                } else {
                    ctx.out("Unknown magic syscall argument, ignoring\n");
                }
            }
            return OptionalLong.empty();
        });
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                insn.onExec((v, vaddr) -> {
                    if ((Long) vaddr == sourcePc) {
                        ctx.out("Marker insn detected, jump to clean return\n");
                        ctx.setPc(v, targetPc);
                    }
                }, RegAccess.RW_REGS_PC, insn.vaddr());
                insn.onMem((v, info, vaddr, d) -> {
                    if (vaddr != 0 && vaddr == targetVaddr) {
                        ctx.out("Marker mem access detected, jump to clean return\n");
                        ctx.setPc(v, targetPc);
                    }
                }, RegAccess.RW_REGS_PC, MemRw.R, null);
            }
        });
    }
}
