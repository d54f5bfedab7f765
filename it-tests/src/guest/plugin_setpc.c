/* Guest of the setpc plugin test (QEMU's tests/tcg/plugins/setpc.c): a "magic" system call 4096
 * asks the plugin either to jump straight to a clean exit (mode 0, from its syscall filter) or to
 * remember a marker function and where to go instead of it (mode 1; the plugin then leaves the
 * marker's first instruction for the target). Without the plugin the magic call fails with ENOSYS
 * and the program says so and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAGIC_SYSCALL 4096
#define SETPC 0
#define SETTARGET 1

static void clean_exit(void)
{
    puts("clean exit via the syscall filter");
    fflush(stdout);
    exit(0);
}

__attribute__((noinline)) static int marker(void)
{
    puts("marker ran: setpc did not redirect it");
    return 1;
}

__attribute__((noinline)) static int clean_return(void)
{
    puts("clean return instead of the marker");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "target") == 0) {
        long r = syscall(MAGIC_SYSCALL, SETTARGET, (long)marker, (long)clean_return, 0L);
        if (r != 0) {
            puts("magic syscall failed: no plugin");
            return 1;
        }
        return marker();
    }
    syscall(MAGIC_SYSCALL, SETPC, (long)clean_exit);
    puts("magic syscall returned: no plugin");
    return 1;
}
