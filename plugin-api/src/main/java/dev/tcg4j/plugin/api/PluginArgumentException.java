package dev.tcg4j.plugin.api;

/**
 * Thrown by {@link Plugin#install} to reject its arguments. The message is shown to the user as is,
 * so make it say which argument is wrong and why.
 */
public class PluginArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A rejection.
     *
     * @param message what is wrong, shown to the user as is
     */
    public PluginArgumentException(String message) {
        super(message);
    }
}
