package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts system calls, as QEMU's tests/plugin/syscall.c: each number's calls (at entry) and errors
 * (a negative return value).
 *
 * <p>Arguments: {@code print=on|off} prints each call as it happens ({@code syscall #N} and
 * {@code syscall #N returned -> R}) instead of the table.
 *
 * <p>Output at exit: {@code syscall no.  calls  errors}, then one row per number, the most called
 * first (rows with equal calls by number; QEMU's order among those follows its hash table).
 */
public final class SyscallPlugin implements Plugin {
    /** One number's counts. */
    private static final class Stats {
        final long number;
        long calls;
        long errors;

        Stats(long number) {
            this.number = number;
        }
    }

    private final Map<Long, Stats> statistics = new HashMap<>();

    @Override
    public String name() {
        return "syscall";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        boolean print = false;
        for (PluginArgs.Arg a : args.all()) {
            if (a.key().equals("print")) {
                print = PluginArgs.parseBool(a.key(), a.value());
            } else {
                throw new PluginArgumentException("unsupported argument: " + a);
            }
        }
        if (print) {
            ctx.onSyscall((vcpu, nr, a) -> ctx.out("syscall #" + nr + "\n"));
            ctx.onSyscallReturn((vcpu, nr, ret) -> ctx.out("syscall #" + nr + " returned -> " + ret + "\n"));
            return;
        }
        ctx.onSyscall((vcpu, nr, a) -> {
            synchronized (statistics) {
                statistics.computeIfAbsent(nr, Stats::new).calls++;
            }
        });
        ctx.onSyscallReturn((vcpu, nr, ret) -> {
            if (ret < 0) {
                synchronized (statistics) {
                    statistics.computeIfAbsent(nr, Stats::new).errors++;
                }
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    String report() {
        List<Stats> rows;
        synchronized (statistics) {
            rows = new ArrayList<>(statistics.values());
        }
        rows.sort(Comparator.comparingLong((Stats s) -> s.calls).reversed().thenComparingLong(s -> s.number));
        StringBuilder out = new StringBuilder("syscall no.  calls  errors\n");
        for (Stats s : rows) {
            out.append(String.format("%-13d%-6d %d\n", s.number, s.calls, s.errors));
        }
        return out.toString();
    }
}
