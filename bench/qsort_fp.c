/* qsort with function pointers: an array of records is sorted again and again by the C
 * library's qsort, each time with a different comparator (an integer key, a string, a double,
 * and a composite one), and each result is checked for order. Prints a checksum of the orders.
 * Optional argv[1] scales the number of sorts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record { int32_t id; int32_t group; double weight; char name[12]; };

static int by_id(const void *a, const void *b) {
    const struct record *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}
static int by_name(const void *a, const void *b) {
    const struct record *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : by_id(a, b);
}
static int by_weight(const void *a, const void *b) {
    const struct record *x = a, *y = b;
    if (x->weight < y->weight) return -1;
    if (x->weight > y->weight) return 1;
    return by_id(a, b);
}
static int by_group_then_weight_desc(const void *a, const void *b) {
    const struct record *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    return -by_weight(a, b);
}

typedef int (*comparator)(const void *, const void *);

static uint32_t seed = 99;
static uint32_t next_random(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    enum { COUNT = 20000 };
    static struct record records[COUNT];
    for (int i = 0; i < COUNT; i++) {
        uint32_t r = next_random();
        records[i].id = (int32_t)(r % 1000000);
        records[i].group = (int32_t)(r >> 20) % 17;
        records[i].weight = (double)(next_random() % 100000) / 7.0;
        for (int k = 0; k < 8; k++) records[i].name[k] = (char)('a' + next_random() % 6);
        records[i].name[8] = 0;
    }
    static const comparator comparators[] = {by_id, by_name, by_weight, by_group_then_weight_desc};
    uint64_t sum = 0;
    int sorts = 96 * scale;
    for (int s = 0; s < sorts; s++) {
        comparator cmp = comparators[s % 4];
        qsort(records, COUNT, sizeof *records, cmp);
        for (int i = 1; i < COUNT; i++) {
            if (cmp(&records[i - 1], &records[i]) > 0) { printf("qsort_fp: sort %d out of order at %d\n", s, i); return 1; }
        }
        for (int i = 0; i < COUNT; i += 97) sum = sum * 1099511628211ull + (uint64_t)records[i].id;
        records[s * 31 % COUNT].id ^= s;  /* disturb the order a little */
    }
    printf("qsort_fp: %d sorts of %d records, checksum %016llx\n", sorts, COUNT, (unsigned long long)sum);
    return 0;
}
