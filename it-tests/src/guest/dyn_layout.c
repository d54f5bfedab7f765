/*
 * The process image as the loader left it: the auxiliary vector (getauxval) and where the program,
 * its interpreter, the stack, the heap and mmaps are. Deterministic under an emulator that lays the
 * guest out as qemu-riscv64 7.2 does (no address randomisation): the dynamic-linking tests compare it
 * byte for byte with qemu-riscv64, built both statically and dynamically (PIE with ld.so).
 * With the argument "maps" it also prints /proc/self/maps, and with "proc" readlink(/proc/self/exe)
 * and whether /proc/self/auxv holds the same vector.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>
#include <fcntl.h>

static const struct { unsigned long key; const char *name; } KEYS[] = {
    {AT_PHDR, "AT_PHDR"}, {AT_PHENT, "AT_PHENT"}, {AT_PHNUM, "AT_PHNUM"}, {AT_PAGESZ, "AT_PAGESZ"},
    {AT_BASE, "AT_BASE"}, {AT_FLAGS, "AT_FLAGS"}, {AT_ENTRY, "AT_ENTRY"}, {AT_HWCAP, "AT_HWCAP"},
    {AT_CLKTCK, "AT_CLKTCK"}, {AT_RANDOM, "AT_RANDOM"}, {AT_SECURE, "AT_SECURE"}, {AT_EXECFN, "AT_EXECFN"},
    {AT_HWCAP2, "AT_HWCAP2"}, {AT_PLATFORM, "AT_PLATFORM"}, {AT_SYSINFO_EHDR, "AT_SYSINFO_EHDR"},
};

static void print_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("%s: cannot open\n", path);
        return;
    }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        fputs(line, stdout);
    }
    fclose(f);
}

static void compare_auxv(void) {
    int fd = open("/proc/self/auxv", O_RDONLY);
    if (fd < 0) {
        printf("/proc/self/auxv: cannot open\n");
        return;
    }
    unsigned long pair[2];
    int entries = 0, same = 1;
    while (read(fd, pair, sizeof pair) == sizeof pair) {
        entries++;
        if (pair[0] == AT_NULL) {
            break;
        }
        if (getauxval(pair[0]) != pair[1]) {
            same = 0;
            printf("auxv entry %lu: file 0x%lx, getauxval 0x%lx\n", pair[0], pair[1], getauxval(pair[0]));
        }
    }
    close(fd);
    printf("/proc/self/auxv: %d entries, %s\n", entries, same ? "as getauxval" : "DIFFERENT");
}

int main(int argc, char **argv) {
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        printf("%-16s 0x%lx\n", KEYS[i].name, getauxval(KEYS[i].key));
    }
    printf("execfn \"%s\"\n", (const char *) getauxval(AT_EXECFN));
    printf("main %p argv %p argv[0] %p\n", (void *) main, (void *) argv, (void *) argv[0]);
    printf("sbrk(0) %p\n", sbrk(0));
    printf("malloc(16) %p\n", malloc(16));
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap(4096) %p\n", page);
    printf("malloc(1 MiB) %p\n", malloc(1 << 20));
    printf("printf %p strlen %p\n", (void *) printf, (void *) strlen);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "maps") == 0) {
            print_file("/proc/self/maps");
        } else if (strcmp(argv[i], "proc") == 0) {
            char exe[4096];
            ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
            exe[n < 0 ? 0 : n] = 0;
            printf("/proc/self/exe -> %s (%zd)\n", exe, n);
            compare_auxv();
        }
    }
    return 0;
}
