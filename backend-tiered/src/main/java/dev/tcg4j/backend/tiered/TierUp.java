package dev.tcg4j.backend.tiered;

import dev.tcg4j.ir.spi.ExecutableBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unit that moves to the second tier as a whole: a block, or a region (one entry per member).
 * Its entries count executions on the interpreter's code; at the threshold the unit is queued for
 * the compile thread, which compiles it with the bytecode backend ({@link #compile}) and swaps every
 * entry to the result. A unit the queue had no room for counts again from zero; one the bytecode
 * backend refuses keeps the interpreter's code.
 */
abstract class TierUp implements Runnable {
    /** The backends' {@code -d backend} logger. */
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.backend");

    private final TierCompiler compiler;
    private final int threshold;
    /** Executions so far; written by every vCPU that runs an entry without synchronisation, as the
     *  runtime's block heat is: a lost increment delays the tier-up by one execution. */
    private int heat;
    /** When the unit was queued ({@link System#nanoTime}), for the {@code -d backend} log. */
    private long queuedAt;

    TierUp(TierCompiler compiler, int threshold) {
        this.compiler = compiler;
        this.threshold = threshold;
    }

    /** Queues the unit at once when its threshold is 0; call once the entries exist. */
    final void start() {
        if (threshold <= 0) {
            submit();
        }
    }

    private void submit() {
        queuedAt = System.nanoTime();
        compiler.submit(this);
    }

    /** An entry ran the interpreter's code once more. */
    final void executed() {
        if (++heat == threshold) {
            submit();
        }
    }

    /** The queue was full: count again, and ask again after as many executions. */
    final void rejected() {
        heat = 0;
        if (threshold <= 0) {
            heat = -RETRY_AFTER_REJECTION;
        }
    }

    /** A unit queued at once and turned away asks again after this many entries. */
    static final int RETRY_AFTER_REJECTION = 64;

    @Override
    public final void run() {
        long started = System.nanoTime();
        try {
            String done = compile();
            if (done != null && LOG.isDebugEnabled()) {
                LOG.debug("{}: {} after {} us queued, {} us compiling", this, done, (started - queuedAt) / 1000,
                        (System.nanoTime() - started) / 1000);
            }
        } catch (RuntimeException | LinkageError e) {
            // the interpreter's code is right; only the speed-up is lost
            LOG.debug("{} stays interpreted: {}", this, e.toString());
            heat = Integer.MIN_VALUE;
        }
    }

    /**
     * On the compile thread: compiles the unit with the bytecode backend and swaps its entries, saying
     * what it installed, or leaves them interpreted and returns null; may throw for code the bytecode
     * backend cannot compile.
     */
    abstract String compile();

    /** Gives up on the second tier: the entries keep the interpreter's code and stop asking. */
    final void stayInterpreted(String why) {
        LOG.debug("{} stays interpreted: {}", this, why);
        heat = Integer.MIN_VALUE;
    }

    /** Swaps {@code entries[i]} to {@code compiled[i]}, each in one volatile write. */
    static void swap(TieredBlock[] entries, ExecutableBlock[] compiled) {
        for (int i = 0; i < entries.length; i++) {
            entries[i].swap(compiled[i]);
        }
    }
}
