package dev.tcg4j.runtime.linux.signal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code syscall(2)}, for the few host signal calls that take the JVM's place: one call shape
 * for all of them, linked on first use (most runs never need it). Returns as libc's does: -1 and
 * errno on failure.
 */
final class RawSyscall {
    static final long MMAP = 9;
    static final long MPROTECT = 10;
    static final long RT_SIGACTION = 13;

    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1));

    private RawSyscall() {}

    /** Does nothing, but the first call links the handle (the class initialiser). */
    static void link() {}

    static long call(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        try {
            return (long) SYSCALL.invokeExact(nr, a0, a1, a2, a3, a4, a5);
        } catch (Throwable t) {
            throw new IllegalStateException("syscall " + nr, t);
        }
    }

    /**
     * Puts the host's default action back for {@code sig}, which the emulator's parent left ignored:
     * the JVM installs no handler for an ignored SIGINT, SIGTERM or SIGHUP, and a guest that asks for
     * the signal must get it. (The kernel's struct sigaction of SIG_DFL is all zeros.)
     */
    static boolean resetToDefault(int sig) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            var action = arena.allocate(32, 8); // zeroed: SIG_DFL, no flags, no restorer, empty mask
            return call(RT_SIGACTION, sig, action.address(), 0, 8, 0, 0) == 0;
        }
    }
}
