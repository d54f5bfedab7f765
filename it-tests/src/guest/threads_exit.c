/* How a threaded process ends, by argv[1]:
 *   group      main calls exit(5) while one thread blocks in read() on an empty pipe and another in
 *              pthread_cond_wait: the process ends at once with status 5
 *   fromthread a thread calls exit(6) while main blocks in pthread_join: status 6
 *   mainexit   main calls pthread_exit; the last thread prints and returns: status 0
 *   signals    per-thread masks: a signal sent with tgkill, and one sent to the process, are each
 *              handled by the one thread that does not block it
 *   cancel     pthread_cancel of a thread asleep in nanosleep: glibc's cancellation signal cuts the
 *              sleep short and the thread ends with PTHREAD_CANCELED */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int pipefd[2];
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *block_in_read(void *arg) {
    char c;
    (void) arg;
    read(pipefd[0], &c, 1);
    return NULL;
}

static void *block_in_condvar(void *arg) {
    (void) arg;
    pthread_mutex_lock(&m);
    pthread_cond_wait(&never, &m);
    return NULL;
}

static void *exit_process(void *arg) {
    (void) arg;
    printf("thread calls exit(6)\n");
    fflush(stdout);
    exit(6);
}

static void *outlive_main(void *arg) {
    (void) arg;
    usleep(20000);
    printf("last thread returns\n");
    fflush(stdout);
    return NULL;
}

static _Atomic pid_t handled_by[65];
static _Atomic int handled;
static void on_signal(int sig) {
    atomic_store(&handled_by[sig], (pid_t) syscall(SYS_gettid));
    atomic_fetch_add(&handled, 1);
}

static _Atomic pid_t worker_tid;
static void *signal_worker(void *arg) {
    (void) arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL); /* inherited blocked from main; unblocked here only */
    atomic_store(&worker_tid, (pid_t) syscall(SYS_gettid));
    while (atomic_load(&handled) < 2) {
        sched_yield();
    }
    return NULL;
}

static void *sleep_forever(void *arg) {
    (void) arg;
    for (;;) {
        sleep(100);
    }
    return NULL;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "group";
    pthread_t a, b;
    if (strcmp(mode, "group") == 0) {
        pipe(pipefd);
        pthread_create(&a, NULL, block_in_read, NULL);
        pthread_create(&b, NULL, block_in_condvar, NULL);
        printf("main calls exit(5)\n");
        exit(5);
    }
    if (strcmp(mode, "fromthread") == 0) {
        pthread_create(&a, NULL, exit_process, NULL);
        pthread_join(a, NULL);
        printf("not reached\n");
        return 1;
    }
    if (strcmp(mode, "mainexit") == 0) {
        pthread_create(&a, NULL, outlive_main, NULL);
        printf("main calls pthread_exit\n");
        fflush(stdout);
        pthread_exit(NULL);
    }
    if (strcmp(mode, "signals") == 0) {
        signal(SIGUSR1, on_signal);
        signal(SIGUSR2, on_signal);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR1);
        sigaddset(&set, SIGUSR2);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
        pthread_create(&a, NULL, signal_worker, NULL);
        while (atomic_load(&worker_tid) == 0) {
            sched_yield();
        }
        syscall(SYS_tgkill, getpid(), atomic_load(&worker_tid), SIGUSR1);
        kill(getpid(), SIGUSR2);
        pthread_join(a, NULL);
        pid_t w = atomic_load(&worker_tid);
        printf("SIGUSR1 (tgkill) handled by the worker: %s\n", handled_by[SIGUSR1] == w ? "yes" : "no");
        printf("SIGUSR2 (kill) handled by the worker: %s\n", handled_by[SIGUSR2] == w ? "yes" : "no");
        sigset_t pending;
        sigpending(&pending);
        printf("main has nothing pending: %s\n", sigismember(&pending, SIGUSR1) || sigismember(&pending, SIGUSR2) ? "no" : "yes");
        return 0;
    }
    if (strcmp(mode, "cancel") == 0) {
        void *r;
        pthread_create(&a, NULL, sleep_forever, NULL);
        pthread_cancel(a);
        pthread_join(a, &r);
        printf("cancelled: %s\n", r == PTHREAD_CANCELED ? "yes" : "no");
        return 0;
    }
    return 2;
}
