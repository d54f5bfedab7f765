package dev.tcg4j.injector.core;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.injector.PluginStartException;
import dev.tcg4j.injector.call.Generation;
import dev.tcg4j.injector.call.PluginSession;
import dev.tcg4j.injector.call.VcpuScope;
import dev.tcg4j.injector.call.VcpuScopes;
import dev.tcg4j.injector.gen.PluginGen;
import dev.tcg4j.injector.gen.TranslationCallbacks;
import dev.tcg4j.injector.instrument.TbRequests;
import dev.tcg4j.injector.instrument.TbViewImpl;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitProcess;
import dev.tcg4j.ir.cpu.ResumeAt;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.plugin.api.Discontinuity;
import dev.tcg4j.plugin.api.DiscontinuityCallback;
import dev.tcg4j.plugin.api.ExitCallback;
import dev.tcg4j.plugin.api.FlushCallback;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Register;
import dev.tcg4j.plugin.api.SyscallCallback;
import dev.tcg4j.plugin.api.SyscallFilter;
import dev.tcg4j.plugin.api.SyscallReturnCallback;
import dev.tcg4j.plugin.api.TbTranslateCallback;
import dev.tcg4j.plugin.api.VcpuCallback;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin core, as QEMU's plugins/core.c: loads and installs the plugins, keeps their callbacks
 * in registration order, and runs them when the runtime reports vCPU, system call, discontinuity and
 * exit events or the translator shows a block.
 *
 * <p>Callback lists are copy-on-write: plugins may register from any callback and any thread, and
 * the runtime's threads read the lists without locks. A translation callback registered once the
 * guest runs drops every translated block, so that every block is shown to it, as QEMU flushes.
 *
 * <p>Callbacks of runtime events run in the vCPU's {@link VcpuScope} with full register access;
 * callbacks from translated code run in it with the access they asked for.
 */
public final class PluginCore implements PluginHost, TranslationCallbacks {
    static final Logger LOG = LoggerFactory.getLogger("tcg4j.plugin");

    /** The argument that picks one plugin of a jar holding several: {@code -plugin x.jar,plugin=NAME}. */
    static final String PICK_ARGUMENT = "plugin";

    record Registered<T>(PluginSession plugin, Generation generation, T callback) {
        boolean current() {
            return generation.isCurrent();
        }
    }

    record DisconWatch(Set<Discontinuity> kinds, DiscontinuityCallback callback) {}

    private final GuestInfo guest;
    private final Consumer<String> output;
    private final int pcSlot;
    private final VcpuScopes scopes;
    private final AtomicInteger vcpuCount = new AtomicInteger();
    private final AtomicBoolean exited = new AtomicBoolean();
    private final List<Registered<VcpuCallback>> vcpuInit = new CopyOnWriteArrayList<>();
    private final List<Registered<VcpuCallback>> vcpuExit = new CopyOnWriteArrayList<>();
    private final List<Registered<ExitCallback>> atExit = new CopyOnWriteArrayList<>();
    private final List<Registered<TbTranslateCallback>> tbTranslate = new CopyOnWriteArrayList<>();
    private final List<Registered<SyscallCallback>> syscall = new CopyOnWriteArrayList<>();
    private final List<Registered<SyscallReturnCallback>> syscallReturn = new CopyOnWriteArrayList<>();
    private final List<Registered<SyscallFilter>> syscallFilter = new CopyOnWriteArrayList<>();
    private final List<Registered<DisconWatch>> discontinuity = new CopyOnWriteArrayList<>();
    private final List<Registered<FlushCallback>> flush = new CopyOnWriteArrayList<>();
    private final List<String> installed = new ArrayList<>();
    private final List<Register> registers;
    // registers and their descriptors by id, for the register reads of callbacks that run on every block
    private final Register[] registerById;
    private final GuestArch.RegisterDescriptor[] descriptorById;
    private volatile Runnable translationFlush;

