package dev.tcg4j.runtime.linux.syscall;

/**
 * The system calls the runtime implements, with their numbers in the asm-generic table (an
 * architecture's {@link SyscallTable} says which numbers it uses), and how strace prints their arguments: {@code d} signed int, {@code x} hex, {@code p}
 * pointer, {@code n} pointer as C's {@code %p} ("(nil)" for 0), {@code X} C's {@code %#x}, {@code s} string,
 * {@code o} octal, {@code l} long; {@code *} alone prints all six argument registers as signed longs, as
 * qemu 7.2 prints every call its strace.list does not describe.
 */
public enum Syscall {
    GETCWD(17, "pl"),
    EVENTFD2(19, "dd"),
    EPOLL_CREATE1(20, "d"),
    EPOLL_CTL(21, "*"),
    EPOLL_PWAIT(22, "*"),
    DUP(23, "d"),
    DUP3(24, "ddx"),
    FCNTL(25, "ddx"),
    IOCTL(29, "dxp"),
    FLOCK(32, "*"),
    MKNODAT(33, "dsoX"),
    MKDIRAT(34, "dso"),
    UNLINKAT(35, "dsx"),
    SYMLINKAT(36, "sds"),
    LINKAT(37, "dsdsx"),
    RENAMEAT(38, "dsds"),
    STATFS(43, "sp"),
    FSTATFS(44, "dp"),
    TRUNCATE(45, "sl"),
    FTRUNCATE(46, "dl"),
    FALLOCATE(47, "dddd"),
    FACCESSAT(48, "dso"),
    CHDIR(49, "s"),
    FCHDIR(50, "d"),
    FCHMOD(52, "do"),
    FCHMODAT(53, "dso"),
    FCHOWNAT(54, "dsddx"),
    FCHOWN(55, "ddd"),
    OPENAT(56, "dsxo"),
    CLOSE(57, "d"),
    PIPE2(59, "px"),
    GETDENTS64(61, "dpl"),
    LSEEK(62, "dld"),
    READ(63, "dpl"),
    WRITE(64, "dpl"),
    READV(65, "dpd"),
    WRITEV(66, "dpd"),
    PREAD64(67, "dpll"),
    PWRITE64(68, "dpll"),
    SENDFILE(71, "*"),
    PSELECT6(72, "*"),
    PPOLL(73, "*"),
    SIGNALFD4(74, "*"),
    SPLICE(76, "*"),
    READLINKAT(78, "dspl"),
    NEWFSTATAT(79, "dspx"),
    FSTAT(80, "dp"),
    FSYNC(82, "d"),
    FDATASYNC(83, "d"),
    TIMERFD_CREATE(85, "*"),
    TIMERFD_SETTIME(86, "*"),
    TIMERFD_GETTIME(87, "*"),
    UTIMENSAT(88, "dspx"),
    PERSONALITY(92, "x"),
    EXIT(93, "d"),
    EXIT_GROUP(94, "d"),
    WAITID(95, "ddpxp"),
    SET_TID_ADDRESS(96, "p"),
    FUTEX(98, "pdxppx"),
    SET_ROBUST_LIST(99, "pl"),
    GET_ROBUST_LIST(100, "dpp"),
    NANOSLEEP(101, "pp"),
    GETITIMER(102, "dp"),
    SETITIMER(103, "dpp"),
    TIMER_CREATE(107, "*"),
    TIMER_GETTIME(108, "*"),
    TIMER_GETOVERRUN(109, "*"),
    TIMER_SETTIME(110, "ddnn"),
    TIMER_DELETE(111, "*"),
    CLOCK_GETTIME(113, "dp"),
    CLOCK_GETRES(114, "dp"),
    CLOCK_NANOSLEEP(115, "ddpp"),
    SCHED_SETAFFINITY(122, "*"),
    SCHED_GETAFFINITY(123, "*"),
    SCHED_YIELD(124, ""),
    KILL(129, "dd"),
    TKILL(130, "dd"),
    TGKILL(131, "ddd"),
    SIGALTSTACK(132, "pp"),
    RT_SIGSUSPEND(133, "pl"),
    RT_SIGACTION(134, "dppl"),
    RT_SIGPROCMASK(135, "dppl"),
    RT_SIGPENDING(136, "pl"),
    RT_SIGRETURN(139, ""),
    TIMES(153, "*"),
    SETPGID(154, "dd"),
    GETPGID(155, "d"),
    GETSID(156, "d"),
    SETSID(157, ""),
    GETGROUPS(158, "dp"),
    UNAME(160, "p"),
    GETRLIMIT(163, "dp"),
    SETRLIMIT(164, "dp"),
    GETRUSAGE(165, "*"),
    UMASK(166, "o"),
    PRCTL(167, "*"),
    GETCPU(168, "ppp"),
    GETTIMEOFDAY(169, "pp"),
    GETPID(172, ""),
    GETPPID(173, ""),
    GETUID(174, ""),
    GETEUID(175, ""),
    GETGID(176, ""),
    GETEGID(177, ""),
    GETTID(178, ""),
    SYSINFO(179, "*"),
    SOCKET(198, "ddd"),
    SOCKETPAIR(199, "*"),
    BIND(200, "dpd"),
    LISTEN(201, "dd"),
    ACCEPT(202, "*"),
    CONNECT(203, "dXd"),
    GETSOCKNAME(204, "*"),
    GETPEERNAME(205, "*"),
    SENDTO(206, "*"),
    RECVFROM(207, "*"),
    SETSOCKOPT(208, "*"),
    GETSOCKOPT(209, "*"),
    SHUTDOWN(210, "*"),
    SENDMSG(211, "*"),
    RECVMSG(212, "dnX"),
    BRK(214, "p"),
    MUNMAP(215, "pl"),
    MREMAP(216, "pllxp"),
    CLONE(220, "xpppp"),
    EXECVE(221, "spp"),
    MMAP(222, "plxxdl"),
    MPROTECT(226, "plx"),
    MSYNC(227, "*"),
    MADVISE(233, "pld"),
    ACCEPT4(242, "*"),
    RECVMMSG(243, "*"),
    RISCV_HWPROBE(258, "pllpx"),
    RISCV_FLUSH_ICACHE(259, "ppx"),
    WAIT4(260, "dpxp"),
    SENDMMSG(269, "*"),
    PRLIMIT64(261, "ddpp"),
    RENAMEAT2(276, "dsdsx"),
    GETRANDOM(278, "plx"),
    MEMFD_CREATE(279, "*"),
    EXECVEAT(281, "dsppx"),
    MEMBARRIER(283, "*"),
    COPY_FILE_RANGE(285, "dndnld"),
    STATX(291, "dsxxp"),
    CLONE3(435, "pl"),
    FACCESSAT2(439, "dsox"),
    EPOLL_PWAIT2(441, "*");

    private final int number;
    private final String argFormat;
    private final String displayName;

    Syscall(int number, String argFormat) {
        this.number = number;
        this.argFormat = argFormat;
        this.displayName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The number in the asm-generic table. */
    public int number() {
        return number;
    }

    public String argFormat() {
        return argFormat;
    }

    public String displayName() {
        return displayName;
    }

    /** Calls whose result strace prints as an address. */
    public boolean returnsAddress() {
        return this == BRK || this == MMAP || this == MREMAP;
    }
}
