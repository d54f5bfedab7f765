/* Calls each system call that -strace formats specially with edge-case arguments (unknown flag bits,
 * zero, names at table ends), each failing harmlessly, so that the trace shows the printers. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long sys(long nr, long a, long b, long c, long d, long e, long f) {
    return syscall(nr, a, b, c, d, e, f);
}

int main(void) {
    static char stat_buffer[256];
    static const char *missing = "/nonexistent-tcg4j/x";
    static const char *long_path = "/nonexistent-tcg4j/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static const long open_flags[] = {0, 1, 2, 3, O_CREAT | O_WRONLY, O_APPEND | O_EXCL | O_NOCTTY | O_TRUNC,
        O_NONBLOCK | O_DSYNC | O_SYNC, O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, O_PATH, O_NOATIME | O_DIRECT | O_LARGEFILE,
        O_TMPFILE | O_RDWR, 0x40000000L | O_RDONLY, 0x80000000L | 0x10000000L};
    static const long modes[] = {0, 0644, 0100644, 040755, 0120777, 0140000, 010000, 020600, 060600, 07777, 0200000};
    for (unsigned i = 0; i < sizeof open_flags / sizeof *open_flags; i++) {
        sys(SYS_openat, AT_FDCWD, (long) missing, open_flags[i], 0644, 0, 0);
    }
    for (unsigned i = 0; i < sizeof modes / sizeof *modes; i++) {
        sys(SYS_openat, -5, (long) missing, O_CREAT, modes[i], 0, 0);
        sys(SYS_fchmodat, AT_FDCWD, (long) missing, modes[i], 0, 0, 0);
        sys(SYS_mkdirat, 7, (long) missing, modes[i], 0, 0, 0);
        sys(SYS_mknodat, AT_FDCWD, (long) missing, modes[i], 0x10305, 0, 0);
        sys(SYS_fchmod, -1, modes[i], 0, 0, 0, 0);
    }
    sys(SYS_openat, AT_FDCWD, (long) long_path, 0, 0, 0, 0);
    sys(SYS_openat, AT_FDCWD, 0, 0, 0, 0, 0);
    sys(SYS_openat, AT_FDCWD, 16, 0, 0, 0, 0);
    for (long m = 0; m < 9; m++) {
        sys(SYS_faccessat, AT_FDCWD, (long) missing, m, m * 0x100, 0, 0);
    }
    sys(SYS_faccessat, AT_FDCWD, (long) missing, 0x20, 0x1000, 0, 0);
    sys(SYS_faccessat2, AT_FDCWD, (long) missing, 4, 0x300, 0, 0);
    static const long at_flags[] = {0, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x6000, 0x8000, 0x1100, 1};
    for (unsigned i = 0; i < sizeof at_flags / sizeof *at_flags; i++) {
        sys(SYS_newfstatat, AT_FDCWD, (long) missing, 0, at_flags[i], 0, 0);
        sys(SYS_unlinkat, AT_FDCWD, (long) missing, at_flags[i], 0, 0, 0);
        sys(SYS_fchownat, AT_FDCWD, (long) missing, 0, -1, at_flags[i], 0);
        sys(SYS_utimensat, AT_FDCWD, (long) missing, 0, at_flags[i], 0, 0);
        sys(SYS_linkat, AT_FDCWD, (long) missing, -3, (long) missing, at_flags[i], 0);
        sys(SYS_statx, AT_FDCWD, (long) missing, at_flags[i], 0x7ff >> i, (long) stat_buffer, 0);
    }
    sys(SYS_statx, AT_FDCWD, (long) missing, 0, 0xfff, (long) stat_buffer, 0);
    sys(SYS_statx, AT_FDCWD, (long) missing, 0, 0x80000fff, (long) stat_buffer, 0);
    sys(SYS_symlinkat, (long) missing, AT_FDCWD, (long) missing, 0, 0, 0);
    sys(SYS_readlinkat, 9, (long) missing, 0, 100, 0, 0);
    sys(SYS_renameat2, AT_FDCWD, (long) missing, AT_FDCWD, (long) missing, 1, 0);
    sys(SYS_truncate, (long) missing, -5, 0, 0, 0, 0);
    sys(SYS_ftruncate, -1, 1L << 40, 0, 0, 0, 0);
    sys(SYS_chdir, (long) missing, 0, 0, 0, 0, 0);
    sys(SYS_statfs, (long) missing, 0, 0, 0, 0, 0);
    sys(SYS_fstat, -1, 0, 0, 0, 0, 0);
    sys(SYS_fstatfs, -1, 0, 0, 0, 0, 0);
    sys(SYS_fallocate, -1, 0, 0, 10, 0, 0);
    sys(SYS_fallocate, -1, 3, -1, 1L << 33, 0, 0);
    sys(SYS_fallocate, -1, 0x7f, 0, 0, 0, 0);
    for (long w = 0; w < 6; w++) {
        sys(SYS_lseek, -1, -w, w, 0, 0, 0);
    }
    static const long prots[] = {0, 1, 2, 3, 4, 7, 8, 0x1000000, 0x2000000, 0x10};
    static const long map_flags[] = {0, 1, 2, 3, 0x10, 0x20, 0x100, 0x800, 0x1000, 0x2000, 0x4000, 0x8000, 0x10000,
        0x20000, 0x40000, 0x80000, 0x100000, 0x4000000, 0x8000000};
    for (unsigned i = 0; i < sizeof prots / sizeof *prots; i++) {
        sys(SYS_mmap, 0x1000, 4096, prots[i], 0x2, -1, 0);
        sys(SYS_mprotect, 0x1001, 4096, prots[i], 0, 0, 0);
    }
    for (unsigned i = 0; i < sizeof map_flags / sizeof *map_flags; i++) {
        sys(SYS_mmap, 0, 4096, 3, map_flags[i], -1, 0x1000);
    }
    sys(SYS_munmap, 0x1001, -1, 0, 0, 0, 0);
    for (long a = -1; a < 28; a++) {
        sys(SYS_madvise, 0x1001, 4096, a, 0, 0, 0);
    }
    sys(SYS_madvise, 0x1001, 4096, 100, 0, 0, 0);
    for (long s = -1; s < 67; s++) {
        sys(SYS_rt_sigaction, s, 0, 0, 8, 0, 0);
    }
    for (long h = -1; h < 4; h++) {
        sys(SYS_rt_sigprocmask, h, 0, 0, 8, 0, 0);
    }
    sys(SYS_kill, 0x7ffffff0, 0, 0, 0, 0, 0);
    sys(SYS_kill, 0x7ffffff0, 99, 0, 0, 0, 0);
    sys(SYS_tkill, -1, SIGTERM, 0, 0, 0, 0);
    sys(SYS_tgkill, -1, -1, SIGRTMIN, 0, 0, 0);
    static const long fcntl_cmds[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 36, 37, 38, 1024, 1025, 1026,
        1030, 1031, 1032, 1033, 1034, 99};
    for (unsigned i = 0; i < sizeof fcntl_cmds / sizeof *fcntl_cmds; i++) {
        sys(SYS_fcntl, -1, fcntl_cmds[i], O_NONBLOCK | O_APPEND | 2, 0, 0, 0);
    }
    static int word;
    static struct timespec timeout = {0, 2};
    sys(SYS_futex, (long) &word, 1 | 128, 1, 0, 0, 0);
    sys(SYS_futex, (long) &word, 0 | 256, 5, (long) &timeout, (long) &word, 7);
    sys(SYS_futex, (long) &word, 9 | 128, 5, (long) &timeout, 0, -1);
    sys(SYS_futex, (long) &word, 3, 5, 0x1234, (long) &word, 0);
    sys(SYS_futex, (long) &word, 11 | 128, 5, (long) &timeout, (long) &word, 0);
    sys(SYS_futex, (long) &word, 30, 0, 0, 0, 0);
    for (long c = -1; c < 13; c++) {
        sys(SYS_clock_gettime, c, 0, 0, 0, 0, 0);
        sys(SYS_clock_getres, c + 20, 0, 0, 0, 0, 0);
    }
    sys(SYS_clock_nanosleep, 99, 1, 0, 0, 0, 0);
    sys(SYS_clock_nanosleep, 1, 0, (long) &timeout, 0, 0, 0);
    sys(SYS_nanosleep, 0, 0, 0, 0, 0, 0);
    sys(SYS_getitimer, 3, 0, 0, 0, 0, 0);
    sys(SYS_getitimer, 1, 0, 0, 0, 0, 0);
    sys(SYS_setitimer, 5, 0, 0, 0, 0, 0);
    sys(SYS_gettimeofday, 0, 1, 0, 0, 0, 0);
    sys(SYS_ioctl, -1, 0x5401, 0x1000, 0, 0, 0);
    sys(SYS_ioctl, -1, 0x5413, 0x1000, 0, 0, 0);
    sys(SYS_ioctl, -1, 0x541b, 0x1000, 0, 0, 0);
    sys(SYS_ioctl, -1, 0x5421, (long) &word, 0, 0, 0);
    sys(SYS_ioctl, -1, 0x12345678, 0x9abcdef012L, 0, 0, 0);
    sys(SYS_ioctl, -1, 0x540f, 0, 0, 0, 0);
    sys(SYS_ioctl, -1, 0x5451, 0, 0, 0, 0);
    static char *const argv[] = {"a", "bb", NULL};
    static char *const envp[] = {"X=1", NULL};
    sys(SYS_execve, (long) missing, (long) argv, (long) envp, 0, 0, 0);
    sys(SYS_execve, (long) missing, 0, 0, 0, 0, 0);
    sys(SYS_execveat, AT_FDCWD, (long) missing, (long) argv, (long) envp, 0, 0);
    static const long domains[] = {0, 1, 2, 10, 16, 17, 99};
    static const long types[] = {1, 2, 3, 4, 5, 10, 0x80801, 0x800 | 2, 0x80000 | 5, 0xf};
    for (unsigned i = 0; i < sizeof domains / sizeof *domains; i++) {
        for (unsigned j = 0; j < sizeof types / sizeof *types; j++) {
            sys(SYS_socket, domains[i], types[j] | 0x100000, 1000, 0, 0, 0);
        }
    }
    sys(SYS_bind, -1, 0, 0, 0, 0, 0);
    sys(SYS_connect, -1, 0x1000, 16, 0, 0, 0);
    sys(SYS_listen, -1, 5, 0, 0, 0, 0);
    sys(SYS_accept, -1, 0, 0, 0, 0, 0);
    sys(SYS_accept4, -1, 0, 0, 0, 0, 0);
    sys(SYS_getsockname, -1, 0, 0, 0, 0, 0);
    sys(SYS_shutdown, -1, 1, 0, 0, 0, 0);
    sys(SYS_sendto, -1, (long) missing, 5, 0x40, 0, 0);
    sys(SYS_recvfrom, -1, 0x1000, 5, 0x40, 0, 0);
    sys(SYS_setsockopt, -1, 1, 2, 0, 0, 0);
    sys(SYS_getsockopt, -1, 1, 2, 0, 0, 0);
    sys(SYS_sendmsg, -1, 0, 0x40, 0, 0, 0);
    sys(SYS_recvmsg, -1, 0, 0x40, 0, 0, 0);
    sys(SYS_read, -1, 0x1234567890L, -1, 0, 0, 0);
    sys(SYS_write, -1, 0, 3, 0, 0, 0);
    sys(SYS_readv, -1, 0, 3, 0, 0, 0);
    sys(SYS_writev, -1, 0, 0, 0, 0, 0);
    sys(SYS_pread64, -1, 0, 3, 4, 0, 0);
    sys(SYS_pwrite64, -1, 0, 3, 4, 0, 0);
    sys(SYS_close, -1, 0, 0, 0, 0, 0);
    sys(SYS_dup, -1, 0, 0, 0, 0, 0);
    sys(SYS_dup3, -1, -1, 0x80000, 0, 0, 0);
    sys(SYS_pipe2, 0, -1, 0, 0, 0, 0);
    sys(SYS_getdents64, -1, 0x1000, 4096, 0, 0, 0);
    sys(SYS_getcwd, 0, 0, 0, 0, 0, 0);
    sys(SYS_fchdir, -1, 0, 0, 0, 0, 0);
    sys(SYS_fchown, -1, -1, -1, 0, 0, 0);
    sys(SYS_fsync, -1, 0, 0, 0, 0, 0);
    sys(SYS_fdatasync, -1, 0, 0, 0, 0, 0);
    sys(SYS_flock, -1, 2, 0, 0, 0, 0);
    sys(SYS_umask, 022, 0, 0, 0, 0, 0);
    sys(SYS_umask, 022, 0, 0, 0, 0, 0);
    sys(SYS_uname, 0, 0, 0, 0, 0, 0);
    sys(SYS_getpgid, -1, 0, 0, 0, 0, 0);
    sys(SYS_setpgid, -1, -1, 0, 0, 0, 0);
    sys(SYS_getsid, -1, 0, 0, 0, 0, 0);
    sys(SYS_getrandom, 0, 0, 7, 0, 0, 0);
    sys(SYS_getcpu, 0, 0, 0, 0, 0, 0);
    sys(SYS_sigaltstack, 0, 0, 0, 0, 0, 0);
    sys(SYS_waitid, 7, 0, 0, 4, 0, 0);
    sys(SYS_wait4, -1, 0, 1, 0, 0, 0);
    sys(SYS_timer_settime, -1, 1, 0, 0, 0, 0);
    sys(SYS_timer_delete, -1, 0, 0, 0, 0, 0);
    sys(SYS_timerfd_create, 99, 0, 0, 0, 0, 0);
    sys(SYS_eventfd2, 0, -1, 0, 0, 0, 0);
    sys(SYS_epoll_create1, -1, 0, 0, 0, 0, 0);
    sys(SYS_epoll_ctl, -1, 1, -1, 0, 0, 0);
    sys(SYS_mremap, 0x1001, 4096, 8192, 0, 0, 0);
    sys(SYS_msync, 0x1001, 4096, 99, 0, 0, 0);
    sys(SYS_copy_file_range, -1, 0, -1, 0, 5, 0);
    sys(SYS_prlimit64, 0, 99, 0, 0, 0, 0);
    sys(SYS_memfd_create, 0, 0, 0, 0, 0, 0);
    sys(SYS_personality, 0xffffffff, 0, 0, 0, 0, 0);
    sys(SYS_sched_getaffinity, 0, 0, 0, 0, 0, 0);
    sys(SYS_clone, 0x7fffffff00L, 0x1000, 0x2000, 0x3000, 0x4000, 0);
    static const char *const fs = "tmpfs";
    sys(SYS_getxattr, (long) missing, (long) "user.x", 0, 8, 0, 0);
    sys(SYS_fgetxattr, -1, (long) "user.x", 0, 8, 0, 0);
    sys(SYS_listxattr, (long) missing, 0, 8, 0, 0, 0);
    sys(SYS_flistxattr, -1, 0, 8, 0, 0, 0);
    sys(SYS_removexattr, (long) missing, (long) "user.x", 0, 0, 0, 0);
    sys(SYS_fremovexattr, -1, (long) "user.x", 0, 0, 0, 0);
    sys(SYS_setxattr, (long) missing, (long) "user.x", 0, 0, 0, 0);
    sys(SYS_chroot, (long) missing, 0, 0, 0, 0, 0);
    sys(SYS_acct, (long) missing, 0, 0, 0, 0, 0);
    sys(SYS_umount2, (long) missing, 0xf, 0, 0, 0, 0);
    sys(SYS_mount, (long) missing, (long) missing, (long) fs, 0x7fffffff, 0, 0);
    sys(SYS_unshare, 0x80000000L, 0, 0, 0, 0, 0);
    sys(SYS_mlockall, 8, 0, 0, 0, 0, 0);
    sys(SYS_clock_settime, 99, 0, 0, 0, 0, 0);
    sys(SYS_clock_adjtime, 99, 0, 0, 0, 0, 0);
    sys(SYS_syslog, 99, 0, -1, 0, 0, 0);
    sys(SYS_mq_open, (long) missing, 0x40 | 2, 0600, 0, 0, 0);
    sys(SYS_mq_unlink, (long) missing, 0, 0, 0, 0, 0);
    sys(SYS_getpriority, 99, -1, 0, 0, 0, 0);
    sys(SYS_setresuid, -1, -1, -1, 0, 0, 0);
    sys(SYS_capget, 0, 0, 0, 0, 0, 0);
    sys(SYS_mlock, 0, 0, 0, 0, 0, 0);
    sys(SYS_syncfs, -1, 0, 0, 0, 0, 0);
    sys(SYS_pidfd_open, -1, 0, 0, 0, 0, 0);
    sys(SYS_sched_getparam, -1, 0, 0, 0, 0, 0);
    sys(SYS_inotify_init1, -1, 0, 0, 0, 0, 0);
    sys(SYS_rseq, 0, 0, 0, 0, 0, 0);
    sys(SYS_openat2, AT_FDCWD, 0, 0, 0, 0, 0);
    static int queued[32] = {10, 0, -1, 0, 77, 0, 42, 0};
    sys(SYS_rt_sigqueueinfo, 0x7ffffff0, SIGUSR1, 0, 0, 0, 0);
    sys(SYS_rt_sigqueueinfo, 0x7ffffff0, SIGUSR1, (long) queued, 0, 0, 0);
    sys(SYS_rt_tgsigqueueinfo, 0x7ffffff0, 0x7ffffff0, SIGUSR1, (long) queued, 0, 0);
    sys(SYS_semctl, -1, 0, 2, 0, 0, 0);
    sys(SYS_semctl, -1, 0, 0x10d, 0x1234, 0, 0);
    sys(SYS_semctl, -1, 0, 99, 0x1234, 0, 0);
    sys(38, AT_FDCWD, (long) missing, AT_FDCWD, (long) missing, 0, 0);
    sys(258, 0, 0, 0, 0, 0, 0);
    sys(259, 0, 0, 0, 0, 0, 0);
    sys(435, 0, 0, 0, 0, 0, 0);
    sys(441, -1, 0, 0, 0, 0, 0);
    sys(999, 0, 0, 0, 0, 0, 0);
    return 0;
}
