package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.StraceArgs.pointer;

/** qemu 7.2's print_fcntl: the command by name and its argument as that command reads it. */
final class StraceFcntl {
    private StraceFcntl() {}

    /** The command and argument of fcntl, as strace.c prints them after the descriptor. */
    static String command(long cmd, long arg) {
        String name = name(cmd);
        if (name == null) {
            return cmd + "," + pointer(arg);
        }
        return switch ((int) cmd) {
            case 1, 3, 9, 11, 1025, 1032, 1034 -> name;
            case 4 -> name + "," + StraceArgs.openFlags(arg);
            // qemu's F_SETOWN and F_SETSIG print the argument as if another one followed
            case 8, 10 -> name + "," + arg + ",";
            case 5, 6, 7, 15, 16, 36, 37, 38 -> name + "," + pointer(arg);
            case 1033 -> name + "," + StraceArgs.hex16(arg);
            default -> name + "," + arg;
        };
    }

    private static String name(long cmd) {
        if (cmd != (int) cmd) {
            return null;
        }
        return switch ((int) cmd) {
            case 0 -> "F_DUPFD";
            case 1 -> "F_GETFD";
            case 2 -> "F_SETFD";
            case 3 -> "F_GETFL";
            case 4 -> "F_SETFL";
            case 5 -> "F_GETLK";
            case 6 -> "F_SETLK";
            case 7 -> "F_SETLKW";
            case 8 -> "F_SETOWN";
            case 9 -> "F_GETOWN";
            case 10 -> "F_SETSIG";
            case 11 -> "F_GETSIG";
            case 15 -> "F_SETOWN_EX";
            case 16 -> "F_GETOWN_EX";
            case 36 -> "F_OFD_GETLK";
            case 37 -> "F_OFD_SETLK";
            case 38 -> "F_OFD_SETLKW";
            case 1024 -> "F_SETLEASE";
            case 1025 -> "F_GETLEASE";
            case 1026 -> "F_NOTIFY";
            case 1030 -> "F_DUPFD_CLOEXEC";
            case 1031 -> "F_SETPIPE_SZ";
            case 1032 -> "F_GETPIPE_SZ";
            case 1033 -> "F_ADD_SEALS";
            case 1034 -> "F_GET_SEALS";
            default -> null;
        };
    }
}
