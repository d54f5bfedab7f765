package dev.tcg4j.runtime.embed;

/**
 * How a guest run ended.
 *
 * @param status the status a shell would report: the guest's exit code, 128 + the signal for a death
 *     by signal, or 1 when the emulator could not run the program (the reason is on the run's stderr)
 * @param signal the signal the guest died of, 0 when it exited
 */
public record GuestResult(int status, int signal) {
    /**
     * Whether the guest died of a signal.
     *
     * @return true when it did ({@link #signal()} says which)
     */
    public boolean killedBySignal() {
        return signal != 0;
    }

    /**
     * The guest's exit code.
     *
     * @return the code it passed to exit
     *
     * @throws IllegalStateException when the guest died of a signal instead
     */
    public int exitCode() {
        if (signal != 0) {
            throw new IllegalStateException("the guest died of signal " + signal);
        }
        return status;
    }
}
