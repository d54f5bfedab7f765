/* Host-side helper of scripts/bench: runs a command and reports how long it took and how much
 * memory it used, as one line "WALL_S CPU_S MAXRSS_KB STATUS" on the file named by -r.
 *   runstat -r REPORT [-i STDIN] [-o STDOUT] [-e STDERR] -- COMMAND [ARGS...]
 * CPU is user + system time of the command and everything it waited for; MAXRSS is the largest
 * resident set of any one of those processes (getrusage's RUSAGE_CHILDREN, in KiB), so for a
 * launcher script that execs java it is the JVM's. STATUS is the exit status, or 128 + signal. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void redirect(const char *path, int fd, int flags) {
    if (path == NULL) return;
    int f = open(path, flags, 0644);
    if (f < 0 || dup2(f, fd) < 0) { fprintf(stderr, "runstat: %s: %s\n", path, strerror(errno)); _exit(127); }
    close(f);
}

int main(int argc, char **argv) {
    const char *report = NULL, *in = NULL, *out = NULL, *err = NULL;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        if (i + 1 >= argc) break;
        if (strcmp(argv[i], "-r") == 0) report = argv[i + 1];
        else if (strcmp(argv[i], "-i") == 0) in = argv[i + 1];
        else if (strcmp(argv[i], "-o") == 0) out = argv[i + 1];
        else if (strcmp(argv[i], "-e") == 0) err = argv[i + 1];
        else break;
    }
    if (report == NULL || i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) {
        fprintf(stderr, "usage: runstat -r REPORT [-i STDIN] [-o STDOUT] [-e STDERR] -- COMMAND [ARGS...]\n");
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) { perror("runstat: fork"); return 2; }
    if (pid == 0) {
        redirect(in, 0, O_RDONLY);
        redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
        redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
        execvp(argv[i + 1], argv + i + 1);
        fprintf(stderr, "runstat: %s: %s\n", argv[i + 1], strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) { perror("runstat: waitpid"); return 2; }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *f = fopen(report, "w");
    if (f == NULL) { perror(report); return 2; }
    fprintf(f, "%.3f %.3f %ld %d\n", wall, cpu, ru.ru_maxrss, code);
    fclose(f);
    return 0;
}
