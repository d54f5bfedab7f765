package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.ir.spi.GuestFrontend;

/**
 * Runs every block on two backends from the same state and compares how they leave it: the
 * reference first, for real, then the subject from the state before the block, with the reference's
 * calls of helpers with side effects replayed (see {@link Lockstep}). At the first difference it
 * finds the first diverging guest instruction, logs a report and throws {@link LockstepDivergence}.
 *
 * <p>Works with any pair of backends and any guest. Regions are not compiled: blocks are compared
 * one at a time. vCPUs run their lockstep blocks one at a time.
 */
public final class LockstepBackend implements Backend {
    /** The backend's name, as {@code -backend} takes it. */
    public static final String NAME = "lockstep";

    private final Backend reference;
    private final Backend subject;
    private final Lockstep lockstep;

    public LockstepBackend(Backend reference, Backend subject, GuestFrontend frontend) {
        this.reference = reference;
        this.subject = subject;
        this.lockstep = new Lockstep(this, frontend);
    }

    @Override
    public String name() {
        return NAME;
    }

    public Backend reference() {
        return reference;
    }

    public Backend subject() {
        return subject;
    }

    /** Compiles the block on both backends; a backend refusing it as too large refuses it for both. */
    @Override
    public ExecutableBlock compile(TranslationBlock tb) {
        return compileBoth(tb);
    }

    LockstepBlock compileBoth(TranslationBlock tb) {
        HelperTape tape = lockstep.tape();
        ExecutableBlock r = reference.compile(BlockCopy.withTapedHelpers(tb, h -> TapedCall.recording(h, tape)));
        ExecutableBlock s = subject.compile(BlockCopy.withTapedHelpers(tb, h -> TapedCall.replaying(h, tape)));
        return new LockstepBlock(lockstep, tb, r, s);
    }
}
