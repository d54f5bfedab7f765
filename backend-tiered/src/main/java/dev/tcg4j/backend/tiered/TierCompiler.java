package dev.tcg4j.backend.tiered;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where hot units are compiled: one daemon thread at the lowest priority behind a bounded queue, so
 * that a vCPU only ever queues work and never waits for ASM or class definition, a burst of hot code
 * cannot pile up compile work without bound, and the end of a run never waits for a compile. The
 * thread stops when it has been idle for a second and starts again on the next unit.
 */
final class TierCompiler {
    /** Units waiting; more are turned away (they count again and ask later). */
    static final int QUEUE_CAPACITY = 512;

    private final Executor executor;

    private TierCompiler(Executor executor) {
        this.executor = executor;
    }

    /** The production compiler: its own background thread. */
    static TierCompiler background() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), TierCompiler::compileThread);
        pool.allowCoreThreadTimeOut(true);
        return new TierCompiler(pool);
    }

    /** A compiler that runs every unit on {@code executor}, for example at once on the calling thread. */
    static TierCompiler on(Executor executor) {
        return new TierCompiler(executor);
    }

    /** Queues {@code unit}; when there is no room, the unit counts again and asks later. */
    void submit(TierUp unit) {
        try {
            executor.execute(unit);
        } catch (RejectedExecutionException full) {
            unit.rejected();
        }
    }

    private static Thread compileThread(Runnable work) {
        Thread t = new Thread(work, "tcg4j-tier-compiler");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    }
}
