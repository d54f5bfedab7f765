/* Run by HostSignalTest: with "handle", SIGTERM, SIGINT, SIGUSR1, SIGUSR2 and SIGQUIT sent to the emulator by the
 * host run this program's handlers while it waits in ppoll() on its stdin (a pipe nobody writes);
 * with "default" it waits without handlers, and SIGTERM or SIGQUIT kills it; with "group" it forks a child
 * that handles SIGINT, and a SIGINT to the terminal's foreground group (the emulator) reaches both. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got[65];

static void on_signal(int sig) {
    got[sig]++;
}

/* The child handles SIGINT and ends; the parent, without a handler, dies of it in waitpid. */
static int group(void) {
    int ready[2];
    pipe(ready);
    pid_t c = fork();
    if (c == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        write(ready[1], "x", 1);
        while (!got[SIGINT]) {
            pause();
        }
        printf("child handled SIGINT\n");
        fflush(stdout);
        _exit(0);
    }
    char b;
    read(ready[0], &b, 1);
    printf("ready\n");
    fflush(stdout);
    int st;
    waitpid(c, &st, 0);
    printf("parent outlived SIGINT\n");
    return 1;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "group") == 0) {
        return group();
    }
    int handle = argc > 1 && strcmp(argv[1], "handle") == 0;
    /* the handled signals stay blocked but while the program waits (ppoll's mask): one that came
     * while it reported the previous one would otherwise run its handler before the wait began, and
     * the wait would never end */
    sigset_t block, waiting;
    sigemptyset(&block);
    if (handle) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        int handled[] = {SIGTERM, SIGINT, SIGUSR1, SIGUSR2, SIGQUIT};
        for (int i = 0; i < 5; i++) {
            sigaction(handled[i], &sa, NULL);
            sigaddset(&block, handled[i]);
        }
    }
    sigprocmask(SIG_BLOCK, &block, &waiting);
    printf("ready\n");
    fflush(stdout);
    int seen = 0;
    while (seen < 5) {
        for (int s = 1; s < 65; s++) {
            while (got[s] > 0) {
                got[s]--;
                seen++;
                printf("handled %s\n", s == SIGTERM ? "SIGTERM" : s == SIGINT ? "SIGINT" : s == SIGUSR1 ? "SIGUSR1" : s == SIGUSR2 ? "SIGUSR2" : s == SIGQUIT ? "SIGQUIT" : "other");
                fflush(stdout);
            }
        }
        if (seen >= 5) {
            break;
        }
        struct pollfd in = {.fd = 0, .events = POLLIN};
        errno = 0;
        int n = ppoll(&in, 1, NULL, &waiting);
        if (n < 0 && errno != EINTR) {
            printf("ppoll failed: errno %d\n", errno);
            return 1;
        }
        char c;
        if (n > 0 && read(0, &c, 1) <= 0) {
            printf("stdin closed\n");
            return 1;
        }
    }
    printf("done\n");
    return 0;
}
