package dev.tcg4j.frontend.riscv.helpers;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.lang.invoke.MethodType;

/** Helpers for traps raised by instructions and for the counter CSRs. */
public final class SystemHelpers {
    /** {@code illegalInstruction(pc)}: raises SIGILL for the instruction at pc. */
    public static final Helper ILLEGAL_INSTRUCTION = Helper.ofStatic("illegal_instruction", SystemHelpers.class,
            "illegalInstruction", MethodType.methodType(void.class, long.class), Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY);
    /** {@code breakpoint(pc)}: raises SIGTRAP for the ebreak at pc. */
    public static final Helper BREAKPOINT = Helper.ofStatic("breakpoint", SystemHelpers.class, "breakpoint",
            MethodType.methodType(void.class, long.class), Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY);
    /** {@code hostTicks()}: what cycle, time and instret read in user mode (host ticks, as QEMU). */
    public static final Helper HOST_TICKS = Helper.ofStatic("host_ticks", SystemHelpers.class, "hostTicks",
            MethodType.methodType(long.class), Helper.NO_GUEST_MEMORY);

    private SystemHelpers() {}

    public static void illegalInstruction(long pc) {
        throw new GuestTrap(GuestTrap.Kind.ILLEGAL_INSTRUCTION, pc);
    }

    public static void breakpoint(long pc) {
        throw new GuestTrap(GuestTrap.Kind.BREAKPOINT, pc);
    }

    public static long hostTicks() {
        return System.nanoTime();
    }
}
