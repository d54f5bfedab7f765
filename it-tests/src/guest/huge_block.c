/* A straight-line run of 600 instructions, longer than a translation block may be (512, as QEMU's
 * TCG_MAX_INSNS): its first block is as large as blocks get, and under per-instruction
 * instrumentation its code is too large for one JVM method. The function starts a page so that
 * only the instruction limit ends the block. Each call is checked against the same arithmetic
 * written as a C loop. */
#include <stdint.h>
#include <stdio.h>

#define ROUNDS 150 /* four instructions each */
#define CALLS 1000

__attribute__((noinline, aligned(4096))) static uint64_t dense(uint64_t a, uint64_t b) {
    __asm__ volatile(
        ".rept 150\n"
        "add %0, %0, %1\n"
        "xor %1, %1, %0\n"
        "slli %0, %0, 1\n"
        "addi %1, %1, 3\n"
        ".endr\n"
        : "+r"(a), "+r"(b));
    return a ^ b;
}

static uint64_t dense_in_c(uint64_t a, uint64_t b) {
    for (int i = 0; i < ROUNDS; i++) {
        a += b;
        b ^= a;
        a <<= 1;
        b += 3;
    }
    return a ^ b;
}

int main(void) {
    int wrong = 0;
    uint64_t checksum = 0;
    for (uint64_t i = 0; i < CALLS; i++) {
        uint64_t got = dense(i, i * 7 + 1);
        wrong += got != dense_in_c(i, i * 7 + 1);
        checksum += got;
    }
    printf("huge block: %d calls, %d disagree with C, checksum %016llx\n", CALLS, wrong,
           (unsigned long long) checksum);
    return wrong != 0;
}
