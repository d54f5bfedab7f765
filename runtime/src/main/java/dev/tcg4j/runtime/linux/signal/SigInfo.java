package dev.tcg4j.runtime.linux.signal;

/**
 * The parts of a {@code siginfo_t} the emulator produces: the signal, its code, and either the
 * sender (kill, tgkill) or the faulting address (SIGSEGV, SIGBUS, SIGILL, SIGTRAP).
 */
public record SigInfo(int signo, int code, int pid, int uid, long addr, boolean fault) {
    public static final int SI_USER = 0;
    public static final int SI_TKILL = -6;
    public static final int SEGV_MAPERR = 1;
    public static final int SEGV_ACCERR = 2;
    public static final int BUS_ADRALN = 1;
    public static final int ILL_ILLOPC = 1;
    public static final int TRAP_BRKPT = 1;

    public static SigInfo sent(int signo, int code, int pid, int uid) {
        return new SigInfo(signo, code, pid, uid, 0, false);
    }

    public static SigInfo fault(int signo, int code, long addr) {
        return new SigInfo(signo, code, 0, 0, addr, true);
    }
}
