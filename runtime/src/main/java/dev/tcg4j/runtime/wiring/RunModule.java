package dev.tcg4j.runtime.wiring;

import dagger.Module;
import dagger.Provides;
import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.runtime.exec.BlockLog;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.linux.process.ProcessTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Provider;

/**
 * A run's bindings: the backend the request names, the plugins it loads (started on first use, after
 * the program is loaded, so that they see its symbols), the translator hooks, the block log, and
 * the {@link ProcessComponent} of each guest process.
 */
@Module(subcomponents = ProcessComponent.class)
interface RunModule {
    /** The request's backend; {@link Emulator#run} has checked that there is one by that name. */
    @Provides
    @RunScope
    static Backend backend(RunRequest request, Map<String, Provider<Backend>> backends) {
        Provider<Backend> backend = backends.get(request.backend());
        if (backend == null) {
            throw new IllegalStateException("no backend " + request.backend());
        }
        return backend.get();
    }

    @Provides
    static ExecOptions execOptions(RunRequest request) {
        return request.exec();
    }

    /**
     * @throws dev.tcg4j.injector.PluginStartException when a plugin is unknown or refuses its arguments
     * @throws IllegalArgumentException when a -plugin value is malformed
     */
    @Provides
    @RunScope
    static PluginHost plugins(RunRequest request, GuestFrontend frontend, ProgramSymbols symbols, LoadedImage image) {
        if (request.plugins().isEmpty() && request.pluginSpecs().isEmpty()) {
            return new NoPlugins();
        }
        List<PluginSpec> specs = new ArrayList<>();
        for (String p : request.plugins()) {
            specs.add(PluginSpec.parse(p));
        }
        specs.addAll(request.pluginSpecs());
        GuestInfo info = new GuestInfo(frontend.arch(), frontend.disassembler(), symbols, request.exec().logFilter(),
                image::program);
        return PluginHost.start(specs, info, request.pluginOutput());
    }

    /**
     * Not scoped: each vCPU's translator gets hooks of its own, since they carry per-translation state.
     * A run with plugins always gets plugin-gen's hooks, which emit nothing while no plugin watches
     * translation, so that a translation callback registered later (from a vCPU-init callback, say)
     * sees the blocks translated after it.
     */
    @Provides
    static TranslatorHooks translatorHooks(PluginHost plugins) {
        return plugins.newTranslatorHooks();
    }

    /** The run's guest processes; {@link GuestProcesses} makes new ones. */
    @Provides
    @RunScope
    static ProcessTable processes() {
        return new ProcessTable();
    }

    @Provides
    @RunScope
    static BlockLog blockLog(GuestFrontend frontend, ProgramSymbols symbols, ExecOptions exec) {
        return new BlockLog(frontend.disassembler(), symbols, exec.logFilter());
    }
}