    public PluginCore(GuestInfo guest, Consumer<String> output) {
        this.guest = guest;
        this.output = output;
        this.pcSlot = guest.arch() == null ? -1 : guest.arch().pcSlot();
        this.scopes = new VcpuScopes();
        List<Register> regs = new ArrayList<>();
        if (guest.arch() != null) {
            List<GuestArch.RegisterDescriptor> descriptors = guest.arch().registers();
            for (int i = 0; i < descriptors.size(); i++) {
                GuestArch.RegisterDescriptor d = descriptors.get(i);
                regs.add(new Register(i, d.name(), d.feature(), d.sizeBytes()));
            }
        }
        this.registers = List.copyOf(regs);
        this.registerById = regs.toArray(Register[]::new);
        this.descriptorById = guest.arch() == null ? new GuestArch.RegisterDescriptor[0]
                : guest.arch().registers().toArray(GuestArch.RegisterDescriptor[]::new);
    }

    /** Loads and installs each plugin of {@code specs}, in order. See {@link PluginHost#start}. */
    public static PluginCore start(List<PluginSpec> specs, GuestInfo guest, Consumer<String> output) {
        PluginCore core = new PluginCore(guest, output);
        PluginLoader loader = new PluginLoader();
        for (PluginSpec spec : specs) {
            List<Plugin> plugins = spec.instance() != null ? List.of(spec.instance()) : loader.load(spec.name());
            List<String> picked = spec.instance() == null && spec.name().endsWith(".jar")
                    ? spec.values(PICK_ARGUMENT) : List.of();
            if (!picked.isEmpty()) {
                plugins = pick(spec.name(), plugins, picked.getLast());
            }
            for (Plugin p : plugins) {
                core.install(p, toArgs(spec, !picked.isEmpty()));
            }
        }
        return core;
    }

    private static List<Plugin> pick(String jar, List<Plugin> plugins, String name) {
        List<String> names = new ArrayList<>();
        for (Plugin p : plugins) {
            if (p.name().equals(name)) {
                return List.of(p);
            }
            names.add(p.name());
        }
        throw new PluginStartException(jar + " holds no plugin '" + name + "'; it holds: " + String.join(", ", names));
    }

    private static PluginArgs toArgs(PluginSpec spec, boolean dropPick) {
        List<PluginArgs.Arg> args = new ArrayList<>();
        for (Map.Entry<String, String> e : spec.args()) {
            if (!(dropPick && e.getKey().equals(PICK_ARGUMENT))) {
                args.add(new PluginArgs.Arg(e.getKey(), e.getValue()));
            }
        }
        return PluginArgs.of(args);
    }

    /**
     * Installs one plugin instance; a rejection of its arguments becomes a PluginStartException whose
     * message names the plugin.
     */
    public void install(Plugin plugin, PluginArgs args) {
        String name = plugin.name();
        LOG.debug("installing plugin {} with {}", name, args);
        PluginSession session = new PluginSession(name, scopes);
        try {
            plugin.install(new PluginInstance(session, this), args);
        } catch (PluginArgumentException e) {
            throw new PluginStartException("plugin " + name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("plugin {} failed to install", name, e);
            throw new PluginStartException("plugin " + name + " failed to install: " + e);
        }
        installed.add(name);
    }

    public List<String> installedPlugins() {
        return List.copyOf(installed);
    }

    // ---- what plugin contexts register

    private static <T> void add(List<Registered<T>> list, PluginSession plugin, T cb) {
        if (plugin.isUninstalled()) {
            throw new IllegalStateException("plugin " + plugin.name() + " is uninstalled: it cannot register callbacks");
        }
        list.add(new Registered<>(plugin, plugin.generation(), cb));
    }

    void addVcpuInit(PluginSession plugin, VcpuCallback cb) {
        add(vcpuInit, plugin, cb);
    }

    void addVcpuExit(PluginSession plugin, VcpuCallback cb) {
        add(vcpuExit, plugin, cb);
    }

    void addAtExit(PluginSession plugin, ExitCallback cb) {
        add(atExit, plugin, cb);
    }

    /** Once the guest runs, the blocks translated so far are dropped so that the new callback sees them. */
    void addTbTranslate(PluginSession plugin, TbTranslateCallback cb) {
        add(tbTranslate, plugin, cb);
        flushTranslations();
    }

    void addSyscall(PluginSession plugin, SyscallCallback cb) {
        add(syscall, plugin, cb);
    }

    void addSyscallReturn(PluginSession plugin, SyscallReturnCallback cb) {
        add(syscallReturn, plugin, cb);
    }

    void addSyscallFilter(PluginSession plugin, SyscallFilter filter) {
        add(syscallFilter, plugin, filter);
    }

    void addDiscontinuity(PluginSession plugin, Set<Discontinuity> kinds, DiscontinuityCallback cb) {
        add(discontinuity, plugin, new DisconWatch(kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds), cb));
    }

