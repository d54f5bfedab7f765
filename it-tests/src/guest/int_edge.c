/* Integer edge cases as a C compiler emits them: division by zero and overflow (through
 * volatile operands so the compiler must use div/rem), 32-bit "W" operations, shifts,
 * wide multiplies, bit tricks. Prints every result; the differential test compares. */
#include <stdint.h>
#include <stdio.h>
#include <limits.h>

static volatile int64_t v64[] = {0, 1, -1, 2, -2, 7, -7, INT64_MAX, INT64_MIN, 0x123456789abcdefLL};
static volatile int32_t v32[] = {0, 1, -1, 3, -3, INT32_MAX, INT32_MIN, 0x12345678};
#define N64 (sizeof v64 / sizeof v64[0])
#define N32 (sizeof v32 / sizeof v32[0])

static int64_t sdiv64(int64_t a, int64_t b) { int64_t r; __asm__("div %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t srem64(int64_t a, int64_t b) { int64_t r; __asm__("rem %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int32_t sdiv32(int32_t a, int32_t b) { int64_t r; __asm__("divw %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return (int32_t)r; }

int main(void) {
    /* Division including by zero and INT_MIN / -1 (guest semantics, not C's). */
    for (unsigned i = 0; i < N64; i++)
        for (unsigned j = 0; j < N64; j++) {
            int64_t a = v64[i], b = v64[j];
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            printf("64 %lld %lld: div %lld rem %lld divu %llu remu %llu mul %lld mulh %lld mulhu %llu\n",
                   (long long)a, (long long)b, (long long)sdiv64(a, b), (long long)srem64(a, b),
                   (unsigned long long)(ub ? ua / ub : UINT64_MAX), (unsigned long long)(ub ? ua % ub : ua),
                   (long long)(int64_t)(ua * ub), (long long)(int64_t)(((__int128)a * b) >> 64),
                   (unsigned long long)(((unsigned __int128)ua * ub) >> 64));
        }
    for (unsigned i = 0; i < N32; i++)
        for (unsigned j = 0; j < N32; j++) {
            int32_t a = v32[i], b = v32[j];
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            printf("32 %d %d: divw %d add %d sub %d mul %d divuw %u remuw %u sll %d srl %u sra %d\n",
                   a, b, sdiv32(a, b), (int32_t)(ua + ub), (int32_t)(ua - ub), (int32_t)(ua * ub),
                   ub ? ua / ub : UINT32_MAX, ub ? ua % ub : ua,
                   (int32_t)(ua << (ub & 31)), ua >> (ub & 31), a >> (ub & 31));
        }
    /* 64-bit shifts by every amount */
    uint64_t acc = 0;
    for (int s = 0; s < 64; s++) {
        volatile uint64_t x = 0x8123456789abcdefULL;
        acc = acc * 31 + (x << s) + (x >> s) + (uint64_t)((int64_t)x >> s);
        printf("shift %2d: %016llx %016llx %016llx\n", s, (unsigned long long)(x << s),
               (unsigned long long)(x >> s), (unsigned long long)((int64_t)x >> s));
    }
    printf("shift acc %016llx\n", (unsigned long long)acc);
    /* Sign and zero extensions, truncations */
    for (unsigned i = 0; i < N64; i++) {
        int64_t x = v64[i];
        printf("ext %lld: s8 %d u8 %u s16 %d u16 %u s32 %d u32 %u\n", (long long)x, (int8_t)x, (uint8_t)x,
               (int16_t)x, (uint16_t)x, (int32_t)x, (uint32_t)x);
    }
    /* Bit tricks the compiler lowers to several instructions */
    for (unsigned i = 0; i < N64; i++) {
        uint64_t x = (uint64_t)v64[i];
        printf("bits %016llx: clz %d ctz %d pop %d bswap %016llx\n", (unsigned long long)x,
               x ? __builtin_clzll(x) : 64, x ? __builtin_ctzll(x) : 64, __builtin_popcountll(x),
               (unsigned long long)__builtin_bswap64(x));
    }
    /* Overflow checks */
    for (unsigned i = 0; i < N64; i++) {
        int64_t r;
        int o1 = __builtin_add_overflow(v64[i], INT64_MAX, &r);
        int o2 = __builtin_mul_overflow(v64[i], (int64_t)3, &r);
        printf("ovf %lld: add %d mul %d\n", (long long)v64[i], o1, o2);
    }
    return 0;
}
