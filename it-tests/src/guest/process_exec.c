/* execve, vfork+exec, #! scripts and execve's errors, checked against their POSIX meaning (qemu-riscv64
 * cannot execve a riscv64 program without binfmt_misc); and SIGTSTP in an orphaned process group, which
 * qemu-riscv64 turns into a host SIGSTOP where Linux discards it, and the hang-up of an orphaned group
 * with a stopped member. argv[0] is this program's absolute path; the
 * exit_status guest (exit 3 after its atexit handler prints) lies in the same directory. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[4096];

/* POSIX: a stop signal from the terminal (SIGTSTP, SIGTTIN, SIGTTOU) does not stop the processes of
 * an orphaned group, since no shell is left to continue them. The grandchild's group becomes orphaned
 * when its parent, the group's leader, exits. */
static void orphaned_group_tstp(void) {
    int p[2];
    pipe(p);
    pid_t mid = fork();
    if (mid == 0) {
        setpgid(0, 0);
        pid_t leader = getpid(); /* in this process fork returned 0: mid cannot say who the parent is */
        pid_t g = fork();
        if (g == 0) {
            while (getppid() == leader) {
                usleep(1000);
            }
            raise(SIGTSTP);
            write(p[1], "alive", 5);
            _exit(0);
        }
        _exit(0);
    }
    close(p[1]);
    waitpid(mid, NULL, 0);
    struct pollfd pf = {.fd = p[0], .events = POLLIN};
    char buf[8] = {0};
    int ready = poll(&pf, 1, 10000);
    int n = ready == 1 ? read(p[0], buf, sizeof buf - 1) : 0;
    printf("orphaned group: SIGTSTP left the process running, it wrote \"%.*s\"\n", n, buf);
    close(p[0]);
}

static volatile sig_atomic_t hangups;

static void count_hangup(int sig) {
    (void)sig;
    hangups++;
}

/* Linux (kill_orphaned_pgrp): when a group with a stopped member becomes orphaned, each member gets
 * SIGHUP then SIGCONT, since nobody is left to continue it. The grandchild stops itself; its parent,
 * the group's leader, exits once it has seen the stop. */
static void orphaned_group_stopped(void) {
    int p[2];
    pipe(p);
    pid_t mid = fork();
    if (mid == 0) {
        setpgid(0, 0);
        pid_t g = fork();
        if (g == 0) {
            signal(SIGHUP, count_hangup);
            raise(SIGSTOP);
            char msg[32];
            int len = snprintf(msg, sizeof msg, "continued, %d SIGHUP", (int)hangups);
            write(p[1], msg, len);
            _exit(0);
        }
        int st;
        waitpid(g, &st, WUNTRACED);
        _exit(WIFSTOPPED(st) ? 0 : 1);
    }
    close(p[1]);
    int st;
    waitpid(mid, &st, 0);
    struct pollfd pf = {.fd = p[0], .events = POLLIN};
    char buf[32] = {0};
    int ready = poll(&pf, 1, 10000);
    int n = ready == 1 ? read(p[0], buf, sizeof buf - 1) : 0;
    printf("orphaned group with a stopped member: leader saw the stop %d, the member %.*s\n",
           WIFEXITED(st) && WEXITSTATUS(st) == 0, n, buf);
    close(p[0]);
}

static int run(const char *what, int use_vfork, const char *path, char *const argv[]) {
    pid_t c = use_vfork ? vfork() : fork();
    if (c == 0) {
        execv(path, argv);
        _exit(100 + errno);
    }
    int st;
    waitpid(c, &st, 0);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
    printf("%s: exit %d\n", what, code);
    return code;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        /* the exec'd image: same pid as before the exec, fds without O_CLOEXEC inherited */
        char buf[32] = {0};
        int keep = atoi(argv[2]), gone = atoi(argv[3]);
        lseek(keep, 0, SEEK_SET);
        int n = read(keep, buf, sizeof buf - 1);
        printf("exec'd image: pid kept %d, argv[4] \"%s\", inherited fd reads \"%.*s\", cloexec fd closed %d\n",
               atoi(argv[4]) == getpid(), argv[5], n, buf, fcntl(gone, F_GETFD) < 0 && errno == EBADF);
        return 9;
    }
    strncpy(dir, argv[0], sizeof dir - 1);
    strcpy(dir, dirname(dir));
    char target[4200];
    snprintf(target, sizeof target, "%s/exit_status", dir);

    char *targv[] = {"exit_status", NULL};
    run("fork+execv exit_status", 0, target, targv);
    run("vfork+execv exit_status", 1, target, targv);

    /* execve in the same process: pid, fds and close-on-exec */
    char tmpl[] = "/tmp/tcg4j-exec-XXXXXX";
    int keep = mkstemp(tmpl);
    write(keep, "kept", 4);
    int gone = open(tmpl, O_RDONLY | O_CLOEXEC);
    unlink(tmpl);
    pid_t c = fork();
    if (c == 0) {
        char k[16], g[16], p[16];
        snprintf(k, sizeof k, "%d", keep);
        snprintf(g, sizeof g, "%d", gone);
        snprintf(p, sizeof p, "%d", getpid());
        char *cargv[] = {argv[0], "child", k, g, p, "an argument", NULL};
        execv(argv[0], cargv);
        _exit(100 + errno);
    }
    int st;
    waitpid(c, &st, 0);
    printf("exec'd image exit %d\n", WEXITSTATUS(st));

    /* a #! script whose interpreter is the exit_status guest */
    char script[] = "/tmp/tcg4j-script-XXXXXX";
    int fd = mkstemp(script);
    dprintf(fd, "#!%s\n", target);
    close(fd);
    chmod(script, 0755);
    char *sargv[] = {script, NULL};
    run("#! script", 0, script, sargv);
    unlink(script);

    /* errors: execve returns -1 with the errno Linux gives */
    char *nargv[] = {"x", NULL};
    printf("missing file errno ENOENT: %d\n", run("missing", 0, "/nonexistent/program", nargv) == 100 + ENOENT);
    printf("directory errno EACCES: %d\n", run("directory", 0, "/tmp", nargv) == 100 + EACCES);
    char plain[] = "/tmp/tcg4j-plain-XXXXXX";
    fd = mkstemp(plain);
    write(fd, "not a program\n", 14);
    close(fd);
    chmod(plain, 0644);
    printf("not executable errno EACCES: %d\n", run("not executable", 0, plain, nargv) == 100 + EACCES);
    chmod(plain, 0755);
    printf("no format errno ENOEXEC: %d\n", run("unknown format", 0, plain, nargv) == 100 + ENOEXEC);
    unlink(plain);
    orphaned_group_tstp();
    orphaned_group_stopped();
    return 0;
}
