package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After QEMU's tests/tcg/plugins/reset.c: counts executed blocks; at the first system call return
 * resets itself, and its completion registers anew (a translation callback and a syscall-return
 * callback); at the third system call after that it uninstalls itself. Prints, in the completion
 * callbacks (at-exit callbacks are gone with an uninstall), how many old block callbacks ran after the
 * reset (must be 0) and how many blocks were translated again (the reset dropped the code).
 */
public final class ResetTestPlugin implements Plugin {
    private final AtomicLong oldBlocks = new AtomicLong();
    private final AtomicLong retranslated = new AtomicLong();
    private final AtomicLong syscallsAfterReset = new AtomicLong();
    private volatile long oldBlocksAtReset = -1;
    private volatile boolean resetRequested;

    @Override
    public String name() {
        return "test-reset";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        ctx.onTbTranslate(tb -> tb.onExec((v, d) -> oldBlocks.incrementAndGet(), RegAccess.NO_REGS, null));
        ctx.onSyscallReturn((v, nr, ret) -> {
            if (resetRequested) {
                throw new IllegalStateException("a syscall-return callback ran after its reset completed");
            }
            resetRequested = true;
            ctx.reset(() -> {
                oldBlocksAtReset = oldBlocks.get();
                ctx.out("reset done after " + oldBlocksAtReset + " blocks\n");
                ctx.onTbTranslate(tb -> retranslated.incrementAndGet());
                ctx.onSyscallReturn((v2, nr2, ret2) -> {
                    if (syscallsAfterReset.incrementAndGet() == 3) {
                        ctx.uninstall(() -> ctx.out("uninstalled: old block callbacks after reset "
                                + (oldBlocks.get() - oldBlocksAtReset) + ", blocks translated again "
                                + (retranslated.get() > 0 ? "yes" : "no") + "\n"));
                    }
                });
            });
        });
        ctx.onExit(() -> ctx.out("at exit: not expected after a reset\n"));
    }
}