    void addFlush(PluginSession plugin, FlushCallback cb) {
        add(flush, plugin, cb);
    }

    /**
     * QEMU's plugin_reset and plugin_uninstall: the plugin's callbacks go (those still referenced by
     * running blocks turn inert with the new generation), translated code is dropped, then {@code done}.
     */
    void reset(PluginSession plugin, Runnable done, boolean uninstall) {
        plugin.newGeneration(uninstall);
        for (List<? extends Registered<?>> list : List.of(vcpuInit, vcpuExit, atExit, tbTranslate, syscall,
                syscallReturn, syscallFilter, discontinuity, flush)) {
            list.removeIf(r -> r.plugin() == plugin);
        }
        LOG.debug("plugin {} {}", plugin.name(), uninstall ? "uninstalled" : "reset");
        flushTranslations();
        if (done != null) {
            try {
                done.run();
            } catch (ResumeAt | ExitProcess r) {
                throw r;
            } catch (Throwable t) {
                throw failure(plugin.name(), t);
            }
        }
    }

    /** QEMU's tb_flush, then the flush callbacks; nothing before the guest runs (nothing is translated). */
    void flushTranslations() {
        Runnable f = translationFlush;
        if (f == null) {
            return;
        }
        f.run();
        LOG.debug("translated code flushed");
        for (Registered<FlushCallback> r : flush) {
            if (r.current()) {
                try {
                    r.callback().onFlush();
                } catch (ResumeAt | ExitProcess e) {
                    throw e;
                } catch (Throwable t) {
                    throw failure(r.plugin().name(), t);
                }
            }
        }
    }

    void out(String text) {
        synchronized (output) {
            output.accept(text);
        }
    }

    String targetName() {
        return guest.arch() == null ? "unknown" : guest.arch().name();
    }

    GuestInfo.Program program() {
        return guest.program();
    }

    int vcpuCount() {
        return vcpuCount.get();
    }

    List<Register> registers() {
        return registers;
    }

    /** The architecture's descriptor of {@code reg}, which must come from {@link #registers()}. */
    GuestArch.RegisterDescriptor descriptor(Register reg) {
        if (reg == null || reg.id() < 0 || reg.id() >= registerById.length || !isOurs(reg)) {
            throw new IllegalArgumentException("not a register of PluginContext.registers(): " + reg);
        }
        return descriptorById[reg.id()];
    }

    // plugins pass back the very Register objects of registers(): identity answers without comparing names
    private boolean isOurs(Register reg) {
        Register ours = registerById[reg.id()];
        return ours == reg || ours.equals(reg);
    }

    GuestArch arch() {
        return guest.arch();
    }

    boolean isPc(GuestArch.RegisterDescriptor d) {
        return d.slot() == pcSlot;
    }

    /**
     * The scope of {@code vcpuIndex} when the calling thread runs a callback of that vCPU with at
     * least {@code needed}; else an IllegalStateException saying what is wrong.
     */
    VcpuScope scope(int vcpuIndex, RegAccess needed, String what) {
        return scope(vcpuIndex, needed, what, null);
    }

    /**
     * As {@link #scope(int, RegAccess, String)} for an action on {@code reg}, named in the message.
     * The message is built only on failure: register reads run in callbacks on every block.
     */
    VcpuScope scope(int vcpuIndex, RegAccess needed, String what, Register reg) {
        VcpuScope s = scopes.get(vcpuIndex);
        if (s == null) {
            throw new IllegalStateException(describe(what, reg) + ": there is no vCPU " + vcpuIndex);
        }
        if (!s.onOwnThread()) {
            throw new IllegalStateException(describe(what, reg) + ": only a callback running on vCPU " + vcpuIndex
                    + " may do this");
        }
        boolean ok = switch (needed) {
            case NO_REGS -> true;
            case R_REGS -> s.access().reads();
            case RW_REGS -> s.access().writes();
            case RW_REGS_PC -> s.access() == RegAccess.RW_REGS_PC;
        };
        if (!ok) {
            throw new IllegalStateException(describe(what, reg) + " needs a callback registered with " + needed
                    + " or more; this one has " + s.access());
        }
        return s;
    }

