package dev.tcg4j.backend.lockstep;

/**
 * One way the two sides of a lockstep block ended differently: what, and each side's value; a
 * difference that is a sentence of its own (a helper call the subject should not make) has no values.
 */
record Difference(String what, String reference, String subject) {
    static Difference ofLong(String what, long reference, long subject) {
        return new Difference(what, hex(reference), hex(subject));
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    @Override
    public String toString() {
        return reference == null ? what : what + ": " + reference + " != " + subject;
    }
}
