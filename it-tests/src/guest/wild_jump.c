/* Jumps to addresses where no code can be: a non-canonical one (bits above the 48-bit user space
 * set, the mutated-program case of issue 7), the top of the address space, and unmapped but
 * canonical ones. Linux delivers SIGSEGV (SEGV_MAPERR) with si_addr the target, which the handler
 * prints; with argument "die" the first jump kills the process (status 139). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf back;

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void) context;
    printf("signal %d code %d addr %#lx\n", sig, info->si_code, (unsigned long) info->si_addr);
    fflush(stdout);
    siglongjmp(back, 1);
}

static void jump_to(unsigned long target) {
    printf("jumping to %#lx\n", target);
    fflush(stdout);
    if (sigsetjmp(back, 1) == 0) {
        __asm__ volatile("jr %0" : : "r"(target));
        printf("still here\n");
    }
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "die") == 0) {
        jump_to(0x892ae05afc06e456UL);
        return 0;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    jump_to(0x892ae05afc06e456UL);
    jump_to(0xfffffffffffff000UL);
    jump_to(0x0000003000000000UL);
    jump_to(0x800UL);
    printf("done\n");
    return 0;
}
