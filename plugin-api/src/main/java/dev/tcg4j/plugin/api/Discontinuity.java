package dev.tcg4j.plugin.api;

/**
 * Kinds of control-flow discontinuity, as QEMU's {@code qemu_plugin_discon_type}. In user mode an
 * {@link #EXCEPTION} is a synchronous signal entering its handler (a fault, an illegal instruction, a
 * breakpoint), an {@link #INTERRUPT} an asynchronous signal entering its handler, and a
 * {@link #HOSTCALL} a system call; returning from a handler ({@code rt_sigreturn}) is reported as a
 * {@link #HOSTCALL} too, from the call to the restored pc.
 */
public enum Discontinuity {
    /** An asynchronous signal entered its handler. */
    INTERRUPT,
    /** A synchronous signal (a fault, an illegal instruction, a breakpoint) entered its handler. */
    EXCEPTION,
    /** A system call, or a return from a signal handler. */
    HOSTCALL
}
