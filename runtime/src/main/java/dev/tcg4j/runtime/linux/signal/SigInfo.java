package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.runtime.linux.CpuTimes;

/**
 * The parts of a {@code siginfo_t} the emulator produces: the signal, its code, and either the
 * sender (kill, tgkill) or the faulting address (SIGSEGV, SIGBUS, SIGILL, SIGTRAP). A POSIX timer's
 * signal (SI_TIMER) carries the timer id in {@code pid}, the overrun in {@code uid} and its
 * {@code sigev_value} in {@code addr}, where the union of {@code siginfo_t} puts them; a child's
 * signal (CLD_*) carries its si_status in {@code addr} the same way, and the child's CPU in
 * {@code childCpu} (si_utime and si_stime); other signals have {@link CpuTimes#ZERO} there.
 */
public record SigInfo(int signo, int code, int pid, int uid, long addr, boolean fault, CpuTimes childCpu) {
    public static final int SI_USER = 0;
    public static final int SI_TKILL = -6;
    public static final int SI_TIMER = -2;
    /** Sent by the kernel: an ITIMER_* expiry (as si_code SI_KERNEL 0x80 on Linux). */
    public static final int SI_KERNEL = 0x80;
    public static final int SEGV_MAPERR = 1;
    public static final int SEGV_ACCERR = 2;
    public static final int BUS_ADRALN = 1;
    public static final int ILL_ILLOPC = 1;
    public static final int TRAP_BRKPT = 1;

    public static SigInfo sent(int signo, int code, int pid, int uid) {
        return new SigInfo(signo, code, pid, uid, 0, false, CpuTimes.ZERO);
    }

    /**
     * A child's exit, death, stop or continue: {@code status} is its exit code or the signal,
     * {@code cpu} the CPU the child has used itself.
     */
    public static SigInfo child(int signo, int code, int pid, int uid, int status, CpuTimes cpu) {
        return new SigInfo(signo, code, pid, uid, status, false, cpu);
    }

    public static SigInfo timer(int signo, int timerId, int overrun, long value) {
        return new SigInfo(signo, SI_TIMER, timerId, overrun, value, false, CpuTimes.ZERO);
    }

    public static SigInfo fault(int signo, int code, long addr) {
        return new SigInfo(signo, code, 0, 0, addr, true, CpuTimes.ZERO);
    }
}
