/* Deep recursion: Ackermann's function (calls nested thousands deep), a naive Fibonacci (many
 * shallow calls), a recursive walk down a 100,000-node list (one frame per node) and the
 * recursive Tower of Hanoi. Prints the results. Optional argv[1] scales the work. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t calls;

__attribute__((noinline)) static uint64_t ackermann(uint64_t m, uint64_t n) {
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

__attribute__((noinline)) static uint64_t fib(int n) { return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2); }

struct node { struct node *next; uint32_t value; };

/* Not a tail call: the sum is formed after the recursive call returns. */
__attribute__((noinline)) static uint64_t list_sum(const struct node *n, int depth) {
    if (n == NULL) return 0;
    uint64_t rest = list_sum(n->next, depth + 1);
    return rest * 3 + n->value + (uint64_t)depth;
}

__attribute__((noinline)) static uint64_t hanoi(int n, int from, int to, int via, uint64_t *moves) {
    if (n == 0) return 0;
    uint64_t a = hanoi(n - 1, from, via, to, moves);
    ++*moves;
    uint64_t b = hanoi(n - 1, via, to, from, moves);
    return a * 7 + b + (uint64_t)(from * 3 + to);
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    uint64_t ack = 0;
    for (int i = 0; i < 10 * scale; i++) ack += ackermann(2, 2000) + ackermann(3, 8);
    uint64_t f = fib(24 + (scale > 1 ? 1 : 0));
    enum { NODES = 100000 };
    struct node *nodes = malloc(NODES * sizeof *nodes);
    for (int i = 0; i < NODES; i++) { nodes[i].next = i + 1 < NODES ? &nodes[i + 1] : NULL; nodes[i].value = (uint32_t)i * 2654435761u; }
    uint64_t list = 0;
    for (int i = 0; i < 200 * scale; i++) { nodes[i].value++; list ^= list_sum(nodes, 0); }
    uint64_t moves = 0, h = hanoi(22, 1, 3, 2, &moves);
    printf("recursion: ackermann %llu (%llu calls), fib %llu, list %016llx, hanoi %llu moves %016llx\n",
           (unsigned long long)ack, (unsigned long long)calls, (unsigned long long)f, (unsigned long long)list,
           (unsigned long long)moves, (unsigned long long)h);
    return 0;
}
