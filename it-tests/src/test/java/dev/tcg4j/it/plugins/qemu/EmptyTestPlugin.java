package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;

/** QEMU's tests/tcg/plugins/empty.c: installs and registers nothing; the guest must run as without it. */
public final class EmptyTestPlugin implements Plugin {
    @Override
    public String name() {
        return "test-empty";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        // nothing: the plugin core must cost nothing and change nothing
    }
}
