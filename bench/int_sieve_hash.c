/* Integer benchmark: a sieve of Eratosthenes, repeated, and 64-bit hashing (FNV-1a and a
 * multiply-xorshift mixer) over a generated buffer. Prints a checksum. Optional argv[1]
 * scales the work. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t sieve(uint8_t *composite, uint32_t n) {
    memset(composite, 0, n + 1);
    uint64_t count = 0, sum = 0;
    for (uint32_t i = 2; i <= n; i++) {
        if (composite[i]) continue;
        count++;
        sum += i;
        for (uint64_t j = (uint64_t)i * i; j <= n; j += i) composite[j] = 1;
    }
    return count * 1000003u + sum;
}

static uint64_t fnv1a(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001b3ull; }
    return h;
}

static uint64_t mix_words(const uint64_t *w, size_t n, uint64_t seed) {
    uint64_t h = seed;
    for (size_t i = 0; i < n; i++) {
        uint64_t x = w[i] + h;
        x ^= x >> 31; x *= 0x7fb5d329728ea185ull;
        x ^= x >> 27; x *= 0x81dadef4bc2dd44dull;
        h = (h << 5 | h >> 59) ^ (x >> 33);
    }
    return h;
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    enum { N = 2000000, BUF = 1 << 16 };
    uint8_t *composite = malloc(N + 1);
    uint64_t *words = malloc(BUF * sizeof *words);
    uint64_t check = 0;
    for (int r = 0; r < 120 * scale; r++) check ^= sieve(composite, N - r * 1000) + (uint64_t)r;
    uint64_t state = 88172645463325252ull;
    for (int i = 0; i < BUF; i++) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; words[i] = state; }
    for (int r = 0; r < 1200 * scale; r++) {
        check += fnv1a((const uint8_t *)words, BUF * sizeof *words / 4);
        check = mix_words(words, BUF, check);
    }
    printf("int_sieve_hash checksum %016llx\n", (unsigned long long)check);
    free(composite);
    free(words);
    return 0;
}
