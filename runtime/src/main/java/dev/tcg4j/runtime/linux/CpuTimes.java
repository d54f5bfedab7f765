package dev.tcg4j.runtime.linux;

/** User and system CPU time in nanoseconds, as getrusage, times and wait4 report them. */
public record CpuTimes(long userNanos, long systemNanos) {
    public static final CpuTimes ZERO = new CpuTimes(0, 0);
    /** USER_HZ: the unit of clock_t in times() and in a child's si_utime and si_stime. */
    private static final long NANOS_PER_TICK = 10_000_000;

    public CpuTimes plus(CpuTimes other) {
        return new CpuTimes(userNanos + other.userNanos, systemNanos + other.systemNanos);
    }

    public long userTicks() {
        return userNanos / NANOS_PER_TICK;
    }

    public long systemTicks() {
        return systemNanos / NANOS_PER_TICK;
    }
}
