package dev.tcg4j.injector.gen;

import dev.tcg4j.injector.instrument.TbRequests;
import dev.tcg4j.ir.IrDump;
import dev.tcg4j.ir.PluginMarker;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.spi.TranslatorHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translator's plugin hooks, as QEMU's plugin-gen.c: empty markers while the block is
 * translated, then at {@link #tbEnd} the plugins' translation callbacks and the {@link InjectPass}
 * that fills or removes the markers.
 *
 * <p>One instance per translating thread: it keeps the state of the block under translation. A
 * translation abandoned halfway (a fault while fetching code) never reaches {@link #tbEnd}; the next
 * {@link #tbStart} forgets it.
 */
public final class PluginGen implements TranslatorHooks {
    private static final Logger OP_PLUGIN = LoggerFactory.getLogger("tcg4j.op_plugin");
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.plugin");

    private final TranslationCallbacks callbacks;
    private final LongPredicate debugFilter;

    private boolean translating;
    /** Whether this block gets markers: decided once at tbStart so that a block is all or nothing. */
    private boolean active;
    private final List<Long> startedPcs = new ArrayList<>();

    public PluginGen(TranslationCallbacks callbacks, LongPredicate debugFilter) {
        this.callbacks = callbacks;
        this.debugFilter = debugFilter == null ? pc -> true : debugFilter;
    }

    @Override
    public boolean enabled() {
        return translating ? active : callbacks.wanted();
    }

    @Override
    public void tbStart(TbBuilder b) {
        translating = true;
        active = callbacks.wanted();
        startedPcs.clear();
        if (active) {
            b.pluginMarker(PluginMarker.FROM_TB);
        }
    }

    @Override
    public void insnStart(TbBuilder b, long pc) {
        if (active) {
            startedPcs.add(pc);
            b.pluginMarker(PluginMarker.FROM_INSN);
        }
    }

    @Override
    public void insnEnd(TbBuilder b) {
        if (active) {
            b.pluginMarker(PluginMarker.AFTER_INSN);
        }
    }

    @Override
    public void beforeExit(TbBuilder b) {
        if (active) {
            b.pluginMarker(PluginMarker.AFTER_TB);
        }
    }

    @Override
    public void tbEnd(TbBuilder b, int insnCount) {
        boolean wasActive = active;
        translating = false;
        active = false;
        if (!wasActive) {
            return;
        }
        keepFirst(b, insnCount);
        TbRequests requests = new TbRequests(b.pc(), b.insns());
        try {
            callbacks.translated(requests);
        } finally {
            requests.close();
        }
        if (OP_PLUGIN.isDebugEnabled() && debugFilter.test(b.pc())) {
            OP_PLUGIN.debug("OP before plugin injection:\n{}", IrDump.dump(b.ops()));
        }
        InjectPass.run(b.build(), requests);
        if (LOG.isTraceEnabled()) {
            LOG.trace("instrumented block 0x{}: {} insns, {}", Long.toHexString(b.pc()), insnCount,
                    requests.isEmpty() ? "no requests" : "requests injected");
        }
    }

    /** The translator may have dropped the last instruction(s) it started: plugins see only the kept ones. */
    private void keepFirst(TbBuilder b, int insnCount) {
        if (insnCount < 0 || insnCount > startedPcs.size()) {
            throw new IllegalArgumentException("tbEnd with " + insnCount + " instructions, but "
                    + startedPcs.size() + " were started");
        }
        startedPcs.subList(insnCount, startedPcs.size()).clear();
        while (b.insns().size() > insnCount) {
            b.dropLastInsn();
        }
        if (b.insns().size() < insnCount) {
            throw new IllegalStateException("the frontend recorded " + b.insns().size() + " of " + insnCount
                    + " instructions");
        }
        for (int i = 0; i < insnCount; i++) {
            if (b.insns().get(i).vaddr() != startedPcs.get(i)) {
                throw new IllegalStateException("instruction " + i + " recorded at 0x"
                        + Long.toHexString(b.insns().get(i).vaddr()) + " but started at 0x"
                        + Long.toHexString(startedPcs.get(i)));
            }
        }
    }
}
