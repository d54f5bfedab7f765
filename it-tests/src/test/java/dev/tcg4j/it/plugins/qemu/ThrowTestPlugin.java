package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;

/** A plugin whose vCPU-init callback throws: the emulator must stop naming it, with the trace under -d plugin. */
public final class ThrowTestPlugin implements Plugin {
    @Override
    public String name() {
        return "test-throw";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        ctx.onVcpuInit(v -> failDeeply());
    }

    private static void failDeeply() {
        throw new IllegalStateException("thrown on purpose");
    }
}
