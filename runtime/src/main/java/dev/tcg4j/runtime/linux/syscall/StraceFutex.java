package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.StraceArgs.pointer;

import dev.tcg4j.ir.cpu.GuestMemory;

/** qemu 7.2's print_futex and print_futex_op. */
final class StraceFutex {
    private static final int PRIVATE_FLAG = 128;
    private static final int CLOCK_REALTIME = 256;
    private static final String[] OPS = {"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
        "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
        "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI", "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2"};

    private StraceFutex() {}

    /**
     * The word, the operation, the value, the timeout (a timespec for the waiting operations, else
     * the pointer), then the fifth argument twice, as a pointer and as {@code %d}: qemu prints it so
     * and never the sixth.
     */
    static String arguments(GuestMemory m, long[] a) {
        int cmd = (int) a[1];
        int base = cmd & ~(PRIVATE_FLAG | CLOCK_REALTIME);
        boolean waits = base == 0 || base == 6 || base == 9 || base == 11 || base == 13;
        return StracePrinters.join(pointer(a[0]), operation(cmd), Integer.toString((int) a[2]),
                waits ? StraceArgs.timespec(m, a[3]) : pointer(a[3]), pointer(a[4]), Integer.toString((int) a[4]));
    }

    private static String operation(int cmd) {
        int base = cmd & ~(PRIVATE_FLAG | CLOCK_REALTIME);
        if (Integer.compareUnsigned(base, OPS.length) >= 0) {
            return "0x" + Integer.toHexString(cmd);
        }
        return ((cmd & PRIVATE_FLAG) != 0 ? "FUTEX_PRIVATE_FLAG|" : "")
                + ((cmd & CLOCK_REALTIME) != 0 ? "FUTEX_CLOCK_REALTIME|" : "") + OPS[base];
    }
}
