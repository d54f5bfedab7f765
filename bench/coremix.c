/* A CoreMark-like mix written for tcg4j (not CoreMark itself): linked-list find/sort/reverse,
 * small integer matrix operations, a state machine that classifies number-like tokens, and
 * CRC-16 over all intermediate results. Prints the final CRC. Optional argv[1] scales the work. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint16_t crc16_byte(uint8_t data, uint16_t crc) {
    for (int i = 0; i < 8; i++) {
        uint8_t x = (uint8_t)((data & 1) ^ (crc & 1));
        data >>= 1;
        crc >>= 1;
        if (x) crc ^= 0xa001;
    }
    return crc;
}
static uint16_t crc16_u32(uint32_t v, uint16_t crc) {
    for (int i = 0; i < 4; i++) crc = crc16_byte((uint8_t)(v >> (8 * i)), crc);
    return crc;
}

/* --- list processing --- */
struct item { struct item *next; int16_t key; int16_t data; };
enum { LIST = 200 };
static struct item pool[LIST];

static struct item *list_build(uint32_t seed) {
    for (int i = 0; i < LIST; i++) {
        seed = seed * 1103515245u + 12345u;
        pool[i].key = (int16_t)(seed >> 16);
        pool[i].data = (int16_t)i;
        pool[i].next = i + 1 < LIST ? &pool[i + 1] : NULL;
    }
    return &pool[0];
}
static struct item *list_reverse(struct item *h) {
    struct item *prev = NULL;
    while (h) { struct item *n = h->next; h->next = prev; prev = h; h = n; }
    return prev;
}
static struct item *list_find(struct item *h, int16_t key) {
    while (h && h->key != key) h = h->next;
    return h;
}
/* merge sort on a singly linked list, by key or by data */
static struct item *list_sort(struct item *h, int by_data) {
    for (int width = 1;; width *= 2) {
        struct item *p = h, *tail = NULL;
        h = NULL;
        int merges = 0;
        while (p) {
            merges++;
            struct item *q = p;
            int psize = 0;
            for (int i = 0; i < width && q; i++) { psize++; q = q->next; }
            int qsize = width;
            while (psize > 0 || (qsize > 0 && q)) {
                struct item *e;
                if (psize == 0) { e = q; q = q->next; qsize--; }
                else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
                else if ((by_data ? p->data - q->data : p->key - q->key) <= 0) { e = p; p = p->next; psize--; }
                else { e = q; q = q->next; qsize--; }
                if (tail) tail->next = e; else h = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1) return h;
    }
}
static uint16_t bench_list(uint32_t seed, uint16_t crc) {
    struct item *h = list_build(seed);
    for (int i = 0; i < 40; i++) {
        struct item *f = list_find(h, (int16_t)(pool[(i * 37) % LIST].key));
        crc = crc16_u32((uint32_t)(f ? f->data : -1), crc);
        h = list_reverse(h);
    }
    h = list_sort(h, 0);
    crc = crc16_u32((uint32_t)h->key, crc);
    h = list_sort(h, 1);
    for (struct item *p = h; p; p = p->next) crc = crc16_byte((uint8_t)p->key, crc);
    return crc;
}

/* --- matrix --- */
enum { N = 24 };
static int16_t ma[N][N], mb[N][N];
static int32_t mc[N][N];
static uint16_t bench_matrix(int16_t val, uint16_t crc) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { ma[i][j] = (int16_t)((i * j + val) & 0xff); mb[i][j] = (int16_t)((i - j) * val); }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) ma[i][j] = (int16_t)(ma[i][j] + val);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t s = 0;
            for (int k = 0; k < N; k++) s += ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
    int32_t acc = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t x = (mc[i][j] >> 2) & 0x3fff;
            acc += x > 1000 ? x : -x;
            mc[i][j] = (mc[i][j] * val) >> 3;
        }
    crc = crc16_u32((uint32_t)acc, crc);
    for (int i = 0; i < N; i++) crc = crc16_u32((uint32_t)mc[i][(i * 7) % N], crc);
    return crc;
}

/* --- state machine: classify comma-separated tokens --- */
enum state { START, INT, FLOAT, EXP_SIGN, EXP, SCI, INVALID, NSTATES };
static const char *tokens = "5012,1.2,-874,+122,1.2e-3,1e+5,invalid,7.,.5,0x1f,12345,-3.14e2,--1,1e,e5,42,";
static uint16_t bench_state(int rounds, uint16_t crc) {
    unsigned counts[NSTATES] = {0};
    unsigned transitions = 0;
    for (int r = 0; r < rounds; r++) {
        enum state s = START;
        for (const char *p = tokens; *p; p++) {
            char c = *p;
            if (c == ',') { counts[s]++; s = START; continue; }
            enum state old = s;
            switch (s) {
            case START:
                if (c >= '0' && c <= '9') s = INT;
                else if (c == '+' || c == '-') s = INT;
                else if (c == '.') s = FLOAT;
                else s = INVALID;
                break;
            case INT:
                if (c == '.') s = FLOAT;
                else if (c == 'e' || c == 'E') s = EXP_SIGN;
                else if (c < '0' || c > '9') s = INVALID;
                break;
            case FLOAT:
                if (c == 'e' || c == 'E') s = EXP_SIGN;
                else if (c < '0' || c > '9') s = INVALID;
                break;
            case EXP_SIGN:
                if (c == '+' || c == '-') s = EXP;
                else if (c >= '0' && c <= '9') s = SCI;
                else s = INVALID;
                break;
            case EXP:
                s = (c >= '0' && c <= '9') ? SCI : INVALID;
                break;
            case SCI:
                if (c < '0' || c > '9') s = INVALID;
                break;
            default:
                break;
            }
            transitions += s != old;
        }
    }
    for (int i = 0; i < NSTATES; i++) crc = crc16_u32(counts[i], crc);
    return crc16_u32(transitions, crc);
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    uint16_t crc = 0;
    for (int it = 0; it < 15000 * scale; it++) {
        crc = bench_list((uint32_t)it * 2654435761u, crc);
        crc = bench_matrix((int16_t)(it & 0x7f), crc);
        crc = bench_state(4, crc);
    }
    printf("coremix crc %04x\n", crc);
    return 0;
}
