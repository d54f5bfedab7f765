/* CPU times of a process and of its children, as getrusage(2), times(2), wait4(2) and SIGCHLD's
 * siginfo report them: a child that spins for a known CPU time is charged to its parent once
 * reaped, with its own reaped children; a spinning process sees its own time. Only bounds are
 * printed, with margins: the kernel samples user and system time in ticks, and a spin of 300 ms
 * may show as 27 ticks. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile long sigchld_ticks = -1;

static void on_sigchld(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    sigchld_ticks = si->si_utime + si->si_stime;
}

static long ms_of(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void spin_thread_cpu(long ms) {
    while (ms_of(CLOCK_THREAD_CPUTIME_ID) < ms) {
    }
}

static long ms_of_rusage(const struct rusage *ru) {
    return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000
           + (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1000;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = {0};
    sa.sa_sigaction = on_sigchld;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGCHLD, &sa, NULL);

    struct rusage ru;
    struct tms tms;
    getrusage(RUSAGE_CHILDREN, &ru);
    times(&tms);
    printf("before any child: RUSAGE_CHILDREN %ld ms, tms_cutime+tms_cstime %ld\n", ms_of_rusage(&ru),
           (long)(tms.tms_cutime + tms.tms_cstime));

    pid_t c = fork();
    if (c == 0) {
        spin_thread_cpu(300);
        _exit(0);
    }
    int st;
    /* not yet reaped: nothing is charged to the parent */
    while (sigchld_ticks < 0) {
        usleep(1000);
    }
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("exited, not reaped: RUSAGE_CHILDREN %ld ms\n", ms_of_rusage(&ru));
    printf("SIGCHLD si_utime+si_stime at least 15 ticks: %d\n", sigchld_ticks >= 15);
    struct rusage waited;
    wait4(c, &st, 0, &waited);
    printf("wait4 rusage at least 200 ms: %d\n", ms_of_rusage(&waited) >= 200);
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("reaped: RUSAGE_CHILDREN at least 200 ms: %d\n", ms_of_rusage(&ru) >= 200);
    times(&tms);
    printf("reaped: tms_cutime+tms_cstime at least 20 ticks: %d\n", tms.tms_cutime + tms.tms_cstime >= 20);

    /* a child's own reaped child counts in the child's rusage, and then in ours */
    sigchld_ticks = -1;
    c = fork();
    if (c == 0) {
        signal(SIGCHLD, SIG_DFL);
        pid_t g = fork();
        if (g == 0) {
            spin_thread_cpu(200);
            _exit(0);
        }
        waitpid(g, NULL, 0);
        _exit(0);
    }
    wait4(c, &st, 0, &waited);
    printf("a child that reaped a 200 ms grandchild: wait4 rusage at least 150 ms: %d\n",
           ms_of_rusage(&waited) >= 150);
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("both reaped: RUSAGE_CHILDREN at least 350 ms: %d\n", ms_of_rusage(&ru) >= 350);

    /* our own time: a spin of 200 ms of this thread's CPU shows in every measure of the process */
    long before = ms_of(CLOCK_PROCESS_CPUTIME_ID);
    long thread_before = ms_of(CLOCK_THREAD_CPUTIME_ID);
    spin_thread_cpu(thread_before + 200);
    printf("CLOCK_PROCESS_CPUTIME_ID advanced at least 190 ms: %d\n", ms_of(CLOCK_PROCESS_CPUTIME_ID) - before >= 190);
    getrusage(RUSAGE_SELF, &ru);
    printf("RUSAGE_SELF at least 150 ms: %d\n", ms_of_rusage(&ru) >= 150);
    getrusage(RUSAGE_THREAD, &ru);
    printf("RUSAGE_THREAD at least 150 ms: %d\n", ms_of_rusage(&ru) >= 150);
    times(&tms);
    printf("tms_utime+tms_stime at least 15 ticks: %d\n", tms.tms_utime + tms.tms_stime >= 15);
    printf("clock() at least 0.2 s: %d\n", clock() >= CLOCKS_PER_SEC / 5);
    errno = 0;
    printf("getrusage(5) %d errno EINVAL %d\n", getrusage(5, &ru), errno == EINVAL);
    return 0;
}
