package dev.tcg4j.frontend.riscv.helpers;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/** Helpers for traps raised by instructions, the counter CSRs and fences. */
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

    /** {@code fenceFull()}: a fence that orders earlier stores before later loads. */
    public static final Helper FENCE_FULL = Helper.ofStatic("fence_full", SystemHelpers.class, "fenceFull",
            MethodType.methodType(void.class), Helper.NO_GUEST_MEMORY);
    /** {@code fenceAcquire()}: earlier loads before later loads and stores. */
    public static final Helper FENCE_ACQUIRE = Helper.ofStatic("fence_acquire", SystemHelpers.class,
            "fenceAcquire", MethodType.methodType(void.class), Helper.NO_GUEST_MEMORY);
    /** {@code fenceRelease()}: earlier loads and stores before later stores. */
    public static final Helper FENCE_RELEASE = Helper.ofStatic("fence_release", SystemHelpers.class,
            "fenceRelease", MethodType.methodType(void.class), Helper.NO_GUEST_MEMORY);
    /** {@code fenceTso()}: every order but earlier stores before later loads (fence.tso). */
    public static final Helper FENCE_TSO = Helper.ofStatic("fence_tso", SystemHelpers.class, "fenceTso",
            MethodType.methodType(void.class), Helper.NO_GUEST_MEMORY);

    private SystemHelpers() {}

    /** StoreLoad and everything else: on x86 a locked instruction, the one order TSO lacks. */
    public static void fenceFull() {
        VarHandle.fullFence();
    }

    /** LoadLoad and LoadStore: on a TSO host only the JIT must not move accesses across it. */
    public static void fenceAcquire() {
        VarHandle.acquireFence();
    }

    /** LoadStore and StoreStore: on a TSO host only the JIT must not move accesses across it. */
    public static void fenceRelease() {
        VarHandle.releaseFence();
    }

    public static void fenceTso() {
        VarHandle.acquireFence();
        VarHandle.releaseFence();
    }

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
