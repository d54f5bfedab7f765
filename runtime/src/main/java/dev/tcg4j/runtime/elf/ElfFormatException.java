package dev.tcg4j.runtime.elf;

/** The program cannot be loaded; the message is the one-line reason shown to the user. */
public final class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String reason) {
        super(reason);
    }
}
