package dev.tcg4j.runtime.linux.syscall;

/** An architecture's system call numbering: which implemented call a number names. */
public final class SyscallTable {
    private final Syscall[] byNumber;

    private SyscallTable(Syscall[] byNumber) {
        this.byNumber = byNumber;
    }

    /**
     * The asm-generic table (include/uapi/asm-generic/unistd.h), whose numbers {@link Syscall}
     * carries: the one riscv64, arm64 and loongarch64 use.
     */
    public static SyscallTable asmGeneric() {
        int size = 0;
        for (Syscall s : Syscall.values()) {
            size = Math.max(size, s.number() + 1);
        }
        Syscall[] byNumber = new Syscall[size];
        for (Syscall s : Syscall.values()) {
            byNumber[s.number()] = s;
        }
        return new SyscallTable(byNumber);
    }

    /** The implemented call with this number, or null. */
    public Syscall of(long number) {
        return number >= 0 && number < byNumber.length ? byNumber[(int) number] : null;
    }
}
