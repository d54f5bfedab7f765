package dev.tcg4j.backend.interpreter;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.CpuState;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One CALL op's helper, linked when the block is pre-decoded: a method handle of the uniform shape
 * {@code (CpuState, long...) long} that the interpreter invokes exactly, one call site per arity. A
 * helper without the CpuState parameter gets it dropped, a void one returns 0, a bound one has its
 * receiver bound, and more than {@link Instructions#MAX_DIRECT_ARGS} arguments come in a
 * {@code long[]}.
 *
 * <p>The flags say what to do around the call, as in the bytecode backend: a helper that reads
 * globals gets the cached ones written back first; one that writes them also gets them reloaded
 * after, and if it traps, nothing is written back over what it wrote.
 */
final class CallSite {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle RETURN_ZERO = MethodHandles.constant(long.class, 0L);
    /** Handles of the uniform shape, not yet bound to a receiver, by method: lookups are not cheap. */
    private static final ConcurrentHashMap<Key, MethodHandle> UNBOUND = new ConcurrentHashMap<>();

    private record Key(Class<?> owner, String method, MethodType type, boolean bound) {}

    final String name;
    final int arity;
    final MethodHandle handle;
    /** Write the cached globals back before the call. */
    final boolean syncBefore;
    /** Reload the cached globals after the call; a trap in it leaves CpuState as the helper made it. */
    final boolean reloadAfter;
    /** Flagged as one that may raise a guest trap, or touch guest memory (which may fault). */
    final boolean canTrap;

    private CallSite(Helper h, MethodHandle handle) {
        this.name = h.name();
        this.arity = h.longArgs();
        this.handle = handle;
        this.reloadAfter = h.has(Helper.WRITES_GLOBALS);
        this.syncBefore = reloadAfter || h.has(Helper.READS_GLOBALS);
        this.canTrap = h.has(Helper.MAY_TRAP) || h.has(Helper.TOUCHES_GUEST_MEMORY);
    }

    /**
     * Links {@code h}.
     *
     * @throws IllegalArgumentException when its method does not exist, is not accessible, or is static
     *     where an interface method was expected (or the reverse)
     */
    static CallSite link(Helper h) {
        MethodHandle unbound = UNBOUND.computeIfAbsent(new Key(h.owner(), h.method(), h.type(), h.isBound()),
                k -> uniform(h));
        return new CallSite(h, h.isBound() ? unbound.bindTo(h.receiver()) : unbound);
    }

    private static MethodHandle uniform(Helper h) {
        MethodHandle mh;
        try {
            mh = h.isBound()
                    ? LOOKUP.findVirtual(h.owner(), h.method(), h.type())
                    : LOOKUP.findStatic(h.owner(), h.method(), h.type());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("helper " + h + ": no " + (h.isBound() ? "interface" : "static")
                    + " method " + h.owner().getName() + "." + h.method() + h.type(), e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("helper " + h + " is not accessible to the interpreter"
                    + (Modifier.isPublic(h.owner().getModifiers()) ? "" : " (its class is not public)"), e);
        }
        int first = h.isBound() ? 1 : 0; // the receiver stays first until it is bound
        if (!h.takesCpu()) {
            mh = MethodHandles.dropArguments(mh, first, CpuState.class);
        }
        if (!h.returnsValue()) {
            mh = MethodHandles.filterReturnValue(mh, RETURN_ZERO);
        }
        if (h.longArgs() > Instructions.MAX_DIRECT_ARGS) {
            mh = mh.asSpreader(long[].class, h.longArgs());
        }
        return mh;
    }

    @Override
    public String toString() {
        return name;
    }
}
