/* A load through a NULL pointer: SIGSEGV (status 139). The pointer comes from a volatile so
 * that the compiler must emit a real load rather than a trap instruction. */
#include <stdio.h>

static int *volatile nowhere;

int main(void) {
    printf("dereferencing NULL\n");
    fflush(stdout);
    return *nowhere;
}
