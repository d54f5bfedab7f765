package dev.tcg4j.it.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every guest program run that the differential and baseline tests use. The expected exit
 * statuses and fragments follow from the programs' specifications: 128 + signal number for a
 * fatal signal (SIGILL 4, SIGABRT 6, SIGSEGV 11), the RISC-V ISA for the instruction tests, C
 * and POSIX for the library behaviour.
 */
public final class GuestCatalog {

    private GuestCatalog() {}

    /**
     * Programs for what qemu-riscv64 7.2 does not implement (extensions it dies of with SIGILL,
     * riscv_hwprobe it answers with ENOSYS, /proc/self/stat it fills with zeros): checked under tcg4j
     * against their specifications alone.
     */
    public static List<GuestCase> beyondQemu72() {
        return List.of(
                GuestCase.of("isa_zicond", 0, "zicond: ", " 0 failures"),
                GuestCase.of("isa_zfa", 0, "zfa: ", " 0 failures"),
                GuestCase.of("isa_zicbo", 0, "zicbo: ", " 0 failures"),
                // Linux uapi asm/hwprobe.h: IMA_EXT_0 bits FD C ZBA ZBB ZBS ZICBOZ ZBC ZBKB ZBKX ZFH ZFHMIN
                // ZIHINTNTL ZFA ZICOND ZIHINTPAUSE ZCA ZCD ZICNTR ZICBOM ZAAMO ZALRSC ZICBOP; unknown -> -1
                GuestCase.of("hwprobe", 0, "hwprobe returns 0\n", "key 3 value 0x1\n", "key 4 value 0xb842819380005fb\n",
                        "key 6 value 0x40\n", "key 12 value 0x40\n", "key 15 value 0x40\n", "key -1 value 0x0\n",
                        "AT_HWCAP 0x112d\n", "empty cpu set -1 errno 22\n"),
                // proc_pid_stat(5) and proc_pid_status(5), as the host kernel gives them natively; qemu 7.2
                // writes 0 for stat's state, group, session, thread count and times, keeps argv[0] as the
                // name, and passes its own status (its threads)
                GuestCase.of("proc_stat", 0, "pid 1, ppid 1, pgrp 1, session 1, state R\n", "name (proc_stat)\n",
                        "threads 1\n", "with two more threads 3\n",
                        "status: name proc_stat, pid 1, tgid 1, ppid 1, threads 3\n",
                        "after PR_SET_NAME (renamed-stat)\n", "comm renamed-stat\n",
                        "SigBlk has USR1 1, SigIgn has USR2 1, SigCgt has TERM 1, USR1 pending 1\n",
                        "utime+stime after 300 ms of CPU at least 20 ticks: 1\n"),
                // recvmmsg(2) writes the time left back to its timeout; qemu 7.2 ignores the timeout
                GuestCase.of("sys_socketpair", 0, "recvmmsg with a timeout 2, time left written back: yes\n")
                        .named("sys_recvmmsg_timeout").withArgs("recvmmsg-timeout"));
    }

    /** The guests build-guests.sh also links dynamically (its list, which must name the same programs). */
    private static final Set<String> BUILT_DYNAMICALLY = Set.of("strings", "malloc_heavy", "file_io", "libm",
            "setjmp_longjmp", "dispatch", "atomics", "env_auxv", "exit_status", "stdin_stats", "int_edge", "fp_modes",
            "signals", "abort", "cxx_features");

    /**
     * The process image as the loader leaves it (auxv, where program, interpreter, stack, heap and
     * mmaps are), which is deterministic under both emulators: compared byte for byte with
     * qemu-riscv64's, static and dynamic. AT_PAGESZ is the guest's 4 KiB; a static program has no
     * interpreter (AT_BASE 0).
     */
    /**
     * execve, checked against its POSIX meaning under tcg4j alone: qemu-riscv64 cannot execve a
     * riscv64 program without binfmt_misc. exit_status exits 3; the exec'd image of process_exec
     * itself exits 9; execve's errors are the errno Linux gives (child exit 100 + errno).
     */
    public static List<GuestCase> execs() {
        return List.of(GuestCase.of("process_exec", 0, "fork+execv exit_status: exit 3\n",
                "vfork+execv exit_status: exit 3\n",
                "exec'd image: pid kept 1, argv[4] \"an argument\", inherited fd reads \"kept\", cloexec fd closed 1\n",
                "exec'd image exit 9\n", "#! script: exit 3\n", "missing file errno ENOENT: 1\n",
                "directory errno EACCES: 1\n", "not executable errno EACCES: 1\n", "no format errno ENOEXEC: 1\n",
                "orphaned group: SIGTSTP left the process running, it wrote \"alive\"\n",
                "orphaned group with a stopped member: leader saw the stop 1, the member continued, 1 SIGHUP\n"));
    }

