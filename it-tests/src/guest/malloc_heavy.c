/* Allocation-heavy work: many small and some large blocks (the large ones go through mmap
 * in glibc), realloc growth, frees in a scrambled order, and a hash table of strings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; char *key; uint64_t value; };

static uint64_t mix(uint64_t x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33; return x; }

int main(void) {
    enum { N = 20000, BUCKETS = 1024 };
    struct node *buckets[BUCKETS] = {0};
    char buf[32];
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "key-%d", (int)(mix(i) % 50000));
        unsigned h = (unsigned)(mix(strlen(buf) * 131 + (unsigned char)buf[4] * 7 + (unsigned char)buf[strlen(buf) - 1]) % BUCKETS);
        struct node *n;
        for (n = buckets[h]; n; n = n->next)
            if (!strcmp(n->key, buf)) break;
        if (n) { n->value++; continue; }
        n = malloc(sizeof *n);
        n->key = strdup(buf);
        n->value = 1;
        n->next = buckets[h];
        buckets[h] = n;
    }
    uint64_t distinct = 0, total = 0, longest = 0;
    for (int b = 0; b < BUCKETS; b++) {
        uint64_t len = 0;
        for (struct node *n = buckets[b]; n; n = n->next) { distinct++; total += n->value; len++; }
        if (len > longest) longest = len;
    }
    printf("hash: distinct %llu total %llu longest chain %llu\n", (unsigned long long)distinct,
           (unsigned long long)total, (unsigned long long)longest);
    for (int b = 0; b < BUCKETS; b++)
        while (buckets[b]) { struct node *n = buckets[b]; buckets[b] = n->next; free(n->key); free(n); }

    /* realloc growth of one buffer, checksum its contents */
    size_t cap = 1, len = 0;
    uint8_t *v = malloc(cap);
    for (int i = 0; i < 300000; i++) {
        if (len == cap) { cap = cap * 3 / 2 + 1; v = realloc(v, cap); }
        v[len++] = (uint8_t)mix(i);
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < len; i++) sum = sum * 33 + v[i];
    printf("realloc: len %zu sum %016llx\n", len, (unsigned long long)sum);
    free(v);

    /* large blocks (mmap threshold), calloc zeroing, scrambled frees */
    enum { BIG = 64 };
    void *blocks[BIG];
    for (int i = 0; i < BIG; i++) {
        size_t sz = (i % 4 == 0) ? (size_t)(256 * 1024 + i * 4096) : (size_t)(16 + i * 40);
        blocks[i] = calloc(1, sz);
        uint8_t *p = blocks[i];
        int zero = 1;
        for (size_t k = 0; k < sz; k += 97) zero &= p[k] == 0;
        memset(p, i, sz);
        if (!zero) printf("calloc %d not zeroed\n", i);
    }
    uint64_t check = 0;
    for (int i = 0; i < BIG; i++) check += ((uint8_t *)blocks[i])[0];
    for (int i = 0; i < BIG; i++) free(blocks[(i * 37) % BIG]);
    printf("blocks: check %llu\n", (unsigned long long)check);
    return 0;
}
