/* An illegal instruction: SIGILL (status 132). With no argument the all-zero word (defined
 * illegal by the ISA: "the all-zero 16-bit pattern is permanently reserved as illegal"); with
 * the argument "csr", a read of the machine-mode CSR mstatus from user mode. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("executing an illegal instruction\n");
    fflush(stdout);
    if (argc > 1 && !strcmp(argv[1], "csr")) {
        unsigned long v;
        __asm__ volatile("csrr %0, mstatus" : "=r"(v));
        printf("read mstatus %lx\n", v);
    } else {
        __asm__ volatile(".word 0");
    }
    printf("survived\n");
    return 0;
}
