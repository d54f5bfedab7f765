/* File I/O system calls in a temporary directory given as argv[1] (which must exist and
 * be empty): create, write, read, seek, stat, rename, readdir, unlink, rmdir.
 * Prints no paths or times, only sizes, contents and results. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[4096], path2[4096];

static const char *in_dir(const char *dir, const char *name) {
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static const char *in_dir2(const char *dir, const char *name) {
    snprintf(path2, sizeof path2, "%s/%s", dir, name);
    return path2;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: file_io DIR\n"); return 2; }
    const char *dir = argv[1];
    umask(022); /* the file modes printed below must not depend on the caller's umask */

    int fd = open(in_dir(dir, "data.bin"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (fd < 0) { perror("open"); return 1; }
    char block[1000];
    for (int i = 0; i < 1000; i++) block[i] = (char)(i * 7);
    for (int k = 0; k < 10; k++) if (write(fd, block, sizeof block) != sizeof block) { perror("write"); return 1; }
    printf("lseek end %ld\n", (long)lseek(fd, 0, SEEK_END));
    printf("lseek set %ld\n", (long)lseek(fd, 4321, SEEK_SET));
    char got[16];
    printf("read %zd:", read(fd, got, sizeof got));
    for (int i = 0; i < 16; i++) printf(" %02x", (unsigned char)got[i]);
    printf("\n");
    printf("lseek cur %ld\n", (long)lseek(fd, -10, SEEK_CUR));
    printf("pwrite %zd pread ", pwrite(fd, "HELLO", 5, 9998));
    char tail[8] = {0};
    printf("%zd %.7s\n", pread(fd, tail, 7, 9996), tail + 2);
    /* a hole past the end reads back as zeros */
    lseek(fd, 20000, SEEK_SET);
    write(fd, "Z", 1);
    char hole[4] = {1, 1, 1, 1};
    pread(fd, hole, 4, 15000);
    printf("hole %d %d %d %d\n", hole[0], hole[1], hole[2], hole[3]);
    struct stat st;
    fstat(fd, &st);
    printf("fstat size %lld regular %d mode %o\n", (long long)st.st_size, S_ISREG(st.st_mode), st.st_mode & 0777);
    printf("ftruncate %d\n", ftruncate(fd, 123));
    close(fd);
    stat(in_dir(dir, "data.bin"), &st);
    printf("stat size %lld\n", (long long)st.st_size);

    /* stdio on top */
    FILE *f = fopen(in_dir(dir, "text.txt"), "w");
    for (int i = 0; i < 50; i++) fprintf(f, "line %d of %d\n", i, 50);
    fclose(f);
    f = fopen(in_dir(dir, "text.txt"), "r");
    char line[64];
    int lines = 0;
    long last = 0;
    while (fgets(line, sizeof line, f)) { lines++; last = ftell(f); }
    printf("fgets lines %d ftell %ld last '%s'", lines, last, line);
    fseek(f, 8, SEEK_SET);
    int c1 = fgetc(f), c2 = fgetc(f);
    printf("after fseek: %c%c\n", c1, c2);
    fclose(f);

    mkdir(in_dir(dir, "sub"), 0755);
    printf("rename %d\n", rename(in_dir(dir, "text.txt"), in_dir2(dir, "sub/moved.txt")));
    errno = 0;
    int r = stat(in_dir(dir, "text.txt"), &st);
    printf("stat of old name %d errno %s\n", r, errno == ENOENT ? "ENOENT" : "other");
    errno = 0;
    r = open(in_dir(dir, "nope"), O_RDONLY);
    printf("open missing %d errno %s\n", r, errno == ENOENT ? "ENOENT" : "other");
    errno = 0;
    r = rmdir(in_dir(dir, "sub"));
    printf("rmdir non-empty %d errno %s\n", r, errno == ENOTEMPTY ? "ENOTEMPTY" : "other");
    symlink("data.bin", in_dir(dir, "link"));
    char target[64] = {0};
    printf("readlink %zd %s\n", readlink(in_dir(dir, "link"), target, sizeof target - 1), target);

    DIR *d = opendir(dir);
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 16) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    printf("readdir:");
    for (int i = 0; i < n; i++) printf(" %s", names[i]);
    printf("\n");

    printf("unlink %d %d ", unlink(in_dir(dir, "data.bin")), unlink(in_dir(dir, "link")));
    printf("%d ", unlink(in_dir(dir, "sub/moved.txt")));
    printf("rmdir %d\n", rmdir(in_dir(dir, "sub")));
    printf("access after %d\n", access(in_dir(dir, "data.bin"), F_OK));
    char cwd[4096];
    printf("chdir %d getcwd ok %d\n", chdir(dir), getcwd(cwd, sizeof cwd) != NULL);
    return 0;
}
