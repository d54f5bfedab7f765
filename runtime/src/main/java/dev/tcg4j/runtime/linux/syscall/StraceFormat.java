package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.ProcessContext;

/** Formats strace lines as QEMU's {@code -strace}: {@code PID name(args) = result}. */
final class StraceFormat {
    private static final int MAX_STRING = 64;

    private StraceFormat() {}

    static String call(ProcessContext ctx, long nr, Syscall call, long[] regs, int[] argSlots) {
        StringBuilder sb = new StringBuilder().append(ctx.pid()).append(' ');
        if (call == null) {
            sb.append("Unknown syscall ").append(nr).append('(');
            for (int i = 0; i < argSlots.length; i++) {
                sb.append(i == 0 ? "" : ",").append(hex(regs[argSlots[i]]));
            }
            return sb.append(')').toString();
        }
        sb.append(call.displayName()).append('(');
        String fmt = call.argFormat();
        if (fmt.equals("*")) {
            for (int i = 0; i < argSlots.length; i++) {
                sb.append(i == 0 ? "" : ",").append(regs[argSlots[i]]);
            }
            return sb.append(')').toString();
        }
        if (call == Syscall.SOCKET) {
            return socket(sb, regs[argSlots[0]], regs[argSlots[1]], regs[argSlots[2]]);
        }
        String special = qemuFormatted(ctx, call, regs, argSlots);
        if (special != null) {
            return sb.append(special).append(')').toString();
        }
        if (call == Syscall.BIND) {
            sb.append((int) regs[argSlots[0]]).append(',');
            sockaddr(sb, ctx, regs[argSlots[1]], (int) regs[argSlots[2]]);
            return sb.append(", ").append((int) regs[argSlots[2]]).append(')').toString();
        }
        for (int i = 0; i < fmt.length(); i++) {
            long v = regs[argSlots[i]];
            sb.append(i == 0 ? "" : ",");
            switch (fmt.charAt(i)) {
                case 'd' -> sb.append((int) v);
                case 'l' -> sb.append(v);
                case 'o' -> sb.append('0').append(Long.toOctalString(v & 0xffffffffL));
                case 's' -> sb.append(string(ctx, v));
                case 'n' -> sb.append(v == 0 ? "(nil)" : hex(v));
                case 'X' -> sb.append((int) v == 0 ? "0" : "0x" + Integer.toHexString((int) v));
                default -> sb.append(hex(v));
            }
        }
        return sb.append(')').toString();
    }

    static String result(Syscall call, long result) {
        if (result < 0 && result >= -4095) {
            int errno = (int) -result;
            return " = -1 errno=" + errno + " (" + Errno.name(errno) + ")";
        }
        return call != null && call.returnsAddress() ? " = " + hex(result) : " = " + result;
    }

    private static final int AT_FDCWD = -100;
    private static final int ITIMER_COUNT = 3;
    private static final String[] CLOCKS = {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
        "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE",
        "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM", "CLOCK_SGI_CYCLE", "CLOCK_TAI"};
    private static final String[] ITIMERS = {"ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF"};

    /** The arguments of the calls qemu 7.2's strace.c prints its own way; null for the others. */
    private static String qemuFormatted(ProcessContext ctx, Syscall call, long[] regs, int[] argSlots) {
        long a0 = regs[argSlots[0]];
        long a1 = regs[argSlots[1]];
        long a2 = regs[argSlots[2]];
        long a3 = regs[argSlots[3]];
        long a4 = regs[argSlots[4]];
        return switch (call) {
            case FCHMODAT -> dirfd(a0) + "," + string(ctx, a1) + ",0" + Long.toOctalString(a2 & 0xffffffffL) + ","
                    + atFlags(a3);
            case FCHOWNAT -> dirfd(a0) + "," + string(ctx, a1) + "," + (int) a2 + "," + (int) a3 + "," + atFlags(a4);
            case CLOCK_NANOSLEEP -> {
                int clock = (int) a0;
                yield (clock >= 0 && clock < CLOCKS.length ? CLOCKS[clock] : Integer.toString(clock)) + "," + (int) a1
                        + "," + timespec(ctx, a2) + "," + timespec(ctx, a3);
            }
            case GETITIMER -> itimerWhich(a0) + "," + pointer(a1);
            case SETITIMER -> itimerWhich(a0) + "," + itimerval(ctx, a1) + "," + pointer(a2);
            default -> null;
        };
    }

    /** What qemu prints after some results: the structure the call wrote. */
    static String written(ProcessContext ctx, Syscall call, long result, long a1, long a2) {
        if (result < 0 || call == null) {
            return "";
        }
        return switch (call) {
            case GETITIMER -> " (" + itimerval(ctx, a1) + ")";
            case SETITIMER -> " (old_value = " + itimerval(ctx, a2) + ")";
            default -> "";
        };
    }

    private static String dirfd(long fd) {
        return (int) fd == AT_FDCWD ? "AT_FDCWD" : Integer.toString((int) fd);
    }

