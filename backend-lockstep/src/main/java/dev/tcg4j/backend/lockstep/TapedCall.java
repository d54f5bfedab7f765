package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.CpuState;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Stands in for one helper with side effects in a block compiled for lockstep: on the reference
 * side it calls the helper and records the call on the {@link HelperTape}; on the subject side it
 * replays the recorded call instead, so that the helper runs once.
 */
final class TapedCall implements TapedCalls.Run0, TapedCalls.Run1, TapedCalls.Run2, TapedCalls.Run3,
        TapedCalls.Run4, TapedCalls.Run5, TapedCalls.Run6, TapedCalls.Call0, TapedCalls.Call1, TapedCalls.Call2,
        TapedCalls.Call3, TapedCalls.Call4, TapedCalls.Call5, TapedCalls.Call6 {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final Helper original;
    private final HelperTape tape;
    /** The original as {@code (CpuState, long[]) long}; null on the replaying side. */
    private final MethodHandle invoker;

    private TapedCall(Helper original, HelperTape tape, MethodHandle invoker) {
        this.original = original;
        this.tape = tape;
        this.invoker = invoker;
    }

    /** A helper that calls {@code original} and records the call. */
    static Helper recording(Helper original, HelperTape tape) {
        return bind(original, new TapedCall(original, tape, invoker(original)));
    }

    /** A helper that replays the next recorded call, which must be a call of {@code original}. */
    static Helper replaying(Helper original, HelperTape tape) {
        return bind(original, new TapedCall(original, tape, null));
    }

    Helper original() {
        return original;
    }

    /** Calls the original helper. */
    long invokeOriginal(CpuState cpu, long[] args) {
        try {
            return (long) invoker.invokeExact(cpu, args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("helper " + original + " threw " + e, e);
        }
    }

    private static Helper bind(Helper original, TapedCall call) {
        int n = original.longArgs();
        if (n > TapedCalls.MAX_ARGS) {
            throw new IllegalArgumentException("lockstep cannot tape helper " + original + " with " + n + " arguments");
        }
        Class<?>[] params = new Class<?>[n + 1];
        params[0] = CpuState.class;
        for (int i = 1; i <= n; i++) {
            params[i] = long.class;
        }
        boolean value = original.returnsValue();
        MethodType type = MethodType.methodType(value ? long.class : void.class, params);
        return Helper.bound(original.name(), value ? TapedCalls.CALL[n] : TapedCalls.RUN[n], value ? "call" : "run",
                type, original.flags(), call);
    }

    /** The original, adapted to take the CPU and its long arguments as an array and to return a long. */
    private static MethodHandle invoker(Helper h) {
        MethodHandle mh;
        try {
            mh = h.isBound() ? LOOKUP.findVirtual(h.owner(), h.method(), h.type()).bindTo(h.receiver())
                    : LOOKUP.findStatic(h.owner(), h.method(), h.type());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("helper " + h + " is not accessible to lockstep", e);
        }
        if (!h.takesCpu()) {
            mh = MethodHandles.dropArguments(mh, 0, CpuState.class);
        }
        if (!h.returnsValue()) {
            mh = MethodHandles.filterReturnValue(mh, MethodHandles.constant(long.class, 0L));
        }
        return mh.asSpreader(long[].class, h.longArgs());
    }

    private long invoke(CpuState cpu, long... args) {
        return invoker != null ? tape.record(this, cpu, args) : tape.replay(this, cpu, args);
    }

    @Override
    public void run(CpuState cpu) {
        invoke(cpu);
    }

    @Override
    public void run(CpuState cpu, long a) {
        invoke(cpu, a);
    }

    @Override
    public void run(CpuState cpu, long a, long b) {
        invoke(cpu, a, b);
    }

    @Override
    public void run(CpuState cpu, long a, long b, long c) {
        invoke(cpu, a, b, c);
    }

    @Override
    public void run(CpuState cpu, long a, long b, long c, long d) {
        invoke(cpu, a, b, c, d);
    }

    @Override
    public void run(CpuState cpu, long a, long b, long c, long d, long e) {
        invoke(cpu, a, b, c, d, e);
    }

    @Override
    public void run(CpuState cpu, long a, long b, long c, long d, long e, long f) {
        invoke(cpu, a, b, c, d, e, f);
    }

    @Override
    public long call(CpuState cpu) {
        return invoke(cpu);
    }

    @Override
    public long call(CpuState cpu, long a) {
        return invoke(cpu, a);
    }

    @Override
    public long call(CpuState cpu, long a, long b) {
        return invoke(cpu, a, b);
    }

    @Override
    public long call(CpuState cpu, long a, long b, long c) {
        return invoke(cpu, a, b, c);
    }

    @Override
    public long call(CpuState cpu, long a, long b, long c, long d) {
        return invoke(cpu, a, b, c, d);
    }

    @Override
    public long call(CpuState cpu, long a, long b, long c, long d, long e) {
        return invoke(cpu, a, b, c, d, e);
    }

    @Override
    public long call(CpuState cpu, long a, long b, long c, long d, long e, long f) {
        return invoke(cpu, a, b, c, d, e, f);
    }

    @Override
    public String toString() {
        return original.name();
    }
}
