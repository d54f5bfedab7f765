package dev.tcg4j.ir;

/** An op list breaks a rule of the IR: a bug in the frontend or a pass that produced it, found by {@link IrVerifier}. */
public final class InvalidIrException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidIrException(String message) {
        super(message);
    }
}
