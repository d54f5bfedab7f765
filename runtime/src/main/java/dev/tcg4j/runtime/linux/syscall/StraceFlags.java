package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.runtime.linux.signal.SignalNames;

/**
 * qemu 7.2 strace.c's flag and enum tables for riscv64, in its order (which decides how a value
 * that matches two entries prints), and its {@code print_flags} and {@code print_enums}.
 */
final class StraceFlags {
    /** One name and its bits; a table is searched in order. */
    record Flag(long value, String name) {}

    static final Flag[] ACCESS = {f(0, "F_OK"), f(4, "R_OK"), f(2, "W_OK"), f(1, "X_OK")};
    static final Flag[] AT_FILE = {f(0x200, "AT_EACCESS"), f(0x100, "AT_SYMLINK_NOFOLLOW")};
    static final Flag[] UNLINKAT = {f(0x200, "AT_REMOVEDIR")};
    static final Flag[] FILE_TYPE = {f(0140000, "S_IFSOCK"), f(0120000, "S_IFLNK"), f(0100000, "S_IFREG"),
        f(060000, "S_IFBLK"), f(040000, "S_IFDIR"), f(020000, "S_IFCHR"), f(010000, "S_IFIFO")};
    static final Flag[] OPEN_ACCESS = {f(0, "O_RDONLY"), f(1, "O_WRONLY"), f(2, "O_RDWR")};
    static final Flag[] OPEN = {f(0x400, "O_APPEND"), f(0x40, "O_CREAT"), f(0x10000, "O_DIRECTORY"),
        f(0x80, "O_EXCL"), f(0x8000, "O_LARGEFILE"), f(0x100, "O_NOCTTY"), f(0x20000, "O_NOFOLLOW"),
        f(0x800, "O_NONBLOCK"), f(0x1000, "O_DSYNC"), f(0x100000, "__O_SYNC"), f(0x200, "O_TRUNC"),
        f(0x4000, "O_DIRECT"), f(0x40000, "O_NOATIME"), f(0x80000, "O_CLOEXEC"), f(0x200000, "O_PATH"),
        f(0x410000, "O_TMPFILE"), f(0x400000, "__O_TMPFILE")};
    static final Flag[] MMAP_PROT = {f(0, "PROT_NONE"), f(4, "PROT_EXEC"), f(1, "PROT_READ"), f(2, "PROT_WRITE"),
        f(8, "PROT_SEM"), f(0x1000000, "PROT_GROWSDOWN"), f(0x2000000, "PROT_GROWSUP")};
    static final Flag[] MMAP = {f(1, "MAP_SHARED"), f(2, "MAP_PRIVATE"), f(0x20, "MAP_ANONYMOUS"),
        f(0x800, "MAP_DENYWRITE"), f(0x10, "MAP_FIXED"), f(0x100, "MAP_GROWSDOWN"), f(0x1000, "MAP_EXECUTABLE"),
        f(0x2000, "MAP_LOCKED"), f(0x10000, "MAP_NONBLOCK"), f(0x4000, "MAP_NORESERVE"), f(0x8000, "MAP_POPULATE"),
        f(0x4000000, "MAP_UNINITIALIZED")};
    static final Flag[] CLONE = {f(0x100, "CLONE_VM"), f(0x200, "CLONE_FS"), f(0x400, "CLONE_FILES"),
        f(0x800, "CLONE_SIGHAND"), f(0x2000, "CLONE_PTRACE"), f(0x4000, "CLONE_VFORK"), f(0x8000, "CLONE_PARENT"),
        f(0x10000, "CLONE_THREAD"), f(0x20000, "CLONE_NEWNS"), f(0x40000, "CLONE_SYSVSEM"),
        f(0x80000, "CLONE_SETTLS"), f(0x100000, "CLONE_PARENT_SETTID"), f(0x200000, "CLONE_CHILD_CLEARTID"),
        f(0x400000, "CLONE_DETACHED"), f(0x800000, "CLONE_UNTRACED"), f(0x1000000, "CLONE_CHILD_SETTID"),
        f(0x4000000, "CLONE_NEWUTS"), f(0x8000000, "CLONE_NEWIPC"), f(0x10000000, "CLONE_NEWUSER"),
        f(0x20000000, "CLONE_NEWPID"), f(0x40000000, "CLONE_NEWNET"), f(0x2000000, "CLONE_NEWCGROUP"),
        f(0x80, "CLONE_NEWTIME"), f(0x80000000L, "CLONE_IO")};
    static final Flag[] STATX = {f(0x1000, "AT_EMPTY_PATH"), f(0x800, "AT_NO_AUTOMOUNT"),
        f(0x100, "AT_SYMLINK_NOFOLLOW"), f(0, "AT_STATX_SYNC_AS_STAT"), f(0x2000, "AT_STATX_FORCE_SYNC"),
        f(0x4000, "AT_STATX_DONT_SYNC")};
    static final Flag[] STATX_MASK = {f(0xfff, "STATX_ALL"), f(0x7ff, "STATX_BASIC_STATS"), f(1, "STATX_TYPE"),
        f(2, "STATX_MODE"), f(4, "STATX_NLINK"), f(8, "STATX_UID"), f(0x10, "STATX_GID"), f(0x20, "STATX_ATIME"),
        f(0x40, "STATX_MTIME"), f(0x80, "STATX_CTIME"), f(0x100, "STATX_INO"), f(0x200, "STATX_SIZE"),
        f(0x400, "STATX_BLOCKS"), f(0x800, "STATX_BTIME")};
    static final Flag[] FALLOC = {f(1, "FALLOC_FL_KEEP_SIZE"), f(2, "FALLOC_FL_PUNCH_HOLE"),
        f(4, "FALLOC_FL_NO_HIDE_STALE"), f(8, "FALLOC_FL_COLLAPSE_RANGE"), f(0x10, "FALLOC_FL_ZERO_RANGE"),
        f(0x20, "FALLOC_FL_INSERT_RANGE"), f(0x40, "FALLOC_FL_UNSHARE_RANGE")};

