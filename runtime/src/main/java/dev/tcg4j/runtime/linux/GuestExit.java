package dev.tcg4j.runtime.linux;

/**
 * The guest process ends: thrown out of the CPU loop by exit_group or by a fatal signal, once per
 * process, so an exception costs nothing that matters here.
 */
public final class GuestExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public GuestExit(int status) {
        super("guest exit " + status, null, false, false);
        this.status = status;
    }

    /** The host exit status: the guest's exit code, or 128 + signal for a death by signal. */
    public int status() {
        return status;
    }
}
