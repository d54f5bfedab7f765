package dev.tcg4j.injector.call;

import java.lang.invoke.SwitchPoint;

/**
 * One generation of a plugin's registrations, current until the plugin is reset or uninstalled.
 *
 * <p>Translated code asks {@link #isCurrent} before every callback, so the check must cost nothing.
 * A volatile counter did not: its load is a barrier no other access moves across, and on
 * {@code -plugin insn} it doubled the cost of the callbacks. HotSpot compiles
 * {@link SwitchPoint#hasBeenInvalidated} on a constant switch point (a record's field of a constant adapter) to
 * no code at all, and {@link #end} deoptimises the compiled code that relied on it, so a block still
 * running sees the end at once, as it did with the counter.
 */
public record Generation(SwitchPoint switchPoint) {
    static Generation first() {
        return new Generation(new SwitchPoint());
    }

    public boolean isCurrent() {
        return !switchPoint.hasBeenInvalidated();
    }

    /** Ends this generation for every thread; returns the next one. */
    Generation end() {
        SwitchPoint.invalidateAll(new SwitchPoint[] {switchPoint});
        return first();
    }
}
