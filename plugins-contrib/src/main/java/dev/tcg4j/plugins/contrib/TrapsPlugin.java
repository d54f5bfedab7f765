package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Discontinuity;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.Scoreboard;
import java.util.EnumSet;

/**
 * Counts traps per vCPU, as later QEMU's contrib/plugins/traps.c, from the discontinuity callbacks:
 * interrupts (in user mode, asynchronous signals entering a handler), exceptions (faults, illegal
 * instructions and breakpoints entering a handler) and host calls (system calls, {@code rt_sigreturn}
 * included). Takes no arguments.
 *
 * <p>Output at exit: {@code VCPU, interrupts, exceptions, hostcalls}, then a row per vCPU.
 */
public final class TrapsPlugin implements Plugin {
    @Override
    public String name() {
        return "traps";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        if (!args.isEmpty()) {
            throw new PluginArgumentException("option parsing failed: " + args.all().get(0));
        }
        Scoreboard traps = ctx.newScoreboard(3);
        ctx.onDiscontinuity(EnumSet.allOf(Discontinuity.class),
                (vcpu, kind, from, to) -> traps.u64(kind.ordinal()).add(vcpu, 1));
        ctx.onExit(() -> {
            StringBuilder s = new StringBuilder("VCPU, interrupts, exceptions, hostcalls\n");
            for (int v = 0; v < ctx.vcpuCount(); v++) {
                s.append(String.format("% 4d, % 10d, % 10d, % 10d\n", v,
                        traps.u64(Discontinuity.INTERRUPT.ordinal()).get(v),
                        traps.u64(Discontinuity.EXCEPTION.ordinal()).get(v),
                        traps.u64(Discontinuity.HOSTCALL.ordinal()).get(v)));
            }
            ctx.out(s.toString());
        });
    }
}
