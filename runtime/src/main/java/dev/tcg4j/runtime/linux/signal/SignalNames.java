package dev.tcg4j.runtime.linux.signal;

/** Linux signal numbers (the generic ones riscv64 uses), their descriptions and default actions. */
public final class SignalNames {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGWINCH = 28;
    public static final int SIGSYS = 31;
    public static final int NSIG = 64;

    public enum DefaultAction { TERMINATE, CORE, IGNORE, STOP }

    /** The names qemu 7.2's strace prints, by number: 6 is SIGIOT, the real-time signals have none. */
    private static final String[] STRACE_NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGIOT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
        "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private SignalNames() {}

    /** qemu 7.2 strace's print_si_code: the SI_ codes by name, the others (a fault's) as numbers. */
    public static String straceCodeName(int code) {
        return switch (code) {
            case 0 -> "SI_USER";
            case 0x80 -> "SI_KERNEL";
            case -1 -> "SI_QUEUE";
            case -2 -> "SI_TIMER";
            case -3 -> "SI_MESGQ";
            case -4 -> "SI_ASYNCIO";
            case -5 -> "SI_SIGIO";
            case -6 -> "SI_TKILL";
            default -> Integer.toString(code);
        };
    }

    /** qemu 7.2 strace's print_signal: the name, else the number. */
    public static String straceName(long sig) {
        return sig > 0 && sig < STRACE_NAMES.length ? STRACE_NAMES[(int) sig] : Long.toString(sig);
    }

    public static DefaultAction defaultAction(int sig) {
        return switch (sig) {
            case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS -> DefaultAction.CORE;
            case SIGCHLD, SIGCONT, SIGURG, SIGWINCH -> DefaultAction.IGNORE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> DefaultAction.STOP;
            default -> DefaultAction.TERMINATE;
        };
    }

    /** As the host's strsignal(3), which QEMU prints in its "uncaught target signal" line. */
    public static String describe(int sig) {
        return switch (sig) {
            case SIGHUP -> "Hangup";
            case SIGINT -> "Interrupt";
            case SIGQUIT -> "Quit";
            case SIGILL -> "Illegal instruction";
            case SIGTRAP -> "Trace/breakpoint trap";
            case SIGABRT -> "Aborted";
            case SIGBUS -> "Bus error";
            case SIGFPE -> "Floating point exception";
            case SIGKILL -> "Killed";
            case SIGUSR1 -> "User defined signal 1";
            case SIGSEGV -> "Segmentation fault";
            case SIGUSR2 -> "User defined signal 2";
            case SIGPIPE -> "Broken pipe";
            case SIGALRM -> "Alarm clock";
            case SIGTERM -> "Terminated";
            case SIGXCPU -> "CPU time limit exceeded";
            case SIGXFSZ -> "File size limit exceeded";
            case SIGSYS -> "Bad system call";
            default -> sig >= 34 && sig <= 64 ? "Real-time signal " + (sig - 34) : "Unknown signal " + sig;
        };
    }
}
