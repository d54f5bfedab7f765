package dev.tcg4j.runtime.exec;

import java.util.function.LongPredicate;

/**
 * How the CPU loop translates and runs blocks.
 *
 * @param maxInsns guest instructions per block at most (1 with -one-insn-per-tb)
 * @param chaining follow goto_tb exits through direct links (off with -d nochain)
 * @param logFilter the -dfilter: which blocks the in_asm, op and exec logs show
 * @param tbSize bytes the translated blocks may be charged before the cache is flushed
 *     ({@code -accel tcg,tb-size=N}, in MiB; see {@link TbCache})
 */
public record ExecOptions(int maxInsns, boolean chaining, LongPredicate logFilter, long tbSize) {
    /**
     * QEMU's {@code TCG_MAX_INSNS}: with the same limit, a long straight run of code forms the blocks
     * QEMU forms, so that block-counting plugins (bb, hotblocks, bbv, drcov) agree with QEMU's.
     */
    public static final int DEFAULT_MAX_INSNS = 512;

    public static ExecOptions defaults() {
        return new ExecOptions(DEFAULT_MAX_INSNS, true, a -> true);
    }

    /** Options with the default {@link TbCache#DEFAULT_CAPACITY}. */
    public ExecOptions(int maxInsns, boolean chaining, LongPredicate logFilter) {
        this(maxInsns, chaining, logFilter, TbCache.DEFAULT_CAPACITY);
    }

    public ExecOptions {
        if (maxInsns < 1) {
            throw new IllegalArgumentException("maxInsns " + maxInsns);
        }
        if (tbSize <= 0) {
            throw new IllegalArgumentException("tbSize " + tbSize);
        }
    }
}