    /** qemu's at_file_flags, or 0. */
    private static String atFlags(long flags) {
        StringBuilder out = new StringBuilder();
        long rest = flags & 0xffffffffL;
        String[] names = {"AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR", "AT_SYMLINK_FOLLOW", "AT_EMPTY_PATH"};
        long[] bits = {0x100, 0x200, 0x400, 0x1000};
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                out.append(out.isEmpty() ? "" : "|").append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : "|").append("0x").append(Long.toHexString(rest));
        }
        return out.isEmpty() || out.toString().equals("0x0") ? "0" : out.toString();
    }

    private static String itimerWhich(long which) {
        return which >= 0 && which < ITIMER_COUNT ? ITIMERS[(int) which] : "0x" + Long.toHexString(which);
    }

    /** qemu's print_pointer: 0x and 16 hex digits, or NULL. */
    private static String pointer(long addr) {
        return addr == 0 ? "NULL" : String.format("0x%016x", addr);
    }

    private static String timespec(ProcessContext ctx, long addr) {
        if (addr == 0) {
            return "NULL";
        }
        try {
            return "{tv_sec = " + ctx.memory().ld64(addr) + ",tv_nsec = " + ctx.memory().ld64(addr + 8) + "}";
        } catch (GuestTrap t) {
            return hex(addr);
        }
    }

    /** qemu's print_itimerval: both timevals, each followed by a comma. */
    private static String itimerval(ProcessContext ctx, long addr) {
        if (addr == 0) {
            return "NULL";
        }
        try {
            var m = ctx.memory();
            return "{it_interval={tv_sec = " + m.ld64(addr) + ",tv_usec = " + m.ld64(addr + 8) + "},it_value={tv_sec = "
                    + m.ld64(addr + 16) + ",tv_usec = " + m.ld64(addr + 24) + "},}";
        } catch (GuestTrap t) {
            return hex(addr);
        }
    }

    /** qemu's print_socket: the domain, type and protocol by name. */
    private static String socket(StringBuilder sb, long domain, long type, long protocol) {
        String d = switch ((int) domain) {
            case 1 -> "PF_UNIX";
            case 2 -> "PF_INET";
            case 10 -> "PF_INET6";
            case 16 -> "PF_NETLINK";
            case 17 -> "PF_PACKET";
            default -> Integer.toString((int) domain);
        };
        String t = switch ((int) type & 0xf) {
            case 1 -> "SOCK_STREAM";
            case 2 -> "SOCK_DGRAM";
            case 3 -> "SOCK_RAW";
            case 4 -> "SOCK_RDM";
            case 5 -> "SOCK_SEQPACKET";
            case 10 -> "SOCK_PACKET";
            default -> Integer.toString((int) type & 0xf);
        };
        if ((type & 0x80000) != 0) {
            t += "|SOCK_CLOEXEC";
        }
        if ((type & 0x800) != 0) {
            t += "|SOCK_NONBLOCK";
        }
        String p = switch ((int) protocol) {
            case 0 -> "IPPROTO_IP";
            case 6 -> "IPPROTO_TCP";
            case 17 -> "IPPROTO_UDP";
            case 1 -> "IPPROTO_ICMP";
            case 58 -> "IPPROTO_ICMPV6";
            case 255 -> "IPPROTO_RAW";
            default -> Integer.toString((int) protocol);
        };
        if (domain == 16 || domain == 17) {
            p = Integer.toString((int) protocol);
        }
        return sb.append(d).append(',').append(t).append(',').append(p).append(')').toString();
    }

    /** qemu's print_sockaddr for AF_UNIX and AF_INET; other families as their raw bytes. */
    private static void sockaddr(StringBuilder sb, ProcessContext ctx, long addr, int len) {
        try {
            int family = (int) ctx.memory().ld16u(addr);
            switch (family) {
                case 1 -> {
                    byte[] path = ctx.memory().readCBytes(addr + 2, Math.max(0, Math.min(len - 2, 108)));
                    sb.append("{sun_family=AF_UNIX,sun_path=\"")
                            .append(new String(path, java.nio.charset.StandardCharsets.ISO_8859_1)).append("\"}");
                }
                case 2 -> {
                    int port = (int) ((ctx.memory().ld8u(addr + 2) << 8) | ctx.memory().ld8u(addr + 3));
                    sb.append("{sin_family=AF_INET,sin_port=htons(").append(port).append("),sin_addr=inet_addr(\"")
                            .append(ctx.memory().ld8u(addr + 4)).append('.').append(ctx.memory().ld8u(addr + 5))
                            .append('.').append(ctx.memory().ld8u(addr + 6)).append('.')
                            .append(ctx.memory().ld8u(addr + 7)).append("\")}");
                }
                default -> {
                    sb.append("{sa_family=").append(family).append(", sa_data={");
                    for (int i = 0; i < 14; i++) {
                        sb.append(i == 0 ? "" : ",").append(hex(ctx.memory().ld8u(addr + 2 + i)));
                    }
                    sb.append("}}");
                }
            }
        } catch (GuestTrap t) {
            sb.append(hex(addr));
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String string(ProcessContext ctx, long addr) {
        if (addr == 0) {
            return "NULL";
        }
        try {
            String s = ctx.memory().readCString(addr, MAX_STRING + 1);
            return '"' + (s.length() > MAX_STRING ? s.substring(0, MAX_STRING) + "\"..." : s + '"');
        } catch (GuestTrap t) {
            return hex(addr);
        }
    }
}
