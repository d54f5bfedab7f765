package dev.tcg4j.injector.call;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * One generation of a plugin's registrations, current until the plugin is reset or uninstalled.
 *
 * <p>Translated code asks {@link #isCurrent} before every callback, so the check must cost nothing.
 * A volatile counter did not: its load is a barrier no other access moves across, and on
 * {@code -plugin insn} it doubled the cost of the callbacks. HotSpot folds the target of a constant
 * call site (a record's field of a constant adapter) into the code that reads it, and
 * {@link #end} deoptimises that code, so a block still running sees the end at once, as it did with
 * the counter. This is what {@link java.lang.invoke.SwitchPoint} does inside; the call site is
 * read directly because every byte of an inlined callback counts against the JIT's inlining
 * budget for a whole block (see ExecAdapter).
 */
public record Generation(MutableCallSite site) {
    private static final MethodHandle CURRENT = MethodHandles.constant(boolean.class, true);
    private static final MethodHandle ENDED = MethodHandles.constant(boolean.class, false);

    static Generation first() {
        return new Generation(new MutableCallSite(CURRENT));
    }

    public boolean isCurrent() {
        return site.getTarget() == CURRENT;
    }

    /** Ends this generation for every thread; returns the next one. */
    Generation end() {
        site.setTarget(ENDED);
        MutableCallSite.syncAll(new MutableCallSite[] {site});
        return first();
    }
}
