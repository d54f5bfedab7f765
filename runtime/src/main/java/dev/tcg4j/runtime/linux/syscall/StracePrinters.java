package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.StraceArgs.dirfd;
import static dev.tcg4j.runtime.linux.syscall.StraceArgs.fileMode;
import static dev.tcg4j.runtime.linux.syscall.StraceArgs.openFlags;
import static dev.tcg4j.runtime.linux.syscall.StraceArgs.pointer;
import static dev.tcg4j.runtime.linux.syscall.StraceFlags.enumName;
import static dev.tcg4j.runtime.linux.syscall.StraceFlags.flags;
import static dev.tcg4j.runtime.linux.syscall.StraceFlags.hexInt;
import static dev.tcg4j.runtime.linux.syscall.StraceFlags.signal;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;

/**
 * The arguments of the calls qemu 7.2's strace.list gives a printer of strace.c's own
 * ({@code print_openat}, {@code print_mmap}, ...), as those print them.
 */
final class StracePrinters {
    private static final long S_IFCHR_OR_BLK = 060000;
    private static final long O_CREAT = 0x40;

    private StracePrinters() {}

    /** The text of {@code call} with arguments {@code a}; the memory is read for strings and structures. */
    static String call(GuestMemory m, Syscall call, long[] a) {
        return call == Syscall.EXECVE ? execve(m, a) : call.displayName() + "(" + arguments(m, call, a) + ")";
    }

    private static String arguments(GuestMemory m, Syscall call, long[] a) {
        return switch (call) {
            case BRK -> pointer(a[0]);
            case CHDIR -> string(m, a[0]);
            case STATFS -> join(string(m, a[0]), pointer(a[1]));
            case TRUNCATE -> join(string(m, a[0]), Long.toString(a[1]));
            case FSTAT -> join(d(a[0]), pointer(a[1]));
            case OPENAT -> (a[2] & O_CREAT) != 0
                    ? join(dirfd(a[0]), string(m, a[1]), openFlags(a[2]), fileMode(a[3]))
                    : join(dirfd(a[0]), string(m, a[1]), openFlags(a[2]));
            case FACCESSAT, FACCESSAT2 -> join(dirfd(a[0]), string(m, a[1]), flags(StraceFlags.ACCESS, a[2]),
                    flags(StraceFlags.AT_FILE, a[3]));
            case NEWFSTATAT -> join(dirfd(a[0]), string(m, a[1]), pointer(a[2]), flags(StraceFlags.AT_FILE, a[3]));
            case UTIMENSAT -> join(dirfd(a[0]), string(m, a[1]), pointer(a[2]), flags(StraceFlags.AT_FILE, a[3]));
            case FCHMODAT -> join(dirfd(a[0]), string(m, a[1]), fileMode(a[2]), flags(StraceFlags.AT_FILE, a[3]));
            case FCHOWNAT -> join(dirfd(a[0]), string(m, a[1]), d(a[2]), d(a[3]), flags(StraceFlags.AT_FILE, a[4]));
            case MKDIRAT -> join(dirfd(a[0]), string(m, a[1]), fileMode(a[2]));
            case MKNODAT -> mknodat(m, a);
            case UNLINKAT -> join(dirfd(a[0]), string(m, a[1]), flags(StraceFlags.UNLINKAT, a[2]));
            case SYMLINKAT -> join(string(m, a[0]), dirfd(a[1]), string(m, a[2]));
            case LINKAT -> join(dirfd(a[0]), string(m, a[1]), dirfd(a[2]), string(m, a[3]),
                    flags(StraceFlags.AT_FILE, a[4]));
            case READLINKAT -> join(dirfd(a[0]), string(m, a[1]), pointer(a[2]), Integer.toUnsignedString((int) a[3]));
            case STATX -> join(dirfd(a[0]), string(m, a[1]), flags(StraceFlags.STATX, a[2]),
                    flags(StraceFlags.STATX_MASK, a[3]), pointer(a[4]));
            case FALLOCATE -> join(d(a[0]), flags(StraceFlags.FALLOC, a[1]), Long.toString(a[2]), Long.toString(a[3]));
            case LSEEK -> join(d(a[0]), Long.toString(a[1]), whence(a[2]));
            case FCNTL -> join(d(a[0]), StraceFcntl.command(a[1], a[2]));
            case IOCTL -> join(d(a[0]), StraceIoctl.arguments(m, a[1], a[2]));
            case MMAP -> join(pointer(a[0]), d(a[1]), flags(StraceFlags.MMAP_PROT, a[2]), flags(StraceFlags.MMAP, a[3]),
                    d(a[4]), hexInt(a[5]));
            case MPROTECT -> join(pointer(a[0]), d(a[1]), flags(StraceFlags.MMAP_PROT, a[2]));
            case MUNMAP -> join(pointer(a[0]), d(a[1]));
            case MADVISE -> join(pointer(a[0]), d(a[1]), enumName(StraceFlags.MADVISE, a[2]));
            case CLONE -> join(flags(StraceFlags.CLONE, a[0] & 0xffffffffL), "child_stack=" + StraceArgs.hex16(a[1]),
                    "parent_tidptr=" + StraceArgs.hex16(a[2]), "tls=" + StraceArgs.hex16(a[3]),
                    "child_tidptr=" + StraceArgs.hex16(a[4]));
            case FUTEX -> StraceFutex.arguments(m, a);
            case KILL, TKILL -> join(d(a[0]), signal(a[1]));
            case TGKILL -> join(d(a[0]), d(a[1]), signal(a[2]));
            case RT_SIGACTION -> join(signal(a[0]), pointer(a[1]), pointer(a[2]));
            case RT_SIGPROCMASK -> join(sigprocmaskHow(a[0]), pointer(a[1]), pointer(a[2]));
            case CLOCK_GETTIME, CLOCK_GETRES -> join(enumName(StraceFlags.CLOCKS, a[0]), pointer(a[1]));
            case CLOCK_NANOSLEEP -> join(enumName(StraceFlags.CLOCKS, a[0]), d(a[1]), StraceArgs.timespec(m, a[2]),
                    StraceArgs.timespec(m, a[3]));
            case GETTIMEOFDAY -> join(pointer(a[0]), pointer(a[1]));
            case GETITIMER -> join(enumName(StraceFlags.ITIMERS, a[0]), pointer(a[1]));
            case SETITIMER -> join(enumName(StraceFlags.ITIMERS, a[0]), StraceArgs.itimerval(m, a[1]), pointer(a[2]));
            case SOCKET -> StraceSockets.socket(a[0], a[1], a[2]);
            case BIND -> join(Long.toString(a[0]), StraceSockets.sockaddr(m, a[1], a[2]));
            case ACCEPT -> join(d(a[0]), pointer(a[1]), StraceArgs.number(m, a[2]));
            default -> throw new IllegalArgumentException(call + " has no printer of its own");
        };
    }

