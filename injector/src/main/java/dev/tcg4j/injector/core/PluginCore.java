package dev.tcg4j.injector.core;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.injector.PluginStartException;
import dev.tcg4j.injector.gen.PluginGen;
import dev.tcg4j.injector.gen.TranslationCallbacks;
import dev.tcg4j.injector.instrument.TbRequests;
import dev.tcg4j.injector.instrument.TbViewImpl;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.plugin.api.ExitCallback;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.TbTranslateCallback;
import dev.tcg4j.plugin.api.VcpuCallback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin core, as QEMU's plugins/core.c: loads and installs the plugins, keeps their callbacks
 * in registration order, and runs them when the runtime reports vCPU and exit events or the
 * translator shows a block.
 *
 * <p>Callback lists are copy-on-write: plugins may register from any callback and any thread, and
 * the runtime's threads read the lists without locks.
 */
public final class PluginCore implements PluginHost, TranslationCallbacks {
    static final Logger LOG = LoggerFactory.getLogger("tcg4j.plugin");

    /**
     * Scoreboard rows allocated per scoreboard. Translated code holds the scoreboard arrays as
     * constants, so they cannot grow; a vCPU index at or past this is refused when it starts.
     */
    public static final int DEFAULT_MAX_VCPUS = 256;

    record Registered<T>(String plugin, T callback) {}

    private final GuestInfo guest;
    private final Consumer<String> output;
    private final int maxVcpus;
    private final AtomicInteger vcpuCount = new AtomicInteger();
    private final AtomicBoolean exited = new AtomicBoolean();
    private final List<Registered<VcpuCallback>> vcpuInit = new CopyOnWriteArrayList<>();
    private final List<Registered<VcpuCallback>> vcpuExit = new CopyOnWriteArrayList<>();
    private final List<Registered<ExitCallback>> atExit = new CopyOnWriteArrayList<>();
    private final List<Registered<TbTranslateCallback>> tbTranslate = new CopyOnWriteArrayList<>();
    private final List<String> installed = new ArrayList<>();

    public PluginCore(GuestInfo guest, Consumer<String> output, int maxVcpus) {
        this.guest = guest;
        this.output = output;
        this.maxVcpus = maxVcpus;
    }

    /** Loads and installs each plugin of {@code specs}, in order. See {@link PluginHost#start}. */
    public static PluginCore start(List<PluginSpec> specs, GuestInfo guest, Consumer<String> output) {
        PluginCore core = new PluginCore(guest, output, Integer.getInteger("tcg4j.plugin.maxVcpus", DEFAULT_MAX_VCPUS));
        PluginLoader loader = new PluginLoader();
        for (PluginSpec spec : specs) {
            for (Plugin p : loader.load(spec.name())) {
                core.install(p, toArgs(spec));
            }
        }
        return core;
    }

    private static PluginArgs toArgs(PluginSpec spec) {
        List<PluginArgs.Arg> args = new ArrayList<>();
        for (Map.Entry<String, String> e : spec.args()) {
            args.add(new PluginArgs.Arg(e.getKey(), e.getValue()));
        }
        return PluginArgs.of(args);
    }

    /** Installs one plugin instance; a rejection of its arguments becomes a PluginStartException. */
    public void install(Plugin plugin, PluginArgs args) {
        String name = plugin.name();
        LOG.debug("installing plugin {} with {}", name, args);
        try {
            plugin.install(new PluginInstance(name, this), args);
        } catch (PluginArgumentException e) {
            throw new PluginStartException(e.getMessage());
        } catch (RuntimeException e) {
            throw new PluginStartException("plugin " + name + " failed to install: " + e);
        }
        installed.add(name);
    }

    public List<String> installedPlugins() {
        return List.copyOf(installed);
    }

    // ---- what plugin contexts register

    void addVcpuInit(String plugin, VcpuCallback cb) {
        vcpuInit.add(new Registered<>(plugin, cb));
    }

    void addVcpuExit(String plugin, VcpuCallback cb) {
        vcpuExit.add(new Registered<>(plugin, cb));
    }

    void addAtExit(String plugin, ExitCallback cb) {
        atExit.add(new Registered<>(plugin, cb));
    }

    void addTbTranslate(String plugin, TbTranslateCallback cb) {
        tbTranslate.add(new Registered<>(plugin, cb));
    }

    void out(String text) {
        synchronized (output) {
            output.accept(text);
        }
    }

    String targetName() {
        return guest.arch() == null ? "unknown" : guest.arch().name();
    }

    int vcpuCount() {
        return vcpuCount.get();
    }

    int maxVcpus() {
        return maxVcpus;
    }

    // ---- PluginHost: what the runtime calls

    @Override
    public boolean wantsTranslation() {
        return !tbTranslate.isEmpty();
    }

    @Override
    public TranslatorHooks newTranslatorHooks() {
        return new PluginGen(this, guest.debugFilter());
    }

    @Override
    public void vcpuInit(CpuState cpu) {
        int index = cpu.vcpuIndex;
        if (index < 0 || index >= maxVcpus) {
            throw new IllegalStateException("vCPU " + index + " is past the " + maxVcpus
                    + " vCPUs that plugin scoreboards hold (raise -Dtcg4j.plugin.maxVcpus)");
        }
        vcpuCount.accumulateAndGet(index + 1, Math::max);
        for (Registered<VcpuCallback> r : vcpuInit) {
            try {
                r.callback().onVcpu(index);
            } catch (Throwable t) {
                throw failure(r.plugin(), t);
            }
        }
    }

    @Override
    public void vcpuExit(CpuState cpu) {
        for (Registered<VcpuCallback> r : vcpuExit) {
            try {
                r.callback().onVcpu(cpu.vcpuIndex);
            } catch (Throwable t) {
                throw failure(r.plugin(), t);
            }
        }
    }

    @Override
    public void atExit() {
        if (!exited.compareAndSet(false, true)) {
            return;
        }
        for (Registered<ExitCallback> r : atExit) {
            try {
                r.callback().onExit();
            } catch (Throwable t) {
                throw failure(r.plugin(), t);
            }
        }
    }

    // ---- TranslationCallbacks: what plugin-gen calls

    @Override
    public boolean wanted() {
        return wantsTranslation();
    }

    @Override
    public void translated(TbRequests tb) {
        Disassembler dis = guest.disassembler() == null ? insn -> "" : guest.disassembler();
        SymbolLookup symbols = guest.symbols() == null ? SymbolLookup.NONE : guest.symbols();
        for (Registered<TbTranslateCallback> r : tbTranslate) {
            try {
                r.callback().onTranslate(new TbViewImpl(tb, r.plugin(), dis, symbols));
            } catch (Throwable t) {
                throw failure(r.plugin(), t);
            }
        }
    }

    private static PluginFailure failure(String plugin, Throwable t) {
        return t instanceof PluginFailure f ? f : new PluginFailure(plugin, t);
    }
}
