package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * QEMU's tests/tcg/plugins/syscall.c: counts each system call number's calls (at entry) and errors
 * (a negative return), and prints the table {@code syscall no.  calls  errors} at exit.
 */
public final class SyscallTestPlugin implements Plugin {
    private final Map<Long, long[]> counts = new TreeMap<>();

    @Override
    public String name() {
        return "test-syscall";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        ctx.onSyscall((v, nr, a) -> {
            synchronized (counts) {
                counts.computeIfAbsent(nr, k -> new long[2])[0]++;
            }
        });
        ctx.onSyscallReturn((v, nr, ret) -> {
            if (ret < 0) {
                synchronized (counts) {
                    counts.computeIfAbsent(nr, k -> new long[2])[1]++;
                }
            }
        });
        ctx.onExit(() -> {
            StringBuilder out = new StringBuilder(String.format("%-13s %-8s %s%n", "syscall no.", "calls", "errors"));
            synchronized (counts) {
                counts.forEach((nr, c) -> out.append(String.format("%-13d %-8d %d%n", nr, c[0], c[1])));
            }
            ctx.out(out.toString());
        });
    }
}
