/* The cwd and umask belong to each process (fork copies them, execve keeps them) and are shared by
 * its threads: chdir, fchdir and umask in a child and in its parent, relative paths through every
 * kind of call, /proc/self/cwd and another process's /proc/PID/cwd, a cwd renamed under a process.
 * Runs in the scratch directory argv[1]; paths are printed relative to it. Runs under qemu-riscv64. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[PATH_MAX];

/* A path under the scratch directory, shown from it ("." for itself). */
static const char *shown(const char *path) {
    size_t n = strlen(root);
    if (strncmp(path, root, n) != 0) {
        return path;
    }
    return path[n] == 0 ? "." : path + n + 1;
}

static const char *cwd(void) {
    static char buf[PATH_MAX];
    return getcwd(buf, sizeof buf) ? shown(buf) : "(getcwd failed)";
}

static const char *link_of(const char *path) {
    static char buf[PATH_MAX];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0) {
        return "(readlink failed)";
    }
    buf[n] = 0;
    return shown(buf);
}

static int mode_of(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (int) (st.st_mode & 07777) : -1;
}

static int current_umask(void) {
    mode_t m = umask(0);
    umask(m);
    return (int) m;
}

static void fork_copies_and_separates(void) {
    umask(022);
    int st;
    pid_t c = fork();
    if (c == 0) {
        printf("child starts in %s with umask %03o\n", cwd(), current_umask());
        chdir("a");
        umask(077);
        close(open("child-file", O_CREAT | O_WRONLY, 0666));
        mkdir("child-dir", 0777);
        printf("child moved to %s, /proc/self/cwd %s, umask %03o\n", cwd(), link_of("/proc/self/cwd"), current_umask());
        _exit(0);
    }
    waitpid(c, &st, 0);
    printf("parent still in %s with umask %03o\n", cwd(), current_umask());
    close(open("parent-file", O_CREAT | O_WRONLY, 0666));
    printf("modes: child's file %04o dir %04o, parent's file %04o\n", mode_of("a/child-file"), mode_of("a/child-dir"),
           mode_of("parent-file"));
}

static void child_inherits_the_parents_change(void) {
    chdir("b");
    umask(027);
    int st;
    pid_t c = fork();
    if (c == 0) {
        mkdir("inherited", 0777);
        printf("child of a moved parent: in %s, umask %03o, mkdir mode %04o\n", cwd(), current_umask(),
               mode_of("inherited"));
        int up = open("..", O_RDONLY | O_DIRECTORY);
        fchdir(up);
        close(up);
        struct stat s;
        printf("child fchdir to %s: relative stat of b/inherited %d, faccessat %d\n", cwd(),
               fstatat(AT_FDCWD, "b/inherited", &s, 0), faccessat(AT_FDCWD, "parent-file", F_OK, 0));
        _exit(0);
    }
    waitpid(c, &st, 0);
    printf("parent after the child's fchdir: %s, umask %03o\n", cwd(), current_umask());
    chdir("..");
    umask(022);
}

static void *thread_moves(void *arg) {
    (void) arg;
    chdir("a");
    umask(007);
    return NULL;
}

static void threads_share(void) {
    pthread_t t;
    pthread_create(&t, NULL, thread_moves, NULL);
    pthread_join(t, NULL);
    printf("after a thread's chdir and umask the main thread is in %s with umask %03o\n", cwd(), current_umask());
    chdir("..");
    umask(022);
}

static void another_process_cwd(void) {
    int gate[2], ready[2];
    pipe(gate);
    pipe(ready);
    pid_t c = fork();
    if (c == 0) {
        close(gate[1]);
        chdir("b");
        write(ready[1], "x", 1);
        char b;
        read(gate[0], &b, 1);
        printf("child renamed under: in %s\n", cwd());
        _exit(0);
    }
    char b;
    read(ready[0], &b, 1);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/cwd", (int) c);
    printf("parent reads the child's cwd link: %s\n", link_of(path));
    rename("b", "b-renamed");
    printf("after rename, the child's cwd link: %s\n", link_of(path));
    close(gate[1]);
    int st;
    waitpid(c, &st, 0);
    rename("b-renamed", "b");
}

static void relative_creation(void) {
    int st;
    pid_t c = fork();
    if (c == 0) {
        chdir("a");
        umask(0);
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        struct sockaddr_un addr = {.sun_family = AF_UNIX};
        strcpy(addr.sun_path, "sock");
        bind(s, (struct sockaddr *) &addr, sizeof addr);
        mkfifo("fifo", 0666);
        symlink("child-file", "link");
        link("child-file", "hard");
        _exit(0);
    }
    waitpid(c, &st, 0);
    struct stat s;
    lstat("a/link", &s);
    printf("child's relative bind %04o, mkfifo %04o, symlink %d, link %d; not in the parent's cwd: %d\n",
           mode_of("a/sock") & 0777, mode_of("a/fifo"), S_ISLNK(s.st_mode), mode_of("a/hard") >= 0,
           access("sock", F_OK));
}

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0 || !getcwd(root, sizeof root)) {
        fprintf(stderr, "usage: process_fs DIR\n");
        return 2;
    }
    mkdir("a", 0755);
    mkdir("b", 0755);
    setvbuf(stdout, NULL, _IONBF, 0);
    fork_copies_and_separates();
    child_inherits_the_parents_change();
    threads_share();
    another_process_cwd();
    relative_creation();
    printf("/proc/self/cwd: %s\n", link_of("/proc/self/cwd"));
    return 0;
}
