package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.StraceArgs.pointer;
import static dev.tcg4j.runtime.linux.syscall.StracePrinters.join;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.signal.SignalNames;
import java.util.HashMap;
import java.util.Map;

/**
 * The calls of qemu 7.2's strace.list for riscv64 that the runtime does not implement (it answers
 * them ENOSYS), by asm-generic number as {@link Syscall}: their names and formats or printers, so
 * that their lines read as qemu's. Not as qemu's yet: pidfd_send_signal prints as the list's default
 * format, and listxattr's result without the names it lists.
 */
final class StraceOtherCalls {
    private record Entry(String name, String format) {}

    private static final String D = StraceSpec.DEFAULT;
    private static final String P = StraceSpec.PRINTER;
    private static final Map<Integer, Entry> CALLS = new HashMap<>();

    static {
        add(0, "io_setup", D);
        add(1, "io_destroy", D);
        add(2, "io_submit", D);
        add(3, "io_cancel", D);
        add(4, "io_getevents", D);
        add(5, "setxattr", D);
        add(6, "lsetxattr", D);
        add(7, "fsetxattr", D);
        add(8, "getxattr", P);
        add(9, "lgetxattr", P);
        add(10, "fgetxattr", P);
        add(11, "listxattr", P);
        add(12, "llistxattr", P);
        add(13, "flistxattr", P);
        add(14, "removexattr", P);
        add(15, "lremovexattr", P);
        add(16, "fremovexattr", P);
        add(18, "lookup_dcookie", D);
        add(26, "inotify_init1", D);
        add(27, "inotify_add_watch", D);
        add(28, "inotify_rm_watch", D);
        add(30, "ioprio_set", D);
        add(31, "ioprio_get", D);
        add(39, "umount2", P);
        add(40, "mount", P);
        add(41, "pivot_root", D);
        add(42, "nfsservctl", D);
        add(51, "chroot", P);
        add(58, "vhangup", D);
        add(60, "quotactl", D);
        add(69, "preadv", D);
        add(70, "pwritev", D);
        add(75, "vmsplice", D);
        add(77, "tee", D);
        add(81, "sync", D);
        add(84, "sync_file_range", D);
        add(89, "acct", P);
        add(90, "capget", "%s(%p,%p)");
        add(91, "capset", "%s(%p,%p)");
        add(97, "unshare", P);
        add(104, "kexec_load", D);
        add(105, "init_module", D);
        add(106, "delete_module", D);
        add(112, "clock_settime", P);
        add(116, "syslog", P);
        add(117, "ptrace", D);
        add(118, "sched_setparam", D);
        add(119, "sched_setscheduler", D);
        add(120, "sched_getscheduler", D);
        add(121, "sched_getparam", D);
        add(125, "sched_get_priority_max", D);
        add(126, "sched_get_priority_min", D);
        add(127, "sched_rr_get_interval", D);
        add(128, "restart_syscall", D);
        add(137, "rt_sigtimedwait", D);
        add(138, "rt_sigqueueinfo", P);
        add(140, "setpriority", D);
        add(141, "getpriority", "%s(%#x,%#x)");
        add(142, "reboot", D);
        add(143, "setregid", D);
        add(144, "setgid", "%s(%u)");
        add(145, "setreuid", "%s(%u,%u)");
        add(146, "setuid", D);
        add(147, "setresuid", "%s(%u,%u,%u)");
        add(148, "getresuid", D);
        add(149, "setresgid", "%s(%u,%u,%u)");
        add(150, "getresgid", D);
        add(151, "setfsuid", "%s(%u)");
        add(152, "setfsgid", "%s(%u)");
        add(159, "setgroups", D);
        add(161, "sethostname", D);
        add(162, "setdomainname", D);
        add(170, "settimeofday", P);
        add(171, "adjtimex", "%s(%p)");
        add(180, "mq_open", P);
        add(181, "mq_unlink", P);
        add(182, "mq_timedsend", "%s(%d,%p,%d,%u,%p)");
        add(183, "mq_timedreceive", "%s(%d,%p,%d,%u,%p)");
        add(184, "mq_notify", "%s(%d,%p)");
        add(185, "mq_getsetattr", "%s(%d,%p,%p)");
        add(186, "msgget", D);
        add(187, "msgctl", D);
        add(188, "msgrcv", D);
        add(189, "msgsnd", D);
        add(190, "semget", D);
        add(191, "semctl", P);
        add(192, "semtimedop", D);
        add(193, "semop", D);
        add(194, "shmget", D);
        add(195, "shmctl", D);
        add(196, "shmat", D);
        add(197, "shmdt", D);
        add(213, "readahead", D);
        add(217, "add_key", D);
        add(218, "request_key", D);
        add(219, "keyctl", D);
        add(223, "fadvise64", D);
        add(224, "swapon", D);
        add(225, "swapoff", D);
        add(228, "mlock", "%s(%p,%lu)");
        add(229, "munlock", "%s(%p,%lu)");
        add(230, "mlockall", P);
        add(231, "munlockall", "%s()");
        add(232, "mincore", D);
        add(234, "remap_file_pages", D);
        add(235, "mbind", D);
        add(236, "get_mempolicy", D);
        add(237, "set_mempolicy", D);
        add(238, "migrate_pages", D);
        add(239, "move_pages", D);
        add(240, "rt_tgsigqueueinfo", P);
        add(241, "perf_event_open", D);
        add(262, "fanotify_init", D);
        add(263, "fanotify_mark", D);
        add(264, "name_to_handle_at", D);
        add(266, "clock_adjtime", P);
        add(267, "syncfs", "%s(%d)");
        add(268, "setns", D);
        add(270, "process_vm_readv", D);
        add(271, "process_vm_writev", D);
        add(272, "kcmp", D);
        add(273, "finit_module", D);
        add(275, "sched_getattr", D);
        add(277, "seccomp", D);
        add(280, "bpf", D);
        add(282, "userfaultfd", D);
        add(284, "mlock2", D);
        add(424, "pidfd_send_signal", D);
        add(434, "pidfd_open", "%s(%d,%u)");
        add(438, "pidfd_getfd", "%s(%d,%d,%u)");
    }

