/* Compression: an LZ77 coder with a hash-chained match finder over a 32 KiB window (the search
 * deflate does, without the Huffman stage), then the decoder, checked against the input.
 * The input is generated text: words drawn from a small vocabulary, with numbers. Prints the
 * compressed size and a checksum of the compressed stream. Optional argv[1] scales the input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WINDOW = 32768, MIN_MATCH = 3, MAX_MATCH = 258, HASH_BITS = 15, MAX_CHAIN = 64 };

static uint32_t seed = 12345;
static uint32_t next_random(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }

static size_t generate(uint8_t *buf, size_t size) {
    static const char *words[] = {"emulator", "block", "translation", "guest", "host", "plugin",
        "instruction", "register", "memory", "the", "a", "of", "and", "to", "in", "cache", "jump",
        "branch", "load", "store", "vector", "scalar", "thread", "signal"};
    size_t n = 0;
    while (n + 32 < size) {
        uint32_t r = next_random();
        if (r % 7 == 0) n += (size_t)sprintf((char *)buf + n, "%u ", r % 10000);
        else {
            const char *w = words[r % (sizeof words / sizeof *words)];
            size_t len = strlen(w);
            memcpy(buf + n, w, len);
            n += len;
            buf[n++] = r % 13 == 0 ? '\n' : ' ';
        }
    }
    return n;
}

static int32_t head[1 << HASH_BITS];
static int32_t prev[WINDOW];

static uint32_t hash3(const uint8_t *p) { return ((p[0] << 10) ^ (p[1] << 5) ^ p[2]) & ((1 << HASH_BITS) - 1); }

/* Output: a flag byte per 8 items; a literal is one byte, a match is length-3 (1 byte) and
 * distance (2 bytes). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
    memset(head, -1, sizeof head);
    size_t o = 0, flag_at = 0;
    int bit = 8;
    for (size_t i = 0; i < n;) {
        if (bit == 8) { flag_at = o++; out[flag_at] = 0; bit = 0; }
        size_t best_len = 0, best_dist = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t h = hash3(in + i);
            int32_t cand = head[h];
            size_t limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
            for (int chain = 0; cand >= 0 && i - (size_t)cand < WINDOW && chain < MAX_CHAIN; chain++) {
                size_t len = 0;
                while (len < limit && in[cand + len] == in[i + len]) len++;
                if (len > best_len) { best_len = len; best_dist = i - (size_t)cand; if (len == limit) break; }
                cand = prev[cand % WINDOW];
            }
        }
        size_t step = best_len >= MIN_MATCH ? best_len : 1;
        for (size_t k = 0; k < step && i + k + MIN_MATCH <= n; k++) {
            uint32_t h = hash3(in + i + k);
            prev[(i + k) % WINDOW] = head[h];
            head[h] = (int32_t)(i + k);
        }
        if (best_len >= MIN_MATCH) {
            out[flag_at] |= (uint8_t)(1 << bit);
            out[o++] = (uint8_t)(best_len - MIN_MATCH);
            out[o++] = (uint8_t)(best_dist & 0xff);
            out[o++] = (uint8_t)(best_dist >> 8);
        } else {
            out[o++] = in[i];
        }
        i += step;
        bit++;
    }
    return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint8_t flags = in[i++];
        for (int bit = 0; bit < 8 && i < n; bit++) {
            if (flags & (1 << bit)) {
                size_t len = (size_t)in[i] + MIN_MATCH, dist = in[i + 1] | (size_t)in[i + 2] << 8;
                i += 3;
                for (size_t k = 0; k < len; k++, o++) out[o] = out[o - dist];
            } else {
                out[o++] = in[i++];
            }
        }
    }
    return o;
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    int rounds = 12 * scale;
    size_t size = (size_t)1 << 20;
    uint8_t *text = malloc(size), *packed = malloc(size + size / 8 + 16), *unpacked = malloc(size + MAX_MATCH);
    size_t n = generate(text, size);
    uint64_t sum = 0, total = 0;
    for (int round = 0; round < rounds; round++) {
        text[round * 997 % n] ^= (uint8_t)round;  /* each round compresses slightly different text */
        size_t packed_size = compress(text, n, packed);
        size_t unpacked_size = decompress(packed, packed_size, unpacked);
        if (unpacked_size != n || memcmp(text, unpacked, n) != 0) { puts("lz77: round trip differs"); return 1; }
        for (size_t i = 0; i < packed_size; i++) sum = (sum ^ packed[i]) * 0x100000001b3ull;
        total += packed_size;
    }
    printf("lz77: %zu bytes in, %llu out over %d rounds, checksum %016llx\n", n, (unsigned long long)total, rounds,
           (unsigned long long)sum);
    return 0;
}
