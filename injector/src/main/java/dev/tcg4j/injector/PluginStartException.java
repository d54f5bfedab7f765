package dev.tcg4j.injector;

/** A plugin could not be started: unknown, or it rejected its arguments. The message is for the user. */
public final class PluginStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginStartException(String message) {
        super(message);
    }
}