    private static String d(long v) {
        return Integer.toString((int) v);
    }

    private static String string(GuestMemory m, long addr) {
        return StraceArgs.string(m, addr);
    }

    static String join(String... parts) {
        return String.join(",", parts);
    }

    private static String mknodat(GuestMemory m, long[] a) {
        String head = join(dirfd(a[0]), string(m, a[1]), fileMode(a[2]));
        if ((a[2] & S_IFCHR_OR_BLK) == 0) {
            return head;
        }
        // glibc's major() and minor() of the 64-bit dev_t
        long dev = a[3];
        int major = (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
        int minor = (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
        return head + ",makedev(" + major + "," + minor + ")";
    }

    private static String whence(long whence) {
        return switch ((int) whence) {
            case 0 -> "SEEK_SET";
            case 1 -> "SEEK_CUR";
            case 2 -> "SEEK_END";
            case 3 -> "SEEK_DATA";
            case 4 -> "SEEK_HOLE";
            default -> hexInt(whence);
        };
    }

    private static String sigprocmaskHow(long how) {
        return switch ((int) how) {
            case 0 -> "SIG_BLOCK";
            case 1 -> "SIG_UNBLOCK";
            case 2 -> "SIG_SETMASK";
            default -> "UNKNOWN";
        };
    }

    /**
     * print_execve: the path and the argv words (an unreadable word left out); where it cannot read
     * on it stops, as qemu's does, with the text unfinished (empty for an unreadable path).
     */
    private static String execve(GuestMemory m, long[] a) {
        String path = string(m, a[0]);
        if (!path.startsWith("\"")) {
            return "";
        }
        StringBuilder out = new StringBuilder("execve(").append(path).append(",{");
        try {
            for (long p = a[1];; p += 8) {
                long word = m.ld64(p);
                if (word == 0) {
                    return out.append("NULL})").toString();
                }
                String arg = string(m, word);
                if (arg.startsWith("\"")) {
                    out.append(arg).append(',');
                }
            }
        } catch (GuestTrap unreadable) {
            return out.toString();
        }
    }
}
