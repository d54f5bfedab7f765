/* fork, wait4/waitid, exit and signal statuses, pipes, SIGCHLD, process groups: POSIX process semantics,
 * deterministic output (no pids printed). Runs under qemu-riscv64 too (no exec). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t sigchld_seen;

static void on_sigchld(int sig) { (void) sig; sigchld_seen++; }
static volatile int chld_code, chld_status, chld_pid;
static void on_sigchld_info(int sig, siginfo_t *info, void *uc) {
    (void) sig, (void) uc;
    chld_code = info->si_code, chld_status = info->si_status, chld_pid = info->si_pid;
}

static void exit_statuses(void) {
    pid_t me = getpid();
    for (int code = 0; code < 3; code++) {
        pid_t c = fork();
        if (c == 0) {
            _exit(getppid() == me ? code * 7 : 99);
        }
        int st;
        pid_t w = waitpid(c, &st, 0);
        printf("exit %d: waited the child %d, exited %d, status %d\n", code, w == c, WIFEXITED(st), WEXITSTATUS(st));
    }
}

static void signal_deaths(void) {
    int sigs[] = {SIGSEGV, SIGTERM, SIGKILL, SIGABRT};
    for (int i = 0; i < 4; i++) {
        pid_t c = fork();
        if (c == 0) {
            if (sigs[i] == SIGSEGV) {
                volatile int *p = 0;
                *p = 1;
            } else if (sigs[i] == SIGABRT) {
                abort();
            }
            raise(sigs[i]);
            _exit(0);
        }
        int st;
        waitpid(c, &st, 0);
        printf("signal %s: signaled %d, signal %d, exited %d\n", strsignal(sigs[i]), WIFSIGNALED(st), WTERMSIG(st),
               WIFEXITED(st));
    }
}

static void memory_is_copied(void) {
    int value = 1;
    char *heap = malloc(64);
    strcpy(heap, "parent");
    pid_t c = fork();
    if (c == 0) {
        value = 2;
        strcpy(heap, "child");
        _exit(value * 10 + (int) strlen(heap));
    }
    int st;
    waitpid(c, &st, 0);
    printf("copy: parent sees %d and \"%s\", child exit %d\n", value, heap, WEXITSTATUS(st));
    free(heap);
}

static void pipes(void) {
    int down[2], up[2];
    if (pipe(down) || pipe(up)) {
        perror("pipe");
        exit(1);
    }
    pid_t c = fork();
    if (c == 0) {
        close(down[1]);
        close(up[0]);
        char buf[256];
        int n, total = 0;
        while ((n = read(down[0], buf + total, sizeof buf - total)) > 0) {
            total += n;
        }
        for (int i = 0; i < total; i++) {
            if (buf[i] >= 'a' && buf[i] <= 'z') {
                buf[i] -= 32;
            }
        }
        write(up[1], buf, total);
        _exit(total);
    }
    close(down[0]);
    close(up[1]);
    const char *msg = "through the pipe and back\n";
    write(down[1], msg, strlen(msg));
    close(down[1]); /* the child sees EOF only once every write end is closed */
    char buf[256];
    int n, total = 0;
    while ((n = read(up[0], buf + total, sizeof buf - 1 - total)) > 0) {
        total += n;
    }
    buf[total] = 0;
    int st;
    waitpid(c, &st, 0);
    printf("pipe: %s", buf);
    printf("pipe: child read %d bytes\n", WEXITSTATUS(st));
    close(up[0]);
}

static void waiting(void) {
    int st;
    errno = 0;
    printf("no children: waitpid %d errno ECHILD %d\n", (int) waitpid(-1, &st, WNOHANG), errno == ECHILD);
    int gate[2];
    pipe(gate);
    pid_t c = fork();
    if (c == 0) {
        char b;
        close(gate[1]);
        read(gate[0], &b, 1); /* until the parent closes the gate */
        _exit(42);
    }
    close(gate[0]);
    printf("running child: WNOHANG gives %d\n", (int) waitpid(c, &st, WNOHANG));
    close(gate[1]);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int r = waitid(P_PID, c, &info, WEXITED | WNOWAIT);
    printf("waitid WNOWAIT: %d, code exited %d, status %d, pid matches %d\n", r, info.si_code == CLD_EXITED,
           info.si_status, info.si_pid == c);
    pid_t w = wait(&st);
    printf("then wait reaps it: %d, status %d\n", w == c, WEXITSTATUS(st));
}

static void sigchld(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sigaction(SIGCHLD, &sa, NULL);
    for (int i = 0; i < 3; i++) {
        pid_t c = fork();
        if (c == 0) {
            _exit(i);
        }
        int st;
        while (waitpid(c, &st, 0) < 0 && errno == EINTR) {
        }
    }
    printf("SIGCHLD delivered: %d\n", sigchld_seen >= 1);
    sa.sa_sigaction = on_sigchld_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGCHLD, &sa, NULL);
    for (int i = 0; i < 2; i++) {
        pid_t c = fork();
        if (c == 0) {
            if (i == 1) {
                raise(SIGKILL);
            }
            _exit(23);
        }
        int st;
        while (waitpid(c, &st, 0) < 0 && errno == EINTR) {
        }
        printf("SIGCHLD siginfo: code %s, status %d, pid matches %d\n",
               chld_code == CLD_EXITED ? "CLD_EXITED" : chld_code == CLD_KILLED ? "CLD_KILLED" : "other", chld_status,
               chld_pid == c);
    }
    signal(SIGCHLD, SIG_DFL);
}

static void process_group_kill(void) {
    int ready[2];
    pipe(ready);
    pid_t leader = 0;
    pid_t kids[3];
    for (int i = 0; i < 3; i++) {
        pid_t c = fork();
        if (c == 0) {
            close(ready[0]);
            setpgid(0, leader); /* the first child leads the new group, the others join it */
            write(ready[1], "x", 1);
            sigset_t none;
            sigemptyset(&none);
            for (;;) {
                sigsuspend(&none);
            }
        }
        setpgid(c, leader); /* both sides set it, so neither races the other */
        if (leader == 0) {
            leader = c;
        }
        kids[i] = c;
    }
    close(ready[1]);
    char b;
    for (int i = 0; i < 3; i++) {
        read(ready[0], &b, 1);
    }
    printf("group: children share the leader's group %d, parent is outside %d\n",
           getpgid(kids[1]) == leader && getpgid(kids[2]) == leader, getpgrp() != leader);
    kill(-leader, SIGTERM);
    int killed = 0;
    for (int i = 0; i < 3; i++) {
        int st;
        waitpid(kids[i], &st, 0);
        killed += WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
    }
    printf("group: kill(-pgid) ended %d of 3 by SIGTERM\n", killed);
    close(ready[0]);
}

static void orphans(void) {
    int gate[2];
    pipe(gate);
    pid_t c = fork();
    if (c == 0) {
        pid_t g = fork();
        if (g == 0) {
            char b;
            close(gate[1]);
            read(gate[0], &b, 1);
            _exit(0);
        }
        _exit(7); /* the grandchild is orphaned */
    }
    int st;
    waitpid(c, &st, 0);
    close(gate[0]);
    close(gate[1]);
    printf("orphan: middle child exit %d\n", WEXITSTATUS(st));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    exit_statuses();
    signal_deaths();
    memory_is_copied();
    pipes();
    waiting();
    sigchld();
    process_group_kill();
    orphans();
    printf("parent exits 3\n");
    return 3;
}
