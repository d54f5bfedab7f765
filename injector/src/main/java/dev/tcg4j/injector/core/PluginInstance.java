package dev.tcg4j.injector.core;

import dev.tcg4j.injector.score.ScoreboardStore;
import dev.tcg4j.plugin.api.ExitCallback;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.TbTranslateCallback;
import dev.tcg4j.plugin.api.VcpuCallback;
import java.util.Objects;

/** One installed plugin's context: every registration made through it is tagged with the plugin's name. */
final class PluginInstance implements PluginContext {
    private final String name;
    private final PluginCore core;

    PluginInstance(String name, PluginCore core) {
        this.name = name;
        this.core = core;
    }

    @Override
    public String targetName() {
        return core.targetName();
    }

    @Override
    public int vcpuCount() {
        return core.vcpuCount();
    }

    @Override
    public void onVcpuInit(VcpuCallback cb) {
        core.addVcpuInit(name, Objects.requireNonNull(cb));
    }

    @Override
    public void onVcpuExit(VcpuCallback cb) {
        core.addVcpuExit(name, Objects.requireNonNull(cb));
    }

    @Override
    public void onExit(ExitCallback cb) {
        core.addAtExit(name, Objects.requireNonNull(cb));
    }

    @Override
    public void onTbTranslate(TbTranslateCallback cb) {
        core.addTbTranslate(name, Objects.requireNonNull(cb));
        PluginCore.LOG.debug("plugin {} registered a TB translation callback", name);
    }

    @Override
    public void out(String text) {
        core.out(text);
    }

    @Override
    public Scoreboard newScoreboard(int u64PerVcpu) {
        return new ScoreboardStore(u64PerVcpu, core.maxVcpus(), core::vcpuCount);
    }

    @Override
    public String toString() {
        return "plugin " + name;
    }
}
