/* setitimer/getitimer and alarm, POSIX timers with SIGEV_SIGNAL and SIGEV_THREAD_ID, nanosleep
 * cut short by a signal (EINTR with the time left), and a blocking read restarted or not after a
 * handler, as SA_RESTART says. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static volatile sig_atomic_t usr1;
static volatile int usr1_code, usr1_value, usr1_is_self_thread;
static pid_t main_tid;

static void on_alarm(int sig) {
    (void) sig;
    alarms++;
}

static void on_usr1(int sig, siginfo_t *info, void *uc) {
    (void) sig;
    (void) uc;
    usr1++;
    usr1_code = info->si_code;
    usr1_value = info->si_value.sival_int;
    usr1_is_self_thread = (pid_t) syscall(SYS_gettid) == main_tid;
}

static int pipefd[2];

static void *late_writer(void *arg) {
    (void) arg;
    struct timespec ts = {0, 150 * 1000 * 1000};
    nanosleep(&ts, NULL);
    write(pipefd[1], "late!", 5);
    return NULL;
}

static void install(int sig, void (*h)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

int main(void) {
    main_tid = (pid_t) syscall(SYS_gettid);
    install(SIGALRM, on_alarm, 0);
    struct itimerval it = {.it_interval = {0, 10000}, .it_value = {0, 10000}};
    printf("setitimer %d\n", setitimer(ITIMER_REAL, &it, NULL));
    while (alarms < 5) {
        pause();
    }
    struct itimerval old;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, &old);
    printf("5 alarms; old interval %ld us\n", (long) old.it_interval.tv_usec);
    getitimer(ITIMER_REAL, &old);
    printf("disarmed: %ld %ld %ld %ld\n", (long) old.it_value.tv_sec, (long) old.it_value.tv_usec,
            (long) old.it_interval.tv_sec, (long) old.it_interval.tv_usec);
    errno = 0;
    printf("setitimer bad which %d errno %d\n", setitimer(7, &it, NULL), errno);
    it.it_value.tv_usec = 2000000;
    errno = 0;
    printf("setitimer bad usec %d errno %d\n", setitimer(ITIMER_REAL, &it, NULL), errno);

    printf("alarm(5) %u\n", alarm(5));
    printf("alarm(0) returns %u\n", alarm(0));

    /* nanosleep cut short by an alarm: EINTR and a positive remainder below the request (the timer
     * repeats, so that one comes during the sleep however slowly the call is reached) */
    it.it_value.tv_sec = 0;
    it.it_value.tv_usec = 20000;
    it.it_interval.tv_usec = 20000;
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec req = {5, 0}, rem = {0, 0};
    errno = 0;
    int r = nanosleep(&req, &rem);
    printf("nanosleep %d errno %d, remainder between 0 and 5 s: %d\n", r, errno,
            rem.tv_sec < 5 && (rem.tv_sec > 0 || rem.tv_nsec > 0));
    setitimer(ITIMER_REAL, &it, NULL);
    rem.tv_sec = rem.tv_nsec = 0;
    errno = 0;
    r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
    printf("clock_nanosleep %d, remainder set: %d\n", r, rem.tv_sec < 5 && (rem.tv_sec > 0 || rem.tv_nsec > 0));

    /* a read blocked on a pipe: restarted after a SA_RESTART handler, EINTR after another */
    pipe(pipefd);
    install(SIGALRM, on_alarm, SA_RESTART);
    pthread_t t;
    pthread_create(&t, NULL, late_writer, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
    int before = alarms;
    char buf[8] = {0};
    ssize_t n = read(pipefd[0], buf, sizeof buf - 1);
    printf("read with SA_RESTART %zd '%s', handler ran %d\n", n, buf, alarms > before);
    pthread_join(t, NULL);
    install(SIGALRM, on_alarm, 0);
    setitimer(ITIMER_REAL, &it, NULL);
    errno = 0;
    n = read(pipefd[0], buf, sizeof buf - 1);
    printf("read without SA_RESTART %zd errno %d\n", n, errno);
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);

    /* POSIX timers */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 4242;
    timer_t timer;
    printf("timer_create %d\n", timer_create(CLOCK_MONOTONIC, &sev, &timer));
    struct itimerspec ts = {.it_value = {0, 10 * 1000 * 1000}, .it_interval = {0, 10 * 1000 * 1000}};
    printf("timer_settime %d\n", timer_settime(timer, 0, &ts, NULL));
    while (usr1 < 3) {
        pause();
    }
    printf("timer signals: code %d (SI_TIMER %d) value %d\n", usr1_code, SI_TIMER, usr1_value);
    struct itimerspec cur;
    timer_gettime(timer, &cur);
    printf("timer interval %ld ns, running %d\n", cur.it_interval.tv_nsec, cur.it_value.tv_nsec > 0 || cur.it_value.tv_sec > 0);
    printf("timer_getoverrun non-negative %d\n", timer_getoverrun(timer) >= 0);
    memset(&ts, 0, sizeof ts);
    timer_settime(timer, 0, &ts, &cur);
    printf("old interval %ld ns\n", cur.it_interval.tv_nsec);
    printf("timer_delete %d\n", timer_delete(timer));
    errno = 0;
    printf("timer_gettime after delete %d errno %d\n", timer_gettime(timer, &cur), errno);

    /* SIGEV_THREAD_ID: to this thread, with an absolute expiry */
    usr1 = 0;
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev._sigev_un._tid = main_tid;
    sev.sigev_value.sival_int = 7;
    timer_create(CLOCK_REALTIME, &sev, &timer);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    ts.it_value = now;
    ts.it_value.tv_nsec += 20 * 1000 * 1000;
    if (ts.it_value.tv_nsec >= 1000000000) {
        ts.it_value.tv_sec++;
        ts.it_value.tv_nsec -= 1000000000;
    }
    printf("timer_settime abstime %d\n", timer_settime(timer, TIMER_ABSTIME, &ts, NULL));
    while (usr1 < 1) {
        pause();
    }
    printf("thread timer: value %d, on this thread %d\n", usr1_value, usr1_is_self_thread);
    timer_delete(timer);
    errno = 0;
    sev.sigev_notify = 99;
    printf("timer_create bad notify %d errno %d\n", timer_create(CLOCK_MONOTONIC, &sev, &timer), errno);
    errno = 0;
    sev.sigev_notify = SIGEV_SIGNAL;
    printf("timer_create bad clock %d errno %d\n", timer_create(99, &sev, &timer), errno);
    return 0;
}
