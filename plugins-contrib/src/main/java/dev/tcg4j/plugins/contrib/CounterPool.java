package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;

/**
 * Hands out per-vCPU 64-bit counters for plugins that need one per block or per instruction (QEMU's
 * plugins keep a {@code uint64_t} in a heap record and point inline ops at it). A scoreboard's arrays
 * cannot grow once translated code refers to them, so counters come from scoreboards of
 * {@value #CHUNK} entries, a new one when the last is used up.
 */
final class CounterPool {
    static final int CHUNK = 512;

    private final PluginContext ctx;
    private Scoreboard current;
    private int used = CHUNK;

    CounterPool(PluginContext ctx) {
        this.ctx = ctx;
    }

    /** A fresh counter, zero on every vCPU. */
    synchronized ScoreboardU64 next() {
        if (used == CHUNK) {
            current = ctx.newScoreboard(CHUNK);
            used = 0;
        }
        return current.u64(used++);
    }
}
