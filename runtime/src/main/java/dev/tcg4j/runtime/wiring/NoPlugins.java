package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.TranslatorHooks;

/** The plugin host of a run without -plugin: nothing to load, nothing to call, no markers. */
final class NoPlugins implements PluginHost {
    @Override
    public boolean wantsTranslation() {
        return false;
    }

    @Override
    public TranslatorHooks newTranslatorHooks() {
        return TranslatorHooks.NONE;
    }

    @Override
    public void vcpuInit(CpuState cpu) {}

    @Override
    public void vcpuExit(CpuState cpu) {}

    @Override
    public void atExit() {}
}
