package dev.tcg4j.runtime.linux.signal;

/** The guest's sigaltstack: {@code stack_t} of 24 bytes (ss_sp, ss_flags, ss_size). */
public record AltStack(long sp, int flags, long size) {
    public static final int SS_ONSTACK = 1;
    public static final int SS_DISABLE = 2;
    public static final AltStack NONE = new AltStack(0, SS_DISABLE, 0);

    public boolean enabled() {
        return (flags & SS_DISABLE) == 0 && size > 0;
    }

    public boolean contains(long addr) {
        return enabled() && addr > sp && addr <= sp + size;
    }
}
