package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.CpuTimes;

/** Where struct rusage and struct tms hold CPU times, in the guest's 64-bit layout. */
final class CpuTimeLayouts {
    static final int RUSAGE_SIZE = 144;
    static final int TMS_SIZE = 32;

    private CpuTimeLayouts() {}

    /** ru_utime and ru_stime, the two struct timevals that open struct rusage. */
    static void writeRusageTimes(GuestMemory memory, long at, CpuTimes times) {
        writeTimeval(memory, at, times.userNanos());
        writeTimeval(memory, at + 16, times.systemNanos());
    }

    /** struct tms: the process's own user and system ticks, then its reaped children's. */
    static void writeTms(GuestMemory memory, long at, CpuTimes self, CpuTimes children) {
        memory.st64(at, self.userTicks());
        memory.st64(at + 8, self.systemTicks());
        memory.st64(at + 16, children.userTicks());
        memory.st64(at + 24, children.systemTicks());
    }

    private static void writeTimeval(GuestMemory memory, long at, long nanos) {
        long micros = nanos / 1000;
        memory.st64(at, micros / 1_000_000);
        memory.st64(at + 8, micros % 1_000_000);
    }
}
