/* String search: a generated text of words is searched for a set of patterns three ways, by a
 * naive scan, by Boyer-Moore-Horspool and by the C library's strstr, and the three counts must
 * agree. Prints the match counts and a checksum of the match positions. Optional argv[1] scales
 * the number of passes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 2024;
static uint32_t next_random(void) { seed = seed * 1664525u + 1013904223u; return seed >> 9; }

static size_t naive(const char *text, size_t n, const char *pat, size_t m, uint64_t *sum) {
    size_t count = 0;
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && text[i + k] == pat[k]) k++;
        if (k == m) { count++; *sum = *sum * 31 + i; }
    }
    return count;
}

static size_t horspool(const char *text, size_t n, const char *pat, size_t m, uint64_t *sum) {
    size_t shift[256];
    for (int c = 0; c < 256; c++) shift[c] = m;
    for (size_t k = 0; k + 1 < m; k++) shift[(unsigned char)pat[k]] = m - 1 - k;
    size_t count = 0;
    for (size_t i = 0; i + m <= n;) {
        size_t k = m;
        while (k > 0 && text[i + k - 1] == pat[k - 1]) k--;
        if (k == 0) { count++; *sum = *sum * 31 + i; }
        i += shift[(unsigned char)text[i + m - 1]];
    }
    return count;
}

static size_t libc(const char *text, const char *pat, uint64_t *sum) {
    size_t count = 0;
    for (const char *p = text; (p = strstr(p, pat)) != NULL; p++) { count++; *sum = *sum * 31 + (size_t)(p - text); }
    return count;
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    static const char *syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "an", "or", "el"};
    enum { SIZE = 1 << 18 };
    char *text = malloc(SIZE + 1);
    size_t n = 0;
    while (n + 8 < SIZE) {
        int parts = 1 + next_random() % 4;
        for (int i = 0; i < parts; i++) { memcpy(text + n, syllables[next_random() % 12], 2); n += 2; }
        text[n++] = next_random() % 9 == 0 ? '\n' : ' ';
    }
    text[n] = 0;
    static const char *patterns[] = {"kalo", "ka lo", "vize", "toto", "an or el", "rusa\nze", "e", "sa\nka", "lololo"};
    enum { PATTERNS = sizeof patterns / sizeof *patterns };
    size_t counts[PATTERNS] = {0};
    uint64_t sums[3] = {0};
    for (int pass = 0; pass < 56 * scale; pass++) {
        for (int p = 0; p < PATTERNS; p++) {
            size_t m = strlen(patterns[p]);
            size_t a = naive(text, n, patterns[p], m, &sums[0]);
            size_t b = horspool(text, n, patterns[p], m, &sums[1]);
            size_t c = libc(text, patterns[p], &sums[2]);
            if (a != b || a != c) { printf("strsearch: counts differ for \"%s\": %zu %zu %zu\n", patterns[p], a, b, c); return 1; }
            counts[p] += a;
        }
        text[(size_t)pass * 7919 % n] = 'o';  /* the next pass sees a slightly different text */
    }
    if (sums[0] != sums[1] || sums[0] != sums[2]) { puts("strsearch: positions differ"); return 1; }
    printf("strsearch: %zu bytes;", n);
    for (int p = 0; p < PATTERNS; p++) printf(" %zu", counts[p]);
    printf("; positions %016llx\n", (unsigned long long)sums[0]);
    return 0;
}
