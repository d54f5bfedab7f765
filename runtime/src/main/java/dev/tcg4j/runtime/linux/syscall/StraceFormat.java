package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;

/**
 * Formats {@code -strace} lines as qemu 7.2's linux-user/strace.c: {@code PID name(args)} before
 * the call, by the call's {@link Syscall#straceFormat()} or printer, then {@code  = result} after it.
 */
final class StraceFormat {
    /** qemu's internal errnos, which its strace prints: a call to restart, and rt_sigreturn's return. */
    private static final int RESTART = 512;
    private static final int SIGRETURN = 513;
    private static final int MAX_ERRNO = 4095;

    private StraceFormat() {}

    /**
     * The call as qemu prints it before running it, after {@code PID }; null when qemu prints
     * nothing for it (riscv_flush_icache, which its cpu loop answers).
     */
    static String call(int pid, long nr, Syscall call, GuestMemory memory, long[] args) {
        if (call == null) {
            String other = StraceOtherCalls.call(nr, memory, args);
            return pid + (other == null ? " Unknown syscall " + nr : " " + other);
        }
        if (call.straceFormat() == StraceSpec.UNKNOWN) {
            return pid + " Unknown syscall " + nr;
        }
        String format = call.straceFormat();
        if (format == StraceSpec.SILENT) {
            return null;
        }
        String text = format == StraceSpec.PRINTER ? StracePrinters.call(memory, call, args)
                : printf(format, call.displayName(), args);
        return pid + " " + text;
    }

    /** Whether qemu prints a result after the call: not for one it does not know. */
    static boolean printsResult(long nr, Syscall call) {
        if (call == null) {
            return StraceOtherCalls.lists(nr);
        }
        return call.straceFormat() != StraceSpec.UNKNOWN && call.straceFormat() != StraceSpec.SILENT;
    }

    /** The result as qemu's print_syscall_ret and the call's own result printer print it. */
    static String result(Syscall call, long ret, GuestMemory memory, long[] args) {
        if (call == null) {
            return Long.compareUnsigned(ret, -MAX_ERRNO - 1) >= 0 ? error((int) -ret) : " = " + ret;
        }
        if (call == Syscall.RT_SIGRETURN) {
            return error(SIGRETURN); // qemu's sigreturn leaves its registers with this "error"
        }
        if (Long.compareUnsigned(ret, -MAX_ERRNO - 1) >= 0) {
            return error((int) -ret);
        }
        return switch (call) {
            case BRK, MMAP -> " = " + StraceArgs.hex16(ret);
            case CLOCK_GETTIME, CLOCK_GETRES -> " = " + ret + " (" + StraceArgs.timespec(memory, args[1]) + ")";
            case GETTIMEOFDAY -> " = " + ret + " (" + StraceArgs.timeval(memory, args[0]) + ","
                    + StraceArgs.timezone(memory, args[1]) + ")";
            case GETITIMER -> " = " + ret + " (" + StraceArgs.itimerval(memory, args[1]) + ")";
            case SETITIMER -> " = " + ret + " (old_value = " + StraceArgs.itimerval(memory, args[2]) + ")";
            case IOCTL -> " = " + ret + StraceIoctl.written(memory, args[1], args[2]);
            default -> " = " + ret;
        };
    }

    private static String error(int errno) {
        String text = switch (errno) {
            case RESTART -> "To be restarted";
            case SIGRETURN -> "Successful exit from sigreturn";
            default -> Errno.name(errno);
        };
        return " = -1 errno=" + errno + " (" + text + ")";
    }

    /**
     * A strace.list format, as C's printf prints it with the name and then the argument registers:
     * the conversions there are {@code %d %u %#x %#o %p %ld %lu}, a trailing new line ends the line.
     */
    static String printf(String format, String name, long[] args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\n') {
                continue;
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (!Character.isLetter(format.charAt(end)) || format.charAt(end) == 'l') {
                end++;
            }
            String conversion = format.substring(i + 1, end + 1);
            i = end;
            if (conversion.equals("s")) {
                out.append(name);
                continue;
            }
            long v = next < args.length ? args[next++] : 0;
            out.append(switch (conversion) {
                case "d" -> Integer.toString((int) v);
                case "u" -> Integer.toUnsignedString((int) v);
                case "#x" -> StraceFlags.hexInt(v);
                case "#o" -> (int) v == 0 ? "0" : "0" + Integer.toOctalString((int) v);
                case "p" -> v == 0 ? "(nil)" : "0x" + Long.toHexString(v);
                case "ld" -> Long.toString(v);
                case "lu" -> Long.toUnsignedString(v);
                default -> throw new IllegalArgumentException("format " + format + " has %" + conversion);
            });
        }
        return out.toString();
    }
}