    static final Flag[] UMOUNT2 = {f(1, "MNT_FORCE"), f(2, "MNT_DETACH"), f(4, "MNT_EXPIRE")};
    static final Flag[] MOUNT = {f(4096, "MS_BIND"), f(128, "MS_DIRSYNC"), f(64, "MS_MANDLOCK"), f(8192, "MS_MOVE"),
        f(1024, "MS_NOATIME"), f(4, "MS_NODEV"), f(2048, "MS_NODIRATIME"), f(8, "MS_NOEXEC"), f(2, "MS_NOSUID"),
        f(1, "MS_RDONLY"), f(1 << 21, "MS_RELATIME"), f(32, "MS_REMOUNT"), f(16, "MS_SYNCHRONOUS")};
    static final Flag[] MLOCKALL = {f(1, "MCL_CURRENT"), f(2, "MCL_FUTURE"), f(4, "MCL_ONFAULT")};

    static final Flag[] CLOCKS = enums("CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
        "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE",
        "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM", "CLOCK_SGI_CYCLE", "CLOCK_TAI");
    static final Flag[] ITIMERS = enums("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF");
    static final Flag[] MADVISE = {f(0, "MADV_NORMAL"), f(1, "MADV_RANDOM"), f(2, "MADV_SEQUENTIAL"),
        f(3, "MADV_WILLNEED"), f(4, "MADV_DONTNEED"), f(8, "MADV_FREE"), f(9, "MADV_REMOVE"), f(10, "MADV_DONTFORK"),
        f(11, "MADV_DOFORK"), f(12, "MADV_MERGEABLE"), f(13, "MADV_UNMERGEABLE"), f(14, "MADV_HUGEPAGE"),
        f(15, "MADV_NOHUGEPAGE"), f(16, "MADV_DONTDUMP"), f(17, "MADV_DODUMP"), f(18, "MADV_WIPEONFORK"),
        f(19, "MADV_KEEPONFORK"), f(20, "MADV_COLD"), f(21, "MADV_PAGEOUT"), f(22, "MADV_POPULATE_READ"),
        f(23, "MADV_POPULATE_WRITE"), f(24, "MADV_DONTNEED_LOCKED")};

    private StraceFlags() {}

    private static Flag f(long value, String name) {
        return new Flag(value, name);
    }

    private static Flag[] enums(String... names) {
        Flag[] table = new Flag[names.length];
        for (int i = 0; i < names.length; i++) {
            table[i] = f(i, names[i]);
        }
        return table;
    }

    /**
     * qemu's print_flags: the names of the entries whose bits are all set, then what is left as
     * {@code %#x}; a table whose first entry is 0 names a 0 value by it.
     */
    static String flags(Flag[] table, long value) {
        if (value == 0 && table[0].value() == 0) {
            return table[0].name();
        }
        StringBuilder out = new StringBuilder();
        long rest = value;
        for (Flag flag : table) {
            if (flag.value() != 0 && (rest & flag.value()) == flag.value()) {
                out.append(out.isEmpty() ? "" : "|").append(flag.name());
                rest &= ~flag.value();
            }
        }
        if (out.isEmpty()) {
            return hexInt(rest);
        }
        return rest == 0 ? out.toString() : out.append('|').append(hexInt(rest)).toString();
    }

    /** qemu's print_enums: the name of the value, else {@code %#x} of it. */
    static String enumName(Flag[] table, long value) {
        for (Flag e : table) {
            if (e.value() == value) {
                return e.name();
            }
        }
        return hexInt(value);
    }

    /** qemu's print_signal. */
    static String signal(long sig) {
        return SignalNames.straceName(sig);
    }

    /** C's {@code %#x} of an unsigned int: 0 bare, else 0x and the hex digits. */
    static String hexInt(long value) {
        int v = (int) value;
        return v == 0 ? "0" : "0x" + Integer.toHexString(v);
    }
}
