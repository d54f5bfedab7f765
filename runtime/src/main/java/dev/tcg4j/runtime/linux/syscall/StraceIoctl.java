package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.StraceArgs.pointer;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;

/**
 * qemu 7.2's print_ioctl for the terminal and file ioctls a riscv64 program commonly makes: the
 * request by name and its argument by its type in qemu's ioctls.h, and after a success what it wrote;
 * other requests as two {@code %#x}. Structures the kernel reads (TCSETS, TIOCSWINSZ) are not
 * decoded: their requests print as unknown ones.
 */
final class StraceIoctl {
    /** How qemu's ioctl table types the argument. */
    private enum Arg { NONE, INT, READ_POINTER, WRITTEN_INT }

    private record Request(long cmd, String name, Arg arg) {}

    private static final Request[] REQUESTS = {
        new Request(0x5401, "TCGETS", Arg.READ_POINTER),
        new Request(0x5409, "TCSBRK", Arg.INT),
        new Request(0x540A, "TCXONC", Arg.INT),
        new Request(0x540B, "TCFLSH", Arg.INT),
        new Request(0x540E, "TIOCSCTTY", Arg.INT),
        new Request(0x540F, "TIOCGPGRP", Arg.READ_POINTER),
        new Request(0x5410, "TIOCSPGRP", Arg.WRITTEN_INT),
        new Request(0x5411, "TIOCOUTQ", Arg.READ_POINTER),
        new Request(0x5413, "TIOCGWINSZ", Arg.READ_POINTER),
        new Request(0x541B, "FIONREAD", Arg.READ_POINTER),
        new Request(0x5421, "FIONBIO", Arg.WRITTEN_INT),
        new Request(0x5422, "TIOCNOTTY", Arg.NONE),
        new Request(0x5450, "FIONCLEX", Arg.NONE),
        new Request(0x5451, "FIOCLEX", Arg.NONE),
        new Request(0x5452, "FIOASYNC", Arg.WRITTEN_INT),
    };

    private StraceIoctl() {}

    /** The request and its argument, as strace.c prints them after the descriptor. */
    static String arguments(GuestMemory m, long cmd, long arg) {
        for (Request r : REQUESTS) {
            if (r.cmd() == cmd) {
                return switch (r.arg()) {
                    case NONE -> r.name();
                    case INT -> r.name() + "," + (int) arg;
                    case READ_POINTER -> r.name() + "," + pointer(arg);
                    case WRITTEN_INT -> r.name() + "," + pointedInt(m, arg);
                };
            }
        }
        return StraceFlags.hexInt(cmd) + "," + StraceFlags.hexInt(arg);
    }

    /**
     * print_syscall_ret_ioctl's addition to a successful request that writes a structure: what it
     * wrote, in parentheses; empty for the others.
     */
    static String written(GuestMemory m, long cmd, long arg) {
        if (cmd != (int) cmd) {
            return "";
        }
        String value;
        try {
            value = switch ((int) cmd) {
                case 0x5401 -> StraceTermios.print(m, arg);
                case 0x540F, 0x5411, 0x541B -> Integer.toString((int) m.ld32s(arg));
                case 0x5413 -> "{" + m.ld16u(arg) + "," + m.ld16u(arg + 2) + "," + m.ld16u(arg + 4) + "," + m.ld16u(arg + 6)
                        + "}";
                default -> null;
            };
        } catch (GuestTrap unreadable) {
            value = pointer(arg);
        }
        return value == null ? "" : " (" + value + ")";
    }

    /** thunk_print of an int the kernel reads, or the pointer when it cannot be read. */
    private static String pointedInt(GuestMemory m, long addr) {
        try {
            return Integer.toString((int) m.ld32s(addr));
        } catch (GuestTrap unreadable) {
            return pointer(addr);
        }
    }
}
