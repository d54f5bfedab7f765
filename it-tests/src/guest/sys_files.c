/* sendfile, ftruncate/truncate, fallocate, flock, fchmod/fchmodat, fchown, memfd_create, msync,
 * copy_file_range and splice, in the scratch directory argv[1]. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

static long size_of(int fd) {
    struct stat st;
    return fstat(fd, &st) == 0 ? (long) st.st_size : -1;
}

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) {
        fprintf(stderr, "usage: sys_files DIR\n");
        return 2;
    }
    int src = open("src.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    const char *text = "0123456789abcdefghijklmnopqrstuvwxyz";
    write(src, text, strlen(text));
    int dst = open("dst.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    off_t off = 10;
    ssize_t n = sendfile(dst, src, &off, 8);
    char buf[64] = {0};
    pread(dst, buf, sizeof buf - 1, 0);
    printf("sendfile %zd offset now %ld: %s\n", n, (long) off, buf);
    lseek(src, 30, SEEK_SET);
    n = sendfile(dst, src, NULL, 100);
    printf("sendfile from file position %zd, src position %ld, dst size %ld\n", n, (long) lseek(src, 0, SEEK_CUR),
            size_of(dst));
    errno = 0;
    printf("sendfile bad fd %zd errno %d\n", sendfile(dst, 77, NULL, 4), errno);

    printf("ftruncate %d size %ld\n", ftruncate(dst, 4), size_of(dst));
    printf("ftruncate grow %d size %ld\n", ftruncate(dst, 5000), size_of(dst));
    printf("truncate %d size %ld\n", truncate("src.txt", 12), size_of(src));
    errno = 0;
    printf("truncate missing %d errno %d\n", truncate("nope.txt", 1), errno);
    errno = 0;
    printf("ftruncate negative %d errno %d\n", ftruncate(dst, -1), errno);
    int r = fallocate(dst, 0, 0, 8192);
    printf("fallocate %d size %ld\n", r, r == 0 ? size_of(dst) : 8192L);

    int a = open("src.txt", O_RDONLY);
    int b = open("src.txt", O_RDONLY);
    printf("flock ex %d\n", flock(a, LOCK_EX));
    errno = 0;
    printf("flock second ex nb %d errno %d\n", flock(b, LOCK_EX | LOCK_NB), errno);
    printf("flock sh after unlock %d %d\n", flock(a, LOCK_UN), flock(b, LOCK_SH | LOCK_NB));
    printf("flock shared twice %d\n", flock(a, LOCK_SH | LOCK_NB));
    errno = 0;
    printf("flock bad op %d errno %d\n", flock(a, 0), errno);

    printf("fchmod %d", fchmod(src, 0600));
    struct stat st;
    fstat(src, &st);
    printf(" mode %o\n", st.st_mode & 07777);
    printf("fchmodat %d", fchmodat(AT_FDCWD, "dst.txt", 0640, 0));
    stat("dst.txt", &st);
    printf(" mode %o\n", st.st_mode & 07777);
    printf("fchown to self %d\n", fchown(src, getuid(), getgid()));
    printf("fchownat to self %d\n", fchownat(AT_FDCWD, "dst.txt", (uid_t) -1, getgid(), 0));
    errno = 0;
    printf("fchown bad fd %d errno %d\n", fchown(99, 0, 0), errno);

    int m = memfd_create("tcg4j-memfd", MFD_CLOEXEC);
    printf("memfd cloexec %d\n", (fcntl(m, F_GETFD) & FD_CLOEXEC) != 0);
    write(m, "in memory", 9);
    printf("memfd size %ld\n", size_of(m));
    ftruncate(m, 4096);
    char *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, m, 0);
    printf("memfd mapped: %.9s, size %ld\n", map, size_of(m));
    printf("msync %d\n", msync(map, 4096, MS_SYNC));
    errno = 0;
    printf("msync unaligned %d errno %d\n", msync(map + 1, 10, MS_SYNC), errno);
    errno = 0;
    printf("msync both flags %d errno %d\n", msync(map, 4096, MS_SYNC | MS_ASYNC), errno);
    munmap(map, 4096);
    errno = 0;
    printf("memfd bad flags %d errno %d\n", memfd_create("x", 0x100000), errno);

    int c = open("copy.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t in = 2, outo = 0;
    n = copy_file_range(src, &in, c, &outo, 5, 0);
    memset(buf, 0, sizeof buf);
    pread(c, buf, sizeof buf - 1, 0);
    printf("copy_file_range %zd in %ld out %ld: %s\n", n, (long) in, (long) outo, buf);

    int p[2];
    pipe(p);
    loff_t so = 0;
    n = splice(src, &so, p[1], NULL, 6, 0);
    memset(buf, 0, sizeof buf);
    read(p[0], buf, sizeof buf - 1);
    printf("splice %zd offset %ld: %s\n", n, (long) so, buf);
    unlink("src.txt");
    unlink("dst.txt");
    unlink("copy.txt");
    return 0;
}
