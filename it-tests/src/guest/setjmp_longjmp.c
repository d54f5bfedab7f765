/* setjmp/longjmp across frames, nested and repeated, with values preserved in volatile
 * locals and callee-saved registers. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int depth_reached;

static void dive(int depth, int target) {
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth;
    if (depth == target) longjmp(outer, depth * 10 + pad[depth % 64] % 3);
    if (depth > 100) return;
    dive(depth + 1, target);
}

static int nested(int n) {
    volatile int rounds = 0;
    int r = setjmp(inner);
    rounds++;
    if (r < n) longjmp(inner, r + 1);
    return rounds;
}

int main(void) {
    for (int target = 0; target < 5; target++) {
        volatile int before = target * 7;
        int v = setjmp(outer);
        if (v == 0) {
            dive(0, target * 3);
            printf("unreachable\n");
        } else {
            printf("target %d: longjmp value %d depth %d local %d\n", target, v, depth_reached, before);
        }
    }
    printf("nested rounds %d\n", nested(6));
    /* longjmp with 0 delivers 1 */
    volatile int zero_seen = 0;
    int v = setjmp(outer);
    if (v == 0) longjmp(outer, 0);
    zero_seen = v;
    printf("longjmp(0) yields %d\n", zero_seen);
    sigjmp_buf sj;
    if (sigsetjmp(sj, 1) == 0) siglongjmp(sj, 42);
    printf("siglongjmp ok\n");
    return 0;
}