    public static List<GuestCase> layouts() {
        GuestCase layout = GuestCase.of("dyn_layout", 0, "AT_PAGESZ        0x1000\n", "AT_PHENT         0x38\n");
        return List.of(
                GuestCase.of("dyn_layout", 0, "AT_PAGESZ        0x1000\n", "AT_BASE          0x0\n").named("layout_static"),
                GuestCase.of("dyn_layout", 0, "[stack]\n", "-p 00000000 00:00 0 ").named("layout_maps_static")
                        .withArgs("maps"),
                layout.named("layout").dynamic(),
                // /proc/self/exe, /proc/self/auxv and /proc/self/maps as qemu makes them up
                layout.named("layout_proc").withArgs("proc").dynamic(),
                layout.named("layout_maps").withArgs("maps").dynamic());
    }

    /**
     * Programs of {@link #all()} in their dynamically linked builds, run with -L and the cross
     * sysroot: the same outputs, with ld.so and the shared libc under them; plus {@link #layouts()}.
     */
    public static List<GuestCase> dynamic() {
        List<GuestCase> cases = new ArrayList<>();
        for (GuestCase c : all()) {
            if (BUILT_DYNAMICALLY.contains(c.program())) {
                cases.add(c.dynamic());
            }
        }
        cases.addAll(layouts());
        return List.copyOf(cases);
    }

