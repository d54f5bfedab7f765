/* The process start-up state: argv, the environment (sorted, so that the order in which an
 * emulator copies it does not matter), auxiliary vector values that are not addresses, and
 * uname's machine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;

static int by_string(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d] = \"%s\"\n", i, argv[i]);
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    int n = 0;
    while (environ[n]) n++;
    char **sorted = malloc((size_t)(n + 1) * sizeof *sorted);
    memcpy(sorted, environ, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, by_string);
    printf("envc %d\n", n);
    for (int i = 0; i < n; i++) printf("env %s\n", sorted[i]);
    const char *greeting = getenv("GREETING");
    printf("getenv GREETING = %s\n", greeting ? greeting : "(unset)");
    printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
    printf("AT_HWCAP %#lx\n", getauxval(AT_HWCAP));
    printf("AT_PHENT %lu\n", getauxval(AT_PHENT));
    printf("AT_SECURE %lu\n", getauxval(AT_SECURE));
    printf("AT_CLKTCK %lu\n", getauxval(AT_CLKTCK));
    printf("AT_RANDOM present %d\n", getauxval(AT_RANDOM) != 0);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    const char *base = execfn ? strrchr(execfn, '/') : NULL;
    printf("AT_EXECFN basename %s\n", base ? base + 1 : execfn ? execfn : "(none)");
    printf("sysconf pagesize %ld\n", sysconf(_SC_PAGESIZE));
    struct utsname u;
    uname(&u);
    printf("uname %s %s\n", u.sysname, u.machine);
    return 0;
}
