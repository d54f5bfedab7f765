/* Signal delivery to guest handlers: raise() with a handler, a blocked then unblocked
 * signal, SA_SIGINFO with si_code, and a SIGSEGV handler that escapes with siglongjmp. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count;
static volatile int last_code;
static sigjmp_buf escape;

static void on_usr1(int sig) { usr1_count += sig == SIGUSR1; }
static void on_usr2(int sig, siginfo_t *info, void *ctx) { (void)ctx; last_code = info->si_signo == sig ? info->si_code : -1; }
static void on_segv(int sig) { siglongjmp(escape, sig); }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    printf("usr1 handled %d times\n", (int)usr1_count);

    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    printf("while blocked: %d\n", (int)usr1_count);
    sigset_t pending;
    sigpending(&pending);
    printf("pending: %d\n", sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock: %d\n", (int)usr1_count);

    sa.sa_handler = NULL;
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("usr2 si_code is SI_USER: %d\n", last_code == SI_USER);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    for (int i = 0; i < 3; i++) {
        int s = sigsetjmp(escape, 1);
        if (s == 0) {
            volatile int *p = (volatile int *)(unsigned long)(16 + i * 8);
            *p = 1;
            printf("no fault?\n");
        } else {
            printf("recovered from signal %d (round %d)\n", s, i);
        }
    }
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("ignored signal: count still %d\n", (int)usr1_count);
    return 0;
}
