package dev.tcg4j.runtime.linux.signal;

/** A guest {@code struct sigaction} as riscv64's kernel sees it: handler, flags, mask (24 bytes). */
public record SigAction(long handler, long flags, long mask) {
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;
    public static final long SA_SIGINFO = 4;
    public static final long SA_ONSTACK = 0x08000000L;
    public static final long SA_RESTART = 0x10000000L;
    public static final long SA_NODEFER = 0x40000000L;
    public static final long SA_RESETHAND = 0x80000000L;

    public static final SigAction DEFAULT = new SigAction(SIG_DFL, 0, 0);

    public boolean isDefault() {
        return handler == SIG_DFL;
    }

    public boolean isIgnore() {
        return handler == SIG_IGN;
    }
}
