/* MAP_SHARED and MAP_PRIVATE file mappings, shared anonymous memory across fork, and msync: each line
 * follows from mmap(2) and msync(2). Runs in DIR (a scratch directory). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static int make_file(const char *name, const char *text, long size) {
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ftruncate(fd, size) != 0 || pwrite(fd, text, strlen(text), 0) < 0) {
        perror(name);
        _exit(2);
    }
    return fd;
}

static void read_back(int fd, long off, int n, char *out) {
    memset(out, 0, n + 1);
    if (pread(fd, out, n, off) != n) {
        perror("pread");
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) {
        fprintf(stderr, "usage: mmap_shared DIR\n");
        return 2;
    }
    char buf[64];
    long page = sysconf(_SC_PAGESIZE);

    /* a shared mapping's stores reach the file, and the file's writes reach the mapping */
    int fd = make_file("shared.dat", "hello file", 2 * page);
    char *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    memcpy(m, "HELLO", 5);
    memcpy(m + page, "second page", 11);
    printf("msync MS_SYNC %d\n", msync(m, 2 * page, MS_SYNC));
    fd = open("shared.dat", O_RDWR);
    read_back(fd, 0, 10, buf);
    printf("file after stores: '%s'\n", buf);
    read_back(fd, page, 11, buf);
    printf("second page: '%s'\n", buf);
    pwrite(fd, "written", 7, 20);
    printf("mapping after pwrite: '%.7s'\n", m + 20);

    /* a fork's child shares the mapping: its store is the parent's */
    pid_t c = fork();
    if (c == 0) {
        memcpy(m + 40, "from the child", 14);
        _exit(0);
    }
    waitpid(c, NULL, 0);
    printf("parent sees the child's store: '%.14s'\n", m + 40);
    printf("msync MS_ASYNC %d, MS_INVALIDATE %d\n", msync(m, page, MS_ASYNC), msync(m, page, MS_INVALIDATE));
    munmap(m, 2 * page);
    read_back(fd, 40, 14, buf);
    printf("file after the child: '%s'\n", buf);

    /* a private mapping reads the file, and its stores stay its own */
    char *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("private reads: '%.5s'\n", p);
    memcpy(p, "priv!", 5);
    read_back(fd, 0, 5, buf);
    printf("private store: mapping '%.5s', file '%s'\n", p, buf);
    c = fork();
    if (c == 0) {
        _exit(memcmp(p, "priv!", 5) == 0 ? 0 : 1);
    }
    int st;
    waitpid(c, &st, 0);
    printf("the child sees the private store: %s\n", WEXITSTATUS(st) == 0 ? "yes" : "no");
    munmap(p, page);

    /* a mapping's last partial page reads zeros past the end of the file */
    int small = make_file("small.dat", "tiny", 100);
    char *s = mmap(NULL, page, PROT_READ, MAP_SHARED, small, 0);
    int zeros = 1;
    for (long i = 100; i < page; i++) {
        zeros &= s[i] == 0;
    }
    printf("small file: '%.4s', zeros past its end %d\n", s, zeros);
    munmap(s, page);

    /* shared anonymous memory is one for parent and children */
    volatile long *counter = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    for (int k = 0; k < 4; k++) {
        if (fork() == 0) {
            for (int i = 0; i < 1000; i++) {
                __atomic_fetch_add(counter, 1, __ATOMIC_SEQ_CST);
            }
            _exit(0);
        }
    }
    while (wait(NULL) > 0) {
    }
    printf("shared anonymous counter: %ld\n", *counter);
    volatile long *priv = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fork() == 0) {
        *priv = 99;
        _exit(0);
    }
    wait(NULL);
    printf("private anonymous after the child's store: %ld\n", *priv);

    /* what the kernel refuses */
    int ro = open("shared.dat", O_RDONLY);
    errno = 0;
    void *bad = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    printf("shared writable map of a read-only fd: %s errno %d\n", bad == MAP_FAILED ? "failed" : "mapped", errno);
    char *r = mmap(NULL, page, PROT_READ, MAP_SHARED, ro, 0);
    printf("shared read-only map of a read-only fd: '%.5s'\n", r == MAP_FAILED ? "-" : r);
    int wo = open("shared.dat", O_WRONLY);
    errno = 0;
    bad = mmap(NULL, page, PROT_READ, MAP_PRIVATE, wo, 0);
    printf("map of a write-only fd: %s errno %d\n", bad == MAP_FAILED ? "failed" : "mapped", errno);
    errno = 0;
    printf("msync of unmapped memory %d errno %d\n", msync((void *) (16L << 30), page, MS_SYNC), errno);
    return 0;
}
