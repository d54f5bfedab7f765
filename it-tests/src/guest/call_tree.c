/* A known call tree for the callgrind and timeline plugins: main calls top once, top calls middle
 * 5 times, each middle calls leaf twice (10 leaf calls). noipa keeps GCC from inlining, cloning or
 * turning the calls into tail calls' jumps. */
#include <stdio.h>

__attribute__((noipa)) static long leaf(long x) {
    long s = 0;
    for (long i = 0; i < 100 * x; i++) {
        s += i ^ x;
    }
    return s;
}

__attribute__((noipa)) static long middle(long x) {
    return leaf(x) + 3 * leaf(x + 1);
}

__attribute__((noipa)) static long top(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) {
        s += middle(i);
    }
    return s;
}

int main(void) {
    printf("call_tree %ld\n", top(5));
    return 0;
}
