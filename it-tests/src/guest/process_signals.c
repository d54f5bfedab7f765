/* Signals between processes: kill() to a child blocked in a read of a pipe interrupts it (EINTR
 * without SA_RESTART, restarted with it), and SIGSTOP/SIGCONT stop and continue a child, which
 * waitpid reports with WUNTRACED and WCONTINUED. Deterministic output; runs under qemu-riscv64. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_usr1(int sig) {
    (void) sig;
    handled++;
}

/* Sends SIGUSR1 to the child until it reports on {@code result} (a signal sent before the child
 * reached its read would be taken before the read blocks), then returns the report. */
static void signal_until_reported(pid_t child, int result, char *out, size_t size, int data_fd) {
    struct pollfd p = {.fd = result, .events = POLLIN};
    int sent = 0;
    while (poll(&p, 1, 50) == 0) {
        kill(child, SIGUSR1);
        if (data_fd >= 0 && ++sent == 3) {
            write(data_fd, "data", 4); /* the restarted read gets this, once signals came */
        }
    }
    ssize_t n = read(result, out, size - 1);
    out[n < 0 ? 0 : n] = 0;
}

static void interrupted_read(int restart) {
    int data[2], result[2], ready[2];
    pipe(data);
    pipe(result);
    pipe(ready);
    pid_t c = fork();
    if (c == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_usr1;
        sa.sa_flags = restart ? SA_RESTART : 0;
        sigaction(SIGUSR1, &sa, NULL);
        write(ready[1], "r", 1); /* SIGUSR1 before this would kill the child */
        char buf[16] = {0};
        ssize_t n;
        do {
            errno = 0;
            n = read(data[0], buf, sizeof buf - 1);
        } while (n < 0 && errno == EINTR && !handled); /* interrupted before the handler counted: again */
        char report[64];
        int len = snprintf(report, sizeof report, "read %d errno %s '%s' handled %s", (int) n,
                           errno == EINTR ? "EINTR" : errno == 0 ? "0" : "other", buf, handled ? "yes" : "no");
        write(result[1], report, len);
        _exit(0);
    }
    char r;
    read(ready[0], &r, 1);
    close(ready[0]);
    close(ready[1]);
    char report[64];
    signal_until_reported(c, result[0], report, sizeof report, restart ? data[1] : -1);
    int st;
    waitpid(c, &st, 0);
    printf("%s: %s\n", restart ? "SA_RESTART" : "no SA_RESTART", report);
    close(data[0]);
    close(data[1]);
    close(result[0]);
    close(result[1]);
}

static void stop_and_continue(void) {
    pid_t c = fork();
    if (c == 0) {
        setpgid(0, 0);
        for (;;) {
            pause();
        }
    }
    /* The child gets a group of its own, whose parent (this process) is in another group of the
     * session: otherwise, when the test runs in an orphaned process group (a detached CI job), the
     * kernel discards SIGTSTP (POSIX: no stop signal for an orphaned group) and the wait never ends. */
    setpgid(c, c);
    int st;
    kill(c, SIGSTOP);
    pid_t w = waitpid(c, &st, WUNTRACED);
    printf("SIGSTOP: waited %d, stopped %d by %s\n", w == c, WIFSTOPPED(st), strsignal(WSTOPSIG(st)));
    printf("stopped again: WNOHANG|WUNTRACED gives %d\n", (int) waitpid(c, &st, WNOHANG | WUNTRACED));
    kill(c, SIGCONT);
    w = waitpid(c, &st, WCONTINUED);
    printf("SIGCONT: waited %d, continued %d\n", w == c, WIFCONTINUED(st));
    kill(c, SIGTSTP);
    w = waitpid(c, &st, WUNTRACED);
    printf("SIGTSTP: stopped %d by %s\n", WIFSTOPPED(st), strsignal(WSTOPSIG(st)));
    kill(c, SIGTERM); /* stays pending while stopped; SIGCONT lets it kill */
    kill(c, SIGCONT);
    w = waitpid(c, &st, 0);
    printf("SIGTERM then SIGCONT: signaled %d by %s\n", WIFSIGNALED(st), strsignal(WTERMSIG(st)));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    interrupted_read(0);
    interrupted_read(1);
    stop_and_continue();
    return 0;
}
