package dev.tcg4j.ir.cpu;

/**
 * A synchronous guest exception raised while executing a block: a memory fault, an illegal
 * instruction, a breakpoint. Thrown by guest memory and helpers, caught by the generated code,
 * which records the faulting pc and exits with {@link ExitCodes#TRAP}. Traps are rare, so it carries
 * no Java stack trace.
 */
public final class GuestTrap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No mapping at the address: SIGSEGV with SEGV_MAPERR. */
        UNMAPPED,
        /** Mapped without the needed permission: SIGSEGV with SEGV_ACCERR. */
        PROTECTION,
        /** Misaligned atomic access: SIGBUS with BUS_ADRALN. */
        MISALIGNED,
        /** SIGILL with ILL_ILLOPC. */
        ILLEGAL_INSTRUCTION,
        /** SIGTRAP with TRAP_BRKPT. */
        BREAKPOINT
    }

    private final Kind kind;
    private final long address;

    public GuestTrap(Kind kind, long address) {
        super(null, null, false, false);
        this.kind = kind;
        this.address = address;
    }

    public Kind kind() {
        return kind;
    }

    /** The faulting data or instruction address. */
    public long address() {
        return address;
    }

    @Override
    public String getMessage() {
        return kind + " at 0x" + Long.toHexString(address);
    }
}
