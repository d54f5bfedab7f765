package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.nio.charset.StandardCharsets;

/**
 * qemu 7.2 strace.c's argument printers that read nothing or one value from guest memory: each
 * returns the text of one argument, without the comma that separates it from the next.
 */
final class StraceArgs {
    private static final int AT_FDCWD = -100;
    /** The longest string read for one argument: the kernel's PATH_MAX, beyond any path or argv word. */
    private static final int MAX_STRING = 1 << 16;

    private StraceArgs() {}

    /** print_pointer: {@code 0x%016lx}, or NULL. */
    static String pointer(long addr) {
        return addr == 0 ? "NULL" : hex16(addr);
    }

    /** TARGET_ABI_FMT_lx after "0x": the 16 hex digits qemu prints addresses with. */
    static String hex16(long value) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(16 - digits.length()) + digits;
    }

    /** print_at_dirfd: AT_FDCWD by name, other descriptors as {@code %d}. */
    static String dirfd(long fd) {
        return (int) fd == AT_FDCWD ? "AT_FDCWD" : Integer.toString((int) fd);
    }

    /** print_string: the whole string in quotes, or the pointer when it cannot be read. */
    static String string(GuestMemory memory, long addr) {
        try {
            byte[] s = memory.readCBytes(addr, MAX_STRING);
            return '"' + new String(s, StandardCharsets.UTF_8) + '"';
        } catch (GuestTrap unreadable) {
            return pointer(addr);
        }
    }

    /**
     * print_file_mode: the file type by name then the permission bits as {@code %#o}; a 0 mode is
     * {@code 000}.
     */
    static String fileMode(long mode) {
        if (mode == 0) {
            return "000";
        }
        StringBuilder out = new StringBuilder();
        long rest = mode;
        for (StraceFlags.Flag type : StraceFlags.FILE_TYPE) {
            if ((type.value() & rest) == type.value()) {
                out.append(type.name());
                rest &= ~type.value();
                break;
            }
        }
        rest &= ~0170000L;
        if (rest != 0) {
            out.append(out.isEmpty() ? "" : "|").append('0').append(Long.toOctalString(rest & 0xffffffffL));
        }
        return out.toString();
    }

    /** print_open_flags: the access mode by name, then the other flags. */
    static String openFlags(long flags) {
        String access = StraceFlags.flags(StraceFlags.OPEN_ACCESS, flags & 3);
        long rest = flags & ~3L;
        return rest == 0 ? access : access + "|" + StraceFlags.flags(StraceFlags.OPEN, rest);
    }

    /** print_number: the int the pointer points to in brackets, or NULL. */
    static String number(GuestMemory memory, long addr) {
        if (addr == 0) {
            return "NULL";
        }
        try {
            return "[" + (int) memory.ld32s(addr) + "]";
        } catch (GuestTrap unreadable) {
            return "[0]";
        }
    }

    /** print_timeval. */
    static String timeval(GuestMemory memory, long addr) {
        return timePair(memory, addr, "{tv_sec = %d,tv_usec = %d}");
    }

    /** print_timespec. */
    static String timespec(GuestMemory memory, long addr) {
        return timePair(memory, addr, "{tv_sec = %d,tv_nsec = %d}");
    }

    private static String timePair(GuestMemory memory, long addr, String format) {
        if (addr == 0) {
            return "NULL";
        }
        try {
            return String.format(format, memory.ld64(addr), memory.ld64(addr + 8));
        } catch (GuestTrap unreadable) {
            return pointer(addr);
        }
    }

    /** print_timezone. */
    static String timezone(GuestMemory memory, long addr) {
        if (addr == 0) {
            return "NULL";
        }
        try {
            return "{" + (int) memory.ld32s(addr) + "," + (int) memory.ld32s(addr + 4) + "}";
        } catch (GuestTrap unreadable) {
            return pointer(addr);
        }
    }

    /** print_itimerval: both timevals, each followed by a comma as qemu's are. */
    static String itimerval(GuestMemory memory, long addr) {
        if (addr == 0) {
            return "NULL";
        }
        return "{it_interval=" + timeval(memory, addr) + ",it_value=" + timeval(memory, addr + 16) + ",}";
    }
}
