/* Atomic operations as compilers emit them: __atomic builtins on 8/16/32/64-bit objects
 * (AMOs for words and doublewords, masked LR/SC loops for bytes and halfwords), compare-and-
 * swap loops, C11 stdatomic, and fences. Single-threaded: the values are deterministic. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

static uint8_t b8;
static uint16_t h16;
static uint32_t w32;
static uint64_t d64;
static _Atomic int64_t counter;

int main(void) {
    w32 = 0x7ffffffe;
    printf("fetch_add32 %u -> %u\n", __atomic_fetch_add(&w32, 3, __ATOMIC_SEQ_CST), w32);
    printf("fetch_sub32 %u -> %u\n", __atomic_fetch_sub(&w32, 0x80000002u, __ATOMIC_ACQ_REL), w32);
    printf("fetch_and32 %u -> %u\n", __atomic_fetch_and(&w32, 0xff00ff00u, __ATOMIC_RELAXED), w32);
    printf("fetch_or32 %u -> %u\n", __atomic_fetch_or(&w32, 0x0f0f0f0fu, __ATOMIC_RELEASE), w32);
    printf("fetch_xor32 %u -> %u\n", __atomic_fetch_xor(&w32, 0xffffffffu, __ATOMIC_ACQUIRE), w32);
    printf("exchange32 %u -> %u\n", __atomic_exchange_n(&w32, 0xdeadbeefu, __ATOMIC_SEQ_CST), w32);
    d64 = UINT64_MAX - 1;
    printf("add_fetch64 %llu\n", (unsigned long long)__atomic_add_fetch(&d64, 5, __ATOMIC_SEQ_CST));
    printf("nand_fetch64 %llx\n", (unsigned long long)__atomic_nand_fetch(&d64, 0xf0f0ull, __ATOMIC_SEQ_CST));
    uint64_t expected = 12345;
    int ok = __atomic_compare_exchange_n(&d64, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas64 fail %d expected now %llx\n", ok, (unsigned long long)expected);
    ok = __atomic_compare_exchange_n(&d64, &expected, 77, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas64 success %d value %llu\n", ok, (unsigned long long)d64);
    uint32_t e32 = 0xdeadbeefu;
    ok = __atomic_compare_exchange_n(&w32, &e32, 0x80000000u, 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    while (!ok) ok = __atomic_compare_exchange_n(&w32, &e32, 0x80000000u, 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    printf("cas32 weak %d value %x\n", ok, w32);
    /* sub-word atomics */
    b8 = 250;
    printf("fetch_add8 %u -> %u\n", __atomic_fetch_add(&b8, 10, __ATOMIC_SEQ_CST), b8);
    h16 = 0x8000;
    printf("fetch_or16 %u -> %u\n", __atomic_fetch_or(&h16, 0x00ff, __ATOMIC_SEQ_CST), h16);
    uint8_t e8 = 4;
    printf("cas8 %d -> %u\n", __atomic_compare_exchange_n(&b8, &e8, 99, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), b8);
    printf("test_and_set %d %d\n", __atomic_test_and_set(&b8, __ATOMIC_SEQ_CST) != 0, b8 != 0);
    /* C11 */
    atomic_store(&counter, -5);
    for (int i = 0; i < 1000; i++) atomic_fetch_add_explicit(&counter, i, memory_order_relaxed);
    int64_t old = atomic_exchange(&counter, 7);
    int64_t e = 7;
    atomic_compare_exchange_strong(&counter, &e, 8);
    atomic_thread_fence(memory_order_seq_cst);
    printf("c11 counter %lld then %lld lock-free %d\n", (long long)old, (long long)atomic_load(&counter),
           atomic_is_lock_free(&counter));
    /* a spin lock built on test-and-set */
    static volatile int lock;
    int acquired = 0;
    for (int i = 0; i < 100; i++) {
        while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE)) {}
        acquired++;
        __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
    }
    printf("lock acquired %d\n", acquired);
    return 0;
}
