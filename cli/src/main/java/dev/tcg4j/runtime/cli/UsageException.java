package dev.tcg4j.runtime.cli;

/** Bad command-line usage; the message says what, and the usage text follows it. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
