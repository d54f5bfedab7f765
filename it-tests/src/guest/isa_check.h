/* Shared reporting for the hand-written instruction tests: one PASS/FAIL line per case,
 * and a non-zero exit status when any case failed. Expected values are written in each
 * test from the RISC-V unprivileged ISA specification (the section is cited beside them),
 * never taken from an emulator's output. */
#ifndef ISA_CHECK_H
#define ISA_CHECK_H
#include <stdint.h>
#include <stdio.h>

static int isa_failures;
static int isa_cases;

static void check(const char *name, uint64_t got, uint64_t want) {
    isa_cases++;
    if (got == want) {
        printf("PASS %s\n", name);
    } else {
        isa_failures++;
        printf("FAIL %s: got 0x%016llx want 0x%016llx\n", name,
               (unsigned long long)got, (unsigned long long)want);
    }
}

/* A floating-point case: the result bits and the accrued exception flags (fflags:
 * NV=0x10 DZ=0x08 OF=0x04 UF=0x02 NX=0x01) must both match. */
__attribute__((unused)) static void check_fp(const char *name, uint64_t got, uint64_t want, uint64_t got_flags, uint64_t want_flags) {
    isa_cases++;
    if (got == want && got_flags == want_flags) {
        printf("PASS %s\n", name);
    } else {
        isa_failures++;
        printf("FAIL %s: got 0x%016llx flags 0x%02llx want 0x%016llx flags 0x%02llx\n", name,
               (unsigned long long)got, (unsigned long long)got_flags,
               (unsigned long long)want, (unsigned long long)want_flags);
    }
}

static int finish(const char *suite) {
    printf("%s: %d cases, %d failures\n", suite, isa_cases, isa_failures);
    return isa_failures ? 1 : 0;
}

/* Register-register and register-immediate forms, so that each case is one line. */
#define RR(insn, a, b) ({ uint64_t r_; __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })
#define RI(insn, a, imm) ({ uint64_t r_; __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "i"(imm)); r_; })
#define R1(insn, a) ({ uint64_t r_; __asm__ volatile(insn " %0, %1" : "=r"(r_) : "r"((uint64_t)(a))); r_; })

#endif
