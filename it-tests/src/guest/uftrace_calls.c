/* Known calls for the uftrace plugin: main calls outer twice; outer calls leaf and middle; middle
 * calls leaf; a longjmp abandons deep frames. The expected nesting follows from the source. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf escape;
volatile int sink;

__attribute__((noinline)) void leaf(int x) { sink += x; }

__attribute__((noinline)) void middle(int x) {
    leaf(x * 2);
    sink += 1;
}

__attribute__((noinline)) void outer(int x) {
    leaf(x);
    middle(x);
    sink += 1;
}

__attribute__((noinline)) void deep_jump(int n) {
    if (n == 0) {
        longjmp(escape, 1);
    }
    deep_jump(n - 1);
    sink += 1;
}

__attribute__((noinline)) void escaper(void) {
    if (setjmp(escape) == 0) {
        deep_jump(2);
    }
    leaf(7);
}

int main(void) {
    outer(1);
    outer(2);
    escaper();
    printf("sink %d\n", sink);
    return 0;
}
