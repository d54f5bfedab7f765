/* exit(3) after buffered output and an atexit handler: the handler runs, stdio is flushed,
 * and the status reaches the parent. */
#include <stdio.h>
#include <stdlib.h>

static void goodbye(void) { printf("atexit handler ran\n"); }

int main(void) {
    atexit(goodbye);
    printf("buffered line before exit");
    fprintf(stderr, "to stderr\n");
    printf("\n");
    exit(3);
}
