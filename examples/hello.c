/* The bundled example guest: prints a greeting, its arguments, and the GREETING environment
 * variable when it is set. Built as examples/hello (see README.md). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("Hello from riscv64!\n");
    for (int i = 0; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    const char *greeting = getenv("GREETING");
    if (greeting) printf("GREETING = %s\n", greeting);
    return 0;
}