    private StraceOtherCalls() {}

    private static void add(int number, String name, String format) {
        CALLS.put(number, new Entry(name, format));
    }

    /** Whether qemu 7.2 lists the number for riscv64. */
    static boolean lists(long nr) {
        return nr == (int) nr && CALLS.containsKey((int) nr);
    }

    /** The call's text as qemu prints it, or null for a number qemu 7.2 does not list for riscv64. */
    static String call(long nr, GuestMemory m, long[] a) {
        Entry e = nr == (int) nr ? CALLS.get((int) nr) : null;
        if (e == null) {
            return null;
        }
        if (e.name().equals("semctl")) {
            // print_semctl: the id and number as %ld, the command by name, the argument as 0x%016lx
            return "semctl(" + a[0] + "," + a[1] + "," + ipcCommand(a[2]) + "," + StraceArgs.hex16(a[3]) + ")";
        }
        if (e.format() != StraceSpec.PRINTER) {
            return StraceFormat.printf(e.format(), e.name(), a);
        }
        return e.name() + "(" + arguments(e.name(), m, a) + ")";
    }

    private static String arguments(String name, GuestMemory m, long[] a) {
        return switch (name) {
            case "getxattr", "lgetxattr" -> join(string(m, a[0]), string(m, a[1]), pointer(a[2]), Long.toUnsignedString(a[3]));
            case "fgetxattr" -> join(d(a[0]), string(m, a[1]), pointer(a[2]), Long.toUnsignedString(a[3]));
            case "listxattr", "llistxattr" -> join(string(m, a[0]), pointer(a[1]), Long.toUnsignedString(a[2]));
            case "flistxattr" -> join(d(a[0]), pointer(a[1]), Long.toUnsignedString(a[2]));
            case "removexattr", "lremovexattr" -> join(string(m, a[0]), string(m, a[1]));
            case "fremovexattr" -> join(d(a[0]), string(m, a[1]));
            case "chroot", "acct", "mq_unlink" -> string(m, a[0]);
            case "rt_sigqueueinfo" -> join(d(a[0]), StraceFlags.signal(a[1]), siginfo(m, a[2]));
            case "rt_tgsigqueueinfo" -> join(d(a[0]), d(a[1]), StraceFlags.signal(a[2]), siginfo(m, a[3]));
            case "umount2" -> join(string(m, a[0]), StraceFlags.flags(StraceFlags.UMOUNT2, a[1]));
            case "mount" -> join(string(m, a[0]), string(m, a[1]), string(m, a[2]), StraceFlags.flags(StraceFlags.MOUNT, a[3]),
                    pointer(a[4]));
            case "unshare" -> StraceFlags.flags(StraceFlags.CLONE, a[0]);
            case "mlockall" -> StraceFlags.flags(StraceFlags.MLOCKALL, a[0]);
            case "clock_settime" -> join(StraceFlags.enumName(StraceFlags.CLOCKS, a[0]), StraceArgs.timespec(m, a[1]));
            case "clock_adjtime" -> join(StraceFlags.enumName(StraceFlags.CLOCKS, a[0]), pointer(a[1]));
            case "settimeofday" -> join(StraceArgs.timeval(m, a[0]), StraceArgs.timezone(m, a[1]));
            case "syslog" -> join(syslogAction(a[0]), pointer(a[1]), d(a[2]));
            case "mq_open" -> (a[1] & 0x40) != 0
                    ? join(string(m, a[0]), StraceArgs.openFlags(a[1]), StraceArgs.fileMode(a[2]), pointer(a[3]))
                    : join(string(m, a[0]), StraceArgs.openFlags(a[1]));
            default -> throw new IllegalArgumentException(name + " has no printer here");
        };
    }

