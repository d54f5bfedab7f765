/* RV64A atomics on edge operands.
 * Expected values: RISC-V Unprivileged ISA, chapter "A Standard Extension for Atomic
 * Instructions": AMOs return the original memory value (sign-extended for .W) and store
 * op(original, rs2); SC writes 0 on success and a non-zero code on failure, and "regardless
 * of success or failure, executing an SC instruction invalidates any reservation held by
 * this hart". */
#include "isa_check.h"

static volatile uint64_t dword;
static volatile uint32_t word[2];

#define AMO(insn, addr, val) ({ uint64_t r_; __asm__ volatile(insn " %0, %2, (%1)" : "=r"(r_) : "r"(addr), "r"((uint64_t)(val)) : "memory"); r_; })

static void amo_word(void) {
    word[0] = 0x80000000u;
    check("amoswap.w returns the sign-extended old value", AMO("amoswap.w", &word[0], 5), 0xffffffff80000000ull);
    check("amoswap.w stores rs2", word[0], 5);
    word[0] = 0x7fffffff;
    check("amoadd.w returns old", AMO("amoadd.w", &word[0], 1), 0x7fffffff);
    check("amoadd.w wraps at 32 bits", word[0], 0x80000000u);
    check("amoadd.w leaves the neighbour word alone", word[1], 0);
    word[0] = 0xffffffffu;
    AMO("amomin.w", &word[0], 1);
    check("amomin.w is signed", word[0], 0xffffffffu);
    AMO("amominu.w", &word[0], 1);
    check("amominu.w is unsigned", word[0], 1);
    word[0] = 0xffffffffu;
    AMO("amomax.w", &word[0], 1);
    check("amomax.w is signed", word[0], 1);
    AMO("amomaxu.w", &word[0], 0xfffffffeu);
    check("amomaxu.w is unsigned", word[0], 0xfffffffeu);
    word[0] = 0xf0f0f0f0u;
    AMO("amoand.w", &word[0], 0xff00ff00u);
    check("amoand.w", word[0], 0xf000f000u);
    AMO("amoor.w", &word[0], 0x0000000fu);
    check("amoor.w", word[0], 0xf000f00fu);
    AMO("amoxor.w", &word[0], 0xffffffffu);
    check("amoxor.w", word[0], 0x0fff0ff0u);
    /* rs2's upper 32 bits play no part in a .W operation. */
    word[0] = 1;
    AMO("amoadd.w", &word[0], 0xffffffff00000001ull);
    check("amoadd.w ignores upper rs2 bits", word[0], 2);
}

static void amo_doubleword(void) {
    dword = 0x7fffffffffffffffull;
    check("amoadd.d returns old", AMO("amoadd.d", &dword, 1), 0x7fffffffffffffffull);
    check("amoadd.d wraps", dword, 0x8000000000000000ull);
    AMO("amomin.d", &dword, 0);
    check("amomin.d signed keeps MIN", dword, 0x8000000000000000ull);
    AMO("amominu.d", &dword, 0);
    check("amominu.d unsigned picks 0", dword, 0);
    AMO("amomax.d", &dword, (uint64_t)-5);
    check("amomax.d signed keeps 0", dword, 0);
    AMO("amomaxu.d", &dword, (uint64_t)-5);
    check("amomaxu.d unsigned picks 2^64-5", dword, (uint64_t)-5);
    check("amoswap.d returns old", AMO("amoswap.d", &dword, 9), (uint64_t)-5);
    check("amoswap.d stores", dword, 9);
    /* amoswap with rd = x0 is a plain atomic store. */
    __asm__ volatile("amoswap.d x0, %1, (%0)" : : "r"(&dword), "r"(11ull) : "memory");
    check("amoswap.d x0 stores", dword, 11);
}

static void reservations(void) {
    uint64_t old, fail;
    word[0] = 0x80000001u;
    __asm__ volatile("lr.w %0, (%2)\n sc.w %1, %3, (%2)" : "=&r"(old), "=&r"(fail) : "r"(&word[0]), "r"(7ull) : "memory");
    check("lr.w sign-extends", old, 0xffffffff80000001ull);
    check("sc.w succeeds after lr.w", fail, 0);
    check("sc.w stored", word[0], 7);
    /* The first SC consumed the reservation, so a second SC must fail and not store. */
    __asm__ volatile("lr.w %0, (%2)\n sc.w x0, %3, (%2)\n sc.w %1, %4, (%2)"
                     : "=&r"(old), "=&r"(fail) : "r"(&word[0]), "r"(8ull), "r"(9ull) : "memory");
    check("second sc.w fails", fail != 0, 1);
    check("failed sc.w does not store", word[0], 8);
    dword = 0x123456789abcdef0ull;
    __asm__ volatile("lr.d %0, (%2)\n sc.d %1, %3, (%2)" : "=&r"(old), "=&r"(fail) : "r"(&dword), "r"(~0ull) : "memory");
    check("lr.d", old, 0x123456789abcdef0ull);
    check("sc.d succeeds", fail, 0);
    check("sc.d stored", dword, ~0ull);
    /* An LR/SC increment loop, as compilers emit for compare-and-swap. */
    dword = 40;
    uint64_t tmp;
    __asm__ volatile("1: lr.d.aq %0, (%1)\n addi %0, %0, 2\n sc.d.rl %0, %0, (%1)\n bnez %0, 1b"
                     : "=&r"(tmp) : "r"(&dword) : "memory");
    check("lr/sc retry loop", dword, 42);
}

int main(void) {
    amo_word();
    amo_doubleword();
    reservations();
    return finish("rv64a");
}
