package dev.tcg4j.injector.core;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;

/** A class-path plugin for the loader tests: accepts only {@code level=N}, and says hello on exit. */
public final class FussyPlugin implements Plugin {
    @Override
    public String name() {
        return "fussy";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        for (PluginArgs.Arg a : args.all()) {
            if (!a.key().equals("level")) {
                throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        String level = args.last("level").orElse("0");
        ctx.onExit(() -> ctx.out("fussy level " + level + " on " + ctx.targetName() + "\n"));
    }
}
