/* Memory benchmark: build, walk, reverse and free linked lists scattered over the heap,
 * memcpy/memmove of large blocks, and sorting (qsort and a hand-written merge sort).
 * Prints a checksum. Optional argv[1] scales the work. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; uint64_t value; char pad[16]; };

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n) {
    if (n < 2) return;
    size_t h = n / 2;
    merge_sort(a, tmp, h);
    merge_sort(a + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < h) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    uint64_t check = 0;
    for (int round = 0; round < 25 * scale; round++) {
        struct node *head = NULL;
        for (int i = 0; i < 100000; i++) {
            struct node *n = malloc(sizeof *n);
            n->value = next_random();
            n->next = head;
            head = n;
        }
        struct node *prev = NULL;
        while (head) { struct node *nx = head->next; head->next = prev; prev = head; head = nx; }
        head = prev;
        for (struct node *n = head; n; n = n->next) check = check * 31 + (n->value >> 7);
        while (head) { struct node *nx = head->next; free(head); head = nx; }
    }
    enum { BLOCK = 1 << 20 };
    uint8_t *a = malloc(BLOCK), *b = malloc(BLOCK);
    for (int i = 0; i < BLOCK; i++) a[i] = (uint8_t)next_random();
    for (int r = 0; r < 200 * scale; r++) {
        memcpy(b, a, BLOCK);
        memmove(b + 1 + r % 32, b, BLOCK - 64);
        check += b[r * 997 % BLOCK] + b[BLOCK - 100];
    }
    enum { N = 200000 };
    uint32_t *v = malloc(N * sizeof *v), *w = malloc(N * sizeof *w), *tmp = malloc(N * sizeof *tmp);
    for (int r = 0; r < 10 * scale; r++) {
        for (int i = 0; i < N; i++) v[i] = w[i] = (uint32_t)next_random();
        qsort(v, N, sizeof *v, cmp_u32);
        merge_sort(w, tmp, N);
        for (int i = 0; i < N; i += 101) check = check * 7 + v[i] + (v[i] == w[i]);
    }
    printf("mem_list_sort checksum %016llx\n", (unsigned long long)check);
    return 0;
}