    private static String d(long v) {
        return Integer.toString((int) v);
    }

    private static String string(GuestMemory m, long addr) {
        return StraceArgs.string(m, addr);
    }

    /** print_ipc_cmd: the first of qemu's names for the low byte, which decides between the overlapping ones. */
    private static String ipcCommand(long cmd) {
        int c = (int) cmd & 0xff;
        return switch (c) {
            case 0 -> "IPC_RMID";
            case 1 -> "IPC_SET";
            case 2 -> "IPC_STAT";
            case 3 -> "IPC_INFO";
            case 11 -> "MSG_STAT";
            case 12 -> "MSG_INFO";
            case 13 -> "SHM_STAT";
            case 14 -> "SHM_INFO";
            case 15 -> "GETZCNT";
            case 16 -> "SETVAL";
            case 17 -> "SETALL";
            case 18 -> "SEM_STAT";
            case 19 -> "SEM_INFO";
            default -> Integer.toString(c);
        };
    }

    /**
     * print_siginfo of a siginfo the guest passes: the sender for the codes of kill and tkill, else
     * as qemu guesses from the signal (a child's status, a poll event, or a queued value).
     */
    private static String siginfo(GuestMemory m, long addr) {
        if (addr == 0 || !m.accessible(addr, 128, GuestMemory.READ)) {
            return pointer(addr);
        }
        int signo = (int) m.ld32s(addr);
        int code = (int) m.ld32s(addr + 8);
        String head = "{si_signo=" + StraceFlags.signal(signo) + ", si_code=" + SignalNames.straceCodeName(code);
        String sender = ", si_pid=" + m.ld32u(addr + 16) + ", si_uid=" + m.ld32u(addr + 20);
        String fields;
        if (code == 0 || code == -6 || code == 0x80) {
            fields = sender;
        } else if (signo == 17) {
            fields = sender + ", si_status=" + (int) m.ld32s(addr + 24) + ", si_utime=" + m.ld64(addr + 32)
                    + ", si_stime=" + m.ld64(addr + 40);
        } else if (signo == 29) {
            fields = ", si_band=" + (int) m.ld64(addr + 16) + ", si_fd=" + (int) m.ld32s(addr + 24);
        } else {
            fields = sender + ", si_sigval=" + m.ld64(addr + 24);
        }
        return head + fields + "}";
    }

    private static final String[] SYSLOG_ACTIONS = {"SYSLOG_ACTION_CLOSE", "SYSLOG_ACTION_OPEN", "SYSLOG_ACTION_READ",
        "SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR", "SYSLOG_ACTION_CLEAR", "SYSLOG_ACTION_CONSOLE_OFF",
        "SYSLOG_ACTION_CONSOLE_ON", "SYSLOG_ACTION_CONSOLE_LEVEL", "SYSLOG_ACTION_SIZE_UNREAD",
        "SYSLOG_ACTION_SIZE_BUFFER"};

    private static String syslogAction(long action) {
        return action >= 0 && action < SYSLOG_ACTIONS.length ? SYSLOG_ACTIONS[(int) action] : Long.toString(action);
    }
}
