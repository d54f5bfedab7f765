package dev.tcg4j.injector.gen;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import java.util.function.BiConsumer;

/** A plugin whose install is a lambda, for tests. */
record TestPlugin(String name, BiConsumer<PluginContext, PluginArgs> body) implements Plugin {
    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        body.accept(ctx, args);
    }
}
