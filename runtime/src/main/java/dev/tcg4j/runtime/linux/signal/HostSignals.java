package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.memory.HostFunction;
import dev.tcg4j.runtime.linux.GuestThreads;
import dev.tcg4j.runtime.linux.host.Libc;
import java.util.List;

/**
 * Signals sent to the emulator process (kill, a terminal's ^C, a window resize) passed on to the
 * guest processes of the first process's group, as a terminal's reach its foreground group: a
 * handler runs, and when there is none, the default action happens (a fatal one kills the process
 * with that signal; for the first process, the emulator then dies of it).
 *
 * <p>Handlers go through {@code sun.misc.Signal} (module jdk.unsupported, no flags needed): the
 * JVM's own native handler records the signal and runs ours on an ordinary Java thread, where taking
 * locks and queueing the guest signal is safe. Installing a handler with FFM's sigaction would need
 * a native function as the handler, and an upcall stub run inside a signal handler is not
 * async-signal-safe (it may interrupt a thread holding a lock the upcall needs). SIGQUIT, which the
 * JVM keeps for its thread dump and refuses to hand over, comes through {@link HostQuitSignal}.
 *
 * <p>SIGPIPE from the host's kernel must not reach the guest twice: a guest write to a broken pipe
 * raises the guest's SIGPIPE itself, so each vCPU thread blocks the host's thread-directed SIGPIPE
 * ({@link #blockPipeOnThisThread}); a SIGPIPE sent with kill, to the process, still arrives here.
 *
 * <p>HotSpot's thread-suspend signal ({@link #jvmSuspendSignal}) stays the JVM's.
 */
public final class HostSignals {
    /** The signals forwarded: those a terminal, a shell or a supervisor sends to a program. */
    private static final String[] FORWARDED = {"HUP", "INT", "TERM", "USR1", "USR2", "PIPE", "ALRM", "CHLD", "CONT",
        "WINCH", "URG", "VTALRM", "PROF", "IO", "PWR", "SYS", "XCPU", "XFSZ"};
    private static final ThreadLocal<Boolean> PIPE_BLOCKED = ThreadLocal.withInitial(() -> false);

    private HostSignals() {}

    /** A guest process a host signal goes to: its signals and its threads. */
    public record Recipient(Signals signals, GuestThreads threads) {}

    /** The guest processes a host signal reaches now, as a terminal's signal reaches its foreground group. */
    public interface Recipients {
        List<Recipient> now();
    }

    private static volatile Recipients recipients;
    private static boolean installed;

    /**
     * From now on the forwarded host signals go to the processes {@code to} names when each arrives.
     * Those the emulator started with ignored ({@code ignoredAtStart}, a mask of bit {@code n-1} for
     * signal {@code n}) get the host's default action back first, since the JVM handles no ignored
     * SIGINT, SIGTERM or SIGHUP: the guest starts with them ignored, and may ask for them.
     */
    public static synchronized void forwardTo(Recipients to, long ignoredAtStart) {
        recipients = to;
        if (installed) {
            return;
        }
        installed = true;
        int suspend = jvmSuspendSignal(System.getenv("_JAVA_SR_SIGNUM"));
        for (String name : FORWARDED) {
            try {
                // named in full here, not imported: javadoc warns of every import of sun.misc, but skips bodies
                sun.misc.Signal signal = new sun.misc.Signal(name);
                if (signal.getNumber() == suspend) {
                    continue;
                }
                if ((ignoredAtStart & Signals.bit(signal.getNumber())) != 0) {
                    RawSyscall.resetToDefault(signal.getNumber());
                }
                sun.misc.Signal.handle(signal, sig -> deliver(sig.getNumber()));
            } catch (IllegalArgumentException taken) {
                // a signal the JVM keeps (or the host lacks): it stays the JVM's
            }
        }
        if (HostQuitSignal.supported()) {
            try {
                // SIGQUIT arrives as SIGSTKFLT (see HostQuitSignal)
                sun.misc.Signal.handle(new sun.misc.Signal("STKFLT"), sig -> deliver(SignalNames.SIGQUIT));
                HostQuitSignal.install();
            } catch (IllegalArgumentException taken) {
                // a JVM that keeps SIGSTKFLT: SIGQUIT stays the JVM's
            }
        }
    }

    /**
     * The signal HotSpot suspends threads with (JFR's sampler, for one): SIGUSR2, unless
     * {@code _JAVA_SR_SIGNUM} names another that HotSpot accepts (above SIGPIPE, below NSIG). It
     * is not forwarded, since taking it over leaves a suspended thread's signal to the guest, which
     * dies of it. bin/tcg4j-riscv64 moves it to a real-time signal, so that SIGUSR2 reaches the guest.
     */
    static int jvmSuspendSignal(String srSignum) {
        if (srSignum != null) {
            try {
                int sig = Integer.parseInt(srSignum.trim());
                if (sig > 13 && sig < 65) {
                    return sig;
                }
            } catch (NumberFormatException ignored) {
                // HotSpot warns and keeps SIGUSR2
            }
        }
        return SignalNames.SIGUSR2;
    }

    /**
     * Links the host call that taking SIGQUIT over needs (see {@link #forwardTo}), for a start-up
     * thread to do while the program loads: the FFM linker spins classes for a new call shape.
     */
    public static void linkAhead() {
        if (HostQuitSignal.supported()) {
            HostFunction.link();
        }
    }

    private static void deliver(int sig) {
        Recipients to = recipients;
        if (to == null) {
            return;
        }
        for (Recipient r : to.now()) {
            if (r.threads().ended()) {
                continue;
            }
            // the sender is unknown here (the JVM does not pass siginfo on); si_code SI_USER as from kill
            if (r.signals().postFromHost(SigInfo.sent(sig, SigInfo.SI_USER, 0, 0))) {
                // the default action kills: the process ends at once, dead of the signal
                r.threads().end(128 + sig, sig, null);
            }
        }
    }

    /** Blocks the host's SIGPIPE on the calling vCPU thread, once (see the class comment). */
    public static void blockPipeOnThisThread(Libc libc) {
        if (PIPE_BLOCKED.get()) {
            return;
        }
        PIPE_BLOCKED.set(true);
        // a typed call, not HostCalls' generic one: this is on every vCPU thread's first system call, where
        // invokeWithArguments cost start-up tens of milliseconds of method-handle spinning
        libc.blockOnThisThread(Signals.bit(SignalNames.SIGPIPE));
    }
}
