package dev.tcg4j.backend.lockstep;

/** The subject side of a lockstep block calls helpers otherwise than the reference did; ends that side. */
final class ReplayMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayMismatch(String message) {
        super(message, null, false, false);
    }
}