    private static String describe(String what, Register reg) {
        return reg == null ? what : what + " " + reg.name();
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
    public void attachTranslationFlush(Runnable flushAll) {
        this.translationFlush = flushAll;
    }

    @Override
    public void vcpuInit(CpuState cpu) {
        int index = cpu.vcpuIndex;
        scopes.started(cpu);
        vcpuCount.accumulateAndGet(index + 1, Math::max);
        each(vcpuInit, cpu, cb -> cb.onVcpu(index));
    }

    @Override
    public void vcpuExit(CpuState cpu) {
        each(vcpuExit, cpu, cb -> cb.onVcpu(cpu.vcpuIndex));
    }

    @Override
    public void atExit() {
        if (!exited.compareAndSet(false, true)) {
            return;
        }
        each(atExit, null, ExitCallback::onExit);
    }

    @Override
    public boolean wantsSyscalls() {
        return !syscall.isEmpty() || !syscallReturn.isEmpty() || !syscallFilter.isEmpty()
                || wantsDiscontinuity(Discontinuity.HOSTCALL);
    }

    @Override
    public OptionalLong syscallEntry(CpuState cpu, long number, long[] args) {
        int v = cpu.vcpuIndex;
        each(syscall, cpu, cb -> cb.onSyscall(v, number, args.clone()));
        if (syscallFilter.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong[] result = {OptionalLong.empty()};
        inScope(cpu, () -> {
            for (Registered<SyscallFilter> r : syscallFilter) {
                if (!r.current()) {
                    continue;
                }
                OptionalLong ret = call(r, f -> f.filter(v, number, args.clone()));
                if (ret != null && ret.isPresent()) {
                    result[0] = ret;
                    return;
                }
            }
        });
        return result[0];
    }

    @Override
    public void syscallReturn(CpuState cpu, long number, long result) {
        each(syscallReturn, cpu, cb -> cb.onSyscallReturn(cpu.vcpuIndex, number, result));
    }

    @Override
    public boolean wantsDiscontinuity(Discontinuity kind) {
        for (Registered<DisconWatch> r : discontinuity) {
            if (r.callback().kinds().contains(kind)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void discontinuity(CpuState cpu, Discontinuity kind, long fromPc, long toPc) {
        each(discontinuity, cpu, w -> {
            if (w.kinds().contains(kind)) {
                w.callback().onDiscontinuity(cpu.vcpuIndex, kind, fromPc, toPc);
            }
        });
    }

    /** Runs {@code call} on every current callback of {@code list}, inside the vCPU's scope when there is one. */
    private <T> void each(List<Registered<T>> list, CpuState cpu, Consumer<T> call) {
        if (list.isEmpty()) {
            return;
        }
        inScope(cpu, () -> {
            for (Registered<T> r : list) {
                if (r.current()) {
                    call(r, cb -> {
                        call.accept(cb);
                        return null;
                    });
                }
            }
        });
    }

    private static <T, R> R call(Registered<T> r, java.util.function.Function<T, R> f) {
        try {
            return f.apply(r.callback());
        } catch (ResumeAt | ExitProcess e) {
            throw e;
        } catch (Throwable t) {
            throw failure(r.plugin().name(), t);
        }
    }

    /** Runtime events happen between blocks: registers are all in CpuState, so callbacks may do anything. */
    private void inScope(CpuState cpu, Runnable body) {
        VcpuScope s = cpu == null ? null : scopes.get(cpu.vcpuIndex);
        if (s == null || !s.onOwnThread()) {
            body.run();
            return;
        }
        long pcBefore = s.pc();
        RegAccess before = s.enter(RegAccess.RW_REGS_PC, pcSlot < 0 ? 0 : cpu.regs[pcSlot]);
        try {
            body.run();
        } finally {
            s.leave(before, pcBefore);
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
            if (!r.current()) {
                continue;
            }
            try {
                r.callback().onTranslate(new TbViewImpl(tb, r.plugin(), dis, symbols));
            } catch (Throwable t) {
                throw failure(r.plugin().name(), t);
            }
        }
    }

    private static PluginFailure failure(String plugin, Throwable t) {
        return t instanceof PluginFailure f ? f : new PluginFailure(plugin, t);
    }
}