    public static List<GuestCase> all() {
        return List.of(
                // hand-written instruction tests: exit 0 and "0 failures" when every case matches the ISA
                GuestCase.of("isa_rv64i", 0, "rv64i: ", " 0 failures"),
                GuestCase.of("isa_m", 0, "rv64m: ", " 0 failures"),
                GuestCase.of("isa_a", 0, "rv64a: ", " 0 failures"),
                GuestCase.of("isa_f", 0, "rv64f: ", " 0 failures"),
                GuestCase.of("isa_d", 0, "rv64d: ", " 0 failures"),
                GuestCase.of("isa_c", 0, "rvc: ", " 0 failures"),
                GuestCase.of("isa_zicsr", 0, "zicsr: ", " 0 failures"),
                // RVA22 extensions qemu 7.2 implements: Zb* by default, Zfh/Zbkb/Zbkx with -cpu switches
                GuestCase.of("isa_zba", 0, "zba: ", " 0 failures"),
                GuestCase.of("isa_zbb", 0, "zbb: ", " 0 failures"),
                GuestCase.of("isa_zbc", 0, "zbc: ", " 0 failures"),
                GuestCase.of("isa_zbs", 0, "zbs: ", " 0 failures"),
                GuestCase.of("isa_zbkb", 0, "zbkb: ", " 0 failures").withQemuExtensions(),
                GuestCase.of("isa_zfh", 0, "zfh: ", " 0 failures").withQemuExtensions(),
                // every Zb*, Zbk* and Zfh instruction on seeded random operands, all rounding modes
                GuestCase.of("rva22_random", 0).withQemuExtensions(),
                // M extension table: x/0 = -1 and x%0 = x; INT64_MIN/-1 = INT64_MIN, remainder 0
                GuestCase.of("int_edge", 0, "64 7 0: div -1 rem 7 divu 18446744073709551615 remu 7",
                        "64 -9223372036854775808 -1: div -9223372036854775808 rem 0"),
                GuestCase.of("fp_modes", 0, "== mode nearest (fegetround ok 1)", "== mode towardzero (fegetround ok 1)",
                        "flags divide: divbyzero", "flags invalid: invalid"),
                // sin(0) = 0, cos(0) = 1, acos(0) = double(pi/2), atan2(0, -1.5) = double(pi)
                GuestCase.of("libm", 0, "  sin 0 cos 1 tan 0", "acos 1.5707963267948966 atan 0 atan2 3.1415926535897931"),
                // C11 7.13.2.1: longjmp(env, 0) makes setjmp return 1
                GuestCase.of("setjmp_longjmp", 0, "longjmp(0) yields 1", "nested rounds 7", "siglongjmp ok"),
                // the bytecode multiplies 1 by 3 twenty times: 3^20 = 3486784401
                GuestCase.of("dispatch", 0, "bytecode result 3486784401", "volatile call 42",
                        "zero one two three four five six seven eight nine many many"),
                GuestCase.of("malloc_heavy", 0, "total 20000", "realloc: len 300000"),
                GuestCase.of("strings", 0, "hello, world!? 14", "strtol -31 511 18446744073709551615"),
                GuestCase.of("file_io", 0, "lseek end 10000", "hole 0 0 0 0", "stat size 123",
                                "readdir: . .. data.bin link sub", "unlink 0 0 0 rmdir 0")
                        .withArgs(GuestCase.SCRATCH_DIR),
                GuestCase.of("file_io", 2).named("file_io_without_directory"),
                GuestCase.of("stdin_stats", 0, "bytes 47 lines 4 words 8", "no newline\ndelta epsilon zeta\n\ngamma\n")
                        .withStdin("alpha beta\ngamma\n\ndelta epsilon zeta\nno newline"),
                GuestCase.of("cxx_features", 0, "caught int 42", "fib(20) 6765", "vector::at threw out_of_range",
                        "parse 123 -> 123"),
                GuestCase.of("atomics", 0, "cas64 success 1 value 77", "fetch_add8 250 -> 4", "lock acquired 100"),
                GuestCase.of("env_auxv", 0, "argc 4\n", "argv[2] = \"with space\"", "argv[3] = \"\"",
                                "env GREETING=hello\n", "getenv GREETING = hello", "AT_PAGESZ 4096",
                                "uname Linux riscv64")
                        .withArgs("first", "with space", "")
                        .withEnv(Map.of("GREETING", "hello")),
                GuestCase.of("exit_status", 3, "atexit handler ran"),
                GuestCase.of("abort", 128 + 6, "about to abort"),
                GuestCase.of("null_deref", 128 + 11, "dereferencing NULL"),
                GuestCase.of("wild_jump", 0, "signal 11 code 1 addr 0x892ae05afc06e456\n",
                        "signal 11 code 1 addr 0xfffffffffffff000\n", "signal 11 code 1 addr 0x800\n", "done"),
                GuestCase.of("wild_jump", 128 + 11, "jumping to 0x892ae05afc06e456").named("wild_jump_die")
                        .withArgs("die"),
                GuestCase.of("illegal_insn", 128 + 4, "executing an illegal instruction"),
                GuestCase.of("illegal_insn", 128 + 4).named("illegal_insn_machine_csr").withArgs("csr"),
                GuestCase.of("signals", 0, "usr1 handled 2 times", "after unblock: 3",
                        "recovered from signal 11 (round 2)"),
                // count_tiny.S: 10 iterations adding 3 -> exit status 30
                GuestCase.of("count_tiny", 30),
                // 8 threads x 20000 rounds: amoadd 3 each, LR/SC +2 each, the mutex adds the thread's id
                // (0+..+7 = 28 per round); a 3000-item queue sums to 3000*3001/2; join values are
                // (100 + 20000) * 10 + id
                GuestCase.of("threads", 0, "amoadd.d total: 480000 ", "amoadd.w total: 160000 ",
                        "lr/sc total: 320000 ", "max: 159999 ", "mutex total: 560000 ", "main tls: 100\n",
                        "condvar: 3000 items, sum 4501500 ", "barrier: 50 phases, 0 errors",
                        "pthread_exit value: 1007", "main tid is pid, thread tids distinct: yes",
                        "detached thread ran"),
                // 6 threads x 10000: the mutex adds 0+..+5 per round; work(9) = 10000*10001/2 + 10001
                GuestCase.of("threads_cxx", 0, "atomic 60000 guarded 150000", "thread 5 result 18009001",
                        "ping-pong stage 200", "async 50015001, main thread_local 0"),
                // exit(3): the status of exit_group whichever thread calls it, with the others blocked in
                // read() and in a futex; pthread_exit(3): the process lives on until its last thread
                GuestCase.of("threads_exit", 5, "main calls exit(5)").named("threads_exit_group").withArgs("group"),
                GuestCase.of("threads_exit", 6, "thread calls exit(6)").named("threads_exit_from_thread")
                        .withArgs("fromthread"),
                GuestCase.of("threads_exit", 0, "main calls pthread_exit\nlast thread returns\n")
                        .named("threads_exit_main_first").withArgs("mainexit"),
                // signal(7): a thread-directed signal goes to that thread; a process-directed one to a
                // thread that does not block it
                GuestCase.of("threads_exit", 0, "SIGUSR1 (tgkill) handled by the worker: yes",
                        "SIGUSR2 (kill) handled by the worker: yes", "main has nothing pending: yes")
                        .named("threads_signal_masks").withArgs("signals"),
                // pthread_cancel(3): sleep is a cancellation point; the joined value is PTHREAD_CANCELED
                GuestCase.of("threads_exit", 0, "cancelled: yes").named("threads_cancel_sleeping").withArgs("cancel"),
                // fork, wait4/waitid, exit and signal statuses, pipes, SIGCHLD, kill(-pgid): processes.c
                GuestCase.of("processes", 3, "exit 2: waited the child 1, exited 1, status 14\n",
                        "signal Segmentation fault: signaled 1, signal 11, exited 0\n",
                        "signal Killed: signaled 1, signal 9, exited 0\n",
                        "copy: parent sees 1 and \"parent\", child exit 25\n", "pipe: THROUGH THE PIPE AND BACK\n",
                        "no children: waitpid -1 errno ECHILD 1\n", "running child: WNOHANG gives 0\n",
                        "waitid WNOWAIT: 0, code exited 1, status 42, pid matches 1\n", "SIGCHLD delivered: 1\n",
                        "SIGCHLD siginfo: code CLD_EXITED, status 23, pid matches 1\n",
                        "SIGCHLD siginfo: code CLD_KILLED, status 9, pid matches 1\n",
                        "group: kill(-pgid) ended 3 of 3 by SIGTERM\n", "orphan: middle child exit 7\n"),
                // cwd and umask per process, shared by its threads: process_fs.c, in the scratch directory
                GuestCase.of("process_fs", 0, "child moved to a, /proc/self/cwd a, umask 077\n",
                        "parent still in . with umask 022\n", "modes: child's file 0600 dir 0700, parent's file 0644\n",
                        "child of a moved parent: in b, umask 027, mkdir mode 0750\n",
                        "after a thread's chdir and umask the main thread is in a with umask 007\n",
                        "after rename, the child's cwd link: b-renamed\n").withArgs(GuestCase.SCRATCH_DIR),
                // /proc/self/fd/N, /proc/PID/fd/N, /dev/fd/N, /dev/stdin, listing /proc/self/fd: the process's own descriptors
                GuestCase.of("process_fd_links", 0, "/proc/self/fd/N -> fd-target.txt\n",
                        "/proc/self/fd/N reads 'target text'\n", "/dev/fd/N -> fd-target.txt\n",
                        "/dev/fd/N of a pipe reads 'in the pipe'\n", "unopened /dev/fd/77: open -1 errno 2\n",
                        "listing /proc/self/fd gives the open descriptors: 1\n", "listing /dev/fd/ gives them too: 1\n",
                        "child's /dev/stdin reads 'piped to the child'\n",
                        "the child's /proc/PID/fd/N -> child-only.txt\n").withArgs(GuestCase.SCRATCH_DIR),
                // MAP_SHARED stores reach the file and a fork's child, MAP_PRIVATE ones stay the writer's; msync
                GuestCase.of("mmap_shared", 0, "file after stores: 'HELLO file'\n",
                        "parent sees the child's store: 'from the child'\n", "file after the child: 'from the child'\n",
                        "private store: mapping 'priv!', file 'HELLO'\n", "shared anonymous counter: 4000\n",
                        "private anonymous after the child's store: 0\n",
                        "shared writable map of a read-only fd: failed errno 13\n").withArgs(GuestCase.SCRATCH_DIR),
                // kill() between processes interrupts a blocked read; SIGSTOP/SIGTSTP/SIGCONT and WUNTRACED/WCONTINUED
                GuestCase.of("process_signals", 0, "no SA_RESTART: read -1 errno EINTR '' handled yes\n",
                        "SA_RESTART: read 4 errno 0 'data' handled yes\n", "SIGSTOP: waited 1, stopped 1 by Stopped (signal)\n",
                        "SIGCONT: waited 1, continued 1\n", "SIGTERM then SIGCONT: signaled 1 by Terminated\n"),
                // getrusage(2), times(2), wait4(2), SIGCHLD: a reaped child's CPU (and its reaped children's)
                // goes to its parent; bounds only, since times vary
                GuestCase.of("process_times", 0, "before any child: RUSAGE_CHILDREN 0 ms, tms_cutime+tms_cstime 0\n",
                        "exited, not reaped: RUSAGE_CHILDREN 0 ms\n", "SIGCHLD si_utime+si_stime at least 15 ticks: 1\n",
                        "wait4 rusage at least 200 ms: 1\n", "reaped: RUSAGE_CHILDREN at least 200 ms: 1\n",
                        "a child that reaped a 200 ms grandchild: wait4 rusage at least 150 ms: 1\n",
                        "both reaped: RUSAGE_CHILDREN at least 350 ms: 1\n", "RUSAGE_SELF at least 150 ms: 1\n",
                        "CLOCK_PROCESS_CPUTIME_ID advanced at least 190 ms: 1\n", "getrusage(5) -1 errno EINVAL 1\n"),
                // 8 goroutines x 100000 increments; ids 0..7 sum to 28, their squares to 140
                GuestCase.of("go_threads", 0, "goroutine 7: 350000", "total 800000, sum 28, squares 140"),
                // the system calls of issue 9 item 5: each line follows from the call's man page
                GuestCase.of("sys_socketpair", 0, "recvmsg 11: 'hell' 'o world'",
                        "read via passed fd 21: through the passed fd", "sendmsg bad fd -1 errno 9",
                        "datagrams 3 5 'one' 'three'", "recv nothing nonblocking -1 errno 11",
                        "sendmmsg 3 lens 5 2 6", "recvmmsg 3: 'alpha' 5 'be' 2 'gamma!' 6",
                        "recvmmsg nothing nonblocking -1 errno 11"),
                GuestCase.of("sys_tcp_echo", 0, "tcp echo: BETA GAMMA\n", "unix echo: THE LAST LINE\n",
                        "connect to closed port -1 errno 111", "recvfrom 8 'datagram' from same port 1"),
                GuestCase.of("sys_epoll", 0, "ready now 1: events 0x1 data 0x1122334455667788",
                        "after wait 1: data 0xabcdef0012345678", "timerfd read 8 expirations 1",
                        "edge-triggered: nothing new 0", "semaphore reads 1 1 then -1 errno 11"),
                GuestCase.of("sys_poll_select", 0, "poll after write 2: 0x1 0x4", "poll unknown fd 1: 0x20",
                        "select 1: read 0 write 1", "poll after writer closed 1: 0x10",
                        "ppoll with a pending signal let through -1 errno 4, handler ran 1"),
                GuestCase.of("sys_timers", 0, "5 alarms; old interval 10000 us", "alarm(0) returns 5",
                        "nanosleep -1 errno 4, remainder between 0 and 5 s: 1",
                        "read with SA_RESTART 5 'late!', handler ran 1", "read without SA_RESTART -1 errno 4",
                        "timer signals: code -2 (SI_TIMER -2) value 4242", "thread timer: value 7, on this thread 1"),
                GuestCase.of("sys_signalfd", 0, "read 128 signo 10 code 0 pid is mine 1 uid is mine 1",
                        "read two 256: 12 (code -6) 10 (code 0)", "epoll after raise 1 data 99",
                        "USR1 no longer read -1 errno 11"),
                GuestCase.of("sys_files", 0, "sendfile 8 offset now 18: abcdefgh", "truncate 0 size 12",
                        "flock second ex nb -1 errno 11", "memfd mapped: in memory, size 4096",
                        "copy_file_range 5 in 7 out 5: 23456", "splice 6 offset 6: 012345")
                        .withArgs(GuestCase.SCRATCH_DIR),
                GuestCase.of("sys_misc", 0, "PR_GET_NAME 0 tcg4j-worker-na", "rewritten code returns 11 then 22",
                        "sched_setaffinity empty -1 errno 22", "uname Linux riscv64",
                        "close_range cloexec 0, flags 1 1 0", "close_range 0, then open 1 0 0",
                        "clone CLONE_SIGHAND without CLONE_VM -1 errno 22", "mmap unknown prot 1 errno 22",
                        "mremap fixed: at the target 1, 'first page' 'second page', new page zero 1, old range unmapped 1",
                        "mremap fixed without maymove 1 errno 22"));
    }

    /**
     * Programs whose threads or processes interleave differently from run to run, or that wait for
     * timers and signals: their output is deterministic, their instruction counts (spinning, futex
     * retries, restarted waits, who runs first) are not.
     */
    public static boolean threaded(GuestCase c) {
        return c.program().startsWith("threads") || c.program().startsWith("go_") || c.program().startsWith("sys_")
                || c.program().startsWith("process") || c.program().equals("mmap_shared");
    }
}
