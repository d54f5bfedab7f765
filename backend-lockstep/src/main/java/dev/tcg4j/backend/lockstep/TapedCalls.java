package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * The interfaces a taped helper is bound through, one per shape a CALL op can have: the CPU, then
 * up to six longs, returning nothing ({@code run}) or a long ({@code call}). Public, so that a
 * backend links them as it links any bound helper.
 */
public final class TapedCalls {
    /** The most long arguments a taped helper takes. */
    public static final int MAX_ARGS = 6;

    private TapedCalls() {}

    public interface Run0 {
        void run(CpuState cpu);
    }

    public interface Run1 {
        void run(CpuState cpu, long a);
    }

    public interface Run2 {
        void run(CpuState cpu, long a, long b);
    }

    public interface Run3 {
        void run(CpuState cpu, long a, long b, long c);
    }

    public interface Run4 {
        void run(CpuState cpu, long a, long b, long c, long d);
    }

    public interface Run5 {
        void run(CpuState cpu, long a, long b, long c, long d, long e);
    }

    public interface Run6 {
        void run(CpuState cpu, long a, long b, long c, long d, long e, long f);
    }

    public interface Call0 {
        long call(CpuState cpu);
    }

    public interface Call1 {
        long call(CpuState cpu, long a);
    }

    public interface Call2 {
        long call(CpuState cpu, long a, long b);
    }

    public interface Call3 {
        long call(CpuState cpu, long a, long b, long c);
    }

    public interface Call4 {
        long call(CpuState cpu, long a, long b, long c, long d);
    }

    public interface Call5 {
        long call(CpuState cpu, long a, long b, long c, long d, long e);
    }

    public interface Call6 {
        long call(CpuState cpu, long a, long b, long c, long d, long e, long f);
    }

    static final Class<?>[] RUN = {Run0.class, Run1.class, Run2.class, Run3.class, Run4.class, Run5.class,
        Run6.class};
    static final Class<?>[] CALL = {Call0.class, Call1.class, Call2.class, Call3.class, Call4.class, Call5.class,
        Call6.class};
}
