package dev.tcg4j.plugin.api;

/**
 * The test of a conditional callback, as QEMU's {@code qemu_plugin_cond}: the callback runs when
 * {@code entry COND imm} holds, comparing both as unsigned 64-bit integers.
 */
public enum Condition {
    /** Never holds: the callback never runs. */
    NEVER,
    /** Always holds: the callback always runs. */
    ALWAYS,
    /** {@code entry == imm}. */
    EQ,
    /** {@code entry != imm}. */
    NE,
    /** {@code entry < imm}, unsigned. */
    LT,
    /** {@code entry <= imm}, unsigned. */
    LE,
    /** {@code entry > imm}, unsigned. */
    GT,
    /** {@code entry >= imm}, unsigned. */
    GE;

    /**
     * Evaluates {@code a COND b} with unsigned comparisons.
     *
     * @param a the scoreboard entry's value
     * @param b the immediate
     * @return whether the condition holds
     */
    public boolean test(long a, long b) {
        int c = Long.compareUnsigned(a, b);
        return switch (this) {
            case NEVER -> false;
            case ALWAYS -> true;
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }
}
