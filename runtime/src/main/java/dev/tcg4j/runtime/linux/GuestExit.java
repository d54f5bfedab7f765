package dev.tcg4j.runtime.linux;

/**
 * The guest process ends: thrown out of the CPU loop by exit_group or by a fatal signal, once per
 * process, so an exception costs nothing that matters here.
 */
public final class GuestExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final int signal;

    public GuestExit(int status) {
        this(status, 0);
    }

    private GuestExit(int status, int signal) {
        super("guest exit " + status, null, false, false);
        this.status = status;
        this.signal = signal;
    }

    /** The process dies of {@code signal}: status 128 + signal, as a shell reports it. */
    public static GuestExit bySignal(int signal) {
        return new GuestExit(128 + signal, signal);
    }

    /** The signal the process dies of; 0 for an exit. */
    public int signal() {
        return signal;
    }

    /** The host exit status: the guest's exit code, or 128 + signal for a death by signal. */
    public int status() {
        return status;
    }
}
