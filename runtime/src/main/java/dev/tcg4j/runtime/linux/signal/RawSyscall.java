package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.memory.HostFunction;

/**
 * libc's {@code syscall(2)} with the x86-64 host's numbers, for the few host signal calls that take
 * the JVM's place. Returns as a system call does: the result, or -errno.
 */
final class RawSyscall {
    static final long RT_SIGACTION = 13;

    private static final HostFunction SYSCALL = HostFunction.variadicReturningLong("syscall");

    private RawSyscall() {}

    /** At most five arguments: the call shape has six. */
    static long call(long nr, long a0, long a1, long a2, long a3, long a4) {
        return SYSCALL.call(nr, a0, a1, a2, a3, a4);
    }

    /**
     * Puts the host's default action back for {@code sig}, which the emulator's parent left ignored:
     * the JVM installs no handler for an ignored SIGINT, SIGTERM or SIGHUP, and a guest that asks for
     * the signal must get it. (The kernel's struct sigaction of SIG_DFL is all zeros.)
     */
    static boolean resetToDefault(int sig) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            var action = arena.allocate(32, 8); // zeroed: SIG_DFL, no flags, no restorer, empty mask
            return call(RT_SIGACTION, sig, action.address(), 0, 8, 0) == 0;
        }
    }
}
