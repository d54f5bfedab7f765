/* The descriptor links of /proc and /dev: /proc/self/fd/N, /proc/PID/fd/N (this process and a
 * child), /dev/fd/N and /dev/stdin name the process's own descriptor N, whatever else runs in the
 * same host process, and listing /proc/self/fd gives them all; a descriptor it does not have is ENOENT.
 * argv[1] is a scratch directory. With "inherited" after it, it reads descriptor 3 and writes to
 * descriptor 4, which its caller opened. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void show_link(const char *what, const char *path) {
    char target[4096];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0) {
        printf("%s: readlink -1 errno %d\n", what, errno);
        return;
    }
    target[n] = 0;
    printf("%s -> %s\n", what, strncmp(target, "pipe:", 5) == 0 ? "pipe" : basename(target));
}

/* the names a listing of {@code dir} holds are exactly the descriptors open now (the listing's own
 * among them), and rewinddir lists them again */
static int lists_open_descriptors(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        return 0;
    }
    int ok = 1;
    for (int pass = 0; pass < 2; pass++) {
        char seen[1024] = {0};
        int dots = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
                dots++;
                continue;
            }
            int fd = atoi(e->d_name);
            ok &= fd >= 0 && fd < 1024 && e->d_type == DT_LNK;
            if (fd >= 0 && fd < 1024) {
                seen[fd] = 1;
            }
        }
        ok &= dots == 2;
        for (int fd = 0; fd < 1024; fd++) {
            ok &= seen[fd] == (fcntl(fd, F_GETFD) != -1);
        }
        rewinddir(d);
    }
    closedir(d);
    return ok;
}

static void show_read(const char *what, const char *path) {
    char buf[64] = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("%s: open -1 errno %d\n", what, errno);
        return;
    }
    int n = read(fd, buf, sizeof buf - 1);
    close(fd);
    printf("%s reads '%.*s'\n", what, n < 0 ? 0 : n, buf);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    if (argc > 2 && strcmp(argv[2], "inherited") == 0) {
        char buf[64] = {0};
        int n = read(3, buf, sizeof buf - 1);
        printf("descriptor 3 from the caller reads '%.*s'\n", n < 0 ? 0 : n, buf);
        printf("descriptor 4 from the caller takes %d bytes\n", (int)write(4, "written by the guest", 20));
        show_link("/proc/self/fd/3", "/proc/self/fd/3");
        return 0;
    }
    int fd = open("fd-target.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "target text", 11);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    show_link("/proc/self/fd/N", path);
    show_read("/proc/self/fd/N", path);
    snprintf(path, sizeof path, "/dev/fd/%d", fd);
    show_link("/dev/fd/N", path);
    snprintf(path, sizeof path, "/proc/%d/fd/%d", getpid(), fd);
    show_link("/proc/PID/fd/N", path);
    struct stat a, b;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    stat(path, &a);
    fstat(fd, &b);
    printf("stat through the link is the file: %d\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev);

    int p[2];
    pipe(p);
    write(p[1], "in the pipe", 11);
    snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
    show_link("/dev/fd/N of a pipe", path);
    show_read("/dev/fd/N of a pipe", path);

    printf("listing /proc/self/fd gives the open descriptors: %d\n", lists_open_descriptors("/proc/self/fd"));
    printf("listing /dev/fd/ gives them too: %d\n", lists_open_descriptors("/dev/fd/"));
    show_link("unopened /proc/self/fd/77", "/proc/self/fd/77");
    show_read("unopened /dev/fd/77", "/dev/fd/77");

    /* a child with a pipe as its stdin reads it through /dev/stdin */
    int q[2];
    pipe(q);
    pid_t c = fork();
    if (c == 0) {
        dup2(q[0], 0);
        close(q[0]);
        close(q[1]);
        show_read("child's /dev/stdin", "/dev/stdin");
        _exit(0);
    }
    close(q[0]);
    write(q[1], "piped to the child", 18);
    close(q[1]);
    waitpid(c, NULL, 0);

    /* another process's descriptor: the child opens a file of its own and waits */
    int ready[2], go[2];
    pipe(ready);
    pipe(go);
    c = fork();
    if (c == 0) {
        int own = open("child-only.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
        char n = (char)own;
        write(ready[1], &n, 1);
        read(go[0], &n, 1);
        _exit(0);
    }
    char childFd;
    read(ready[0], &childFd, 1);
    snprintf(path, sizeof path, "/proc/%d/fd/%d", c, childFd);
    show_link("the child's /proc/PID/fd/N", path);
    write(go[1], "x", 1);
    waitpid(c, NULL, 0);
    unlink("fd-target.txt");
    unlink("child-only.txt");
    return 0;
}
