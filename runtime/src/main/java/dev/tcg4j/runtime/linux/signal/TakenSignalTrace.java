package dev.tcg4j.runtime.linux.signal;

/**
 * The {@code -strace} line of a signal being taken, as qemu 7.2's print_taken_signal prints it:
 * {@code --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=42, si_uid=0} ---}, with the
 * fields of the siginfo the union member qemu guesses from the code and the signal holds.
 */
final class TakenSignalTrace {
    private TakenSignalTrace() {}

    static String line(SigInfo info) {
        String name = SignalNames.straceName(info.signo());
        return "--- " + name + " {si_signo=" + name + ", si_code=" + SignalNames.straceCodeName(info.code()) + fields(info)
                + "} ---";
    }

    private static String fields(SigInfo info) {
        if (info.fault()) {
            return ", si_addr=" + (info.addr() == 0 ? "NULL" : String.format("0x%016x", info.addr()));
        }
        String sender = ", si_pid=" + Integer.toUnsignedString(info.pid()) + ", si_uid=" + Integer.toUnsignedString(info.uid());
        return switch (info.code()) {
            case SigInfo.SI_USER, SigInfo.SI_TKILL, SigInfo.SI_KERNEL -> sender;
            case SigInfo.SI_TIMER -> ", si_timer1=" + Integer.toUnsignedString(info.pid()) + ", si_timer2="
                    + Integer.toUnsignedString(info.uid());
            default -> info.signo() == SignalNames.SIGCHLD ? sender + ", si_status=" + info.addr()
                    + ", si_utime=" + info.childCpu().userTicks() + ", si_stime=" + info.childCpu().systemTicks()
                    : sender + ", si_sigval=" + info.addr();
        };
    }
}
