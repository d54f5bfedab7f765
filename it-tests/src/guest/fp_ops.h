/* Inline-assembly harness for the F and D instruction tests: operands go in as raw bit
 * patterns (ft0, ft1, ft2 or t0), the flags are cleared, one instruction runs, and the
 * result bits (from ft3 or t1) and the accrued flags come back. Keeping the whole sequence
 * in one asm statement stops the compiler from moving FP work around the flag accesses. */
#ifndef FP_OPS_H
#define FP_OPS_H
#include <stdint.h>

enum { NX = 0x01, UF = 0x02, OF = 0x04, DZ = 0x08, NV = 0x10 };

static uint64_t res, flg;

/* single-precision operands, single result */
#define S_FFF(text, a, b, c) __asm__ volatile( \
    "fmv.w.x ft0, %2\n fmv.w.x ft1, %3\n fmv.w.x ft2, %4\n fsflags x0\n" text "\n fmv.x.w %0, ft3\n frflags %1" \
    : "=&r"(res), "=&r"(flg) : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(c)) : "ft0", "ft1", "ft2", "ft3")
/* single-precision operands, integer result in t1 */
#define S_FFX(text, a, b) __asm__ volatile( \
    "fmv.w.x ft0, %2\n fmv.w.x ft1, %3\n fsflags x0\n" text "\n mv %0, t1\n frflags %1" \
    : "=&r"(res), "=&r"(flg) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "t1")
/* integer operand in t0, single result in ft3 */
#define S_XF(text, x) __asm__ volatile( \
    "mv t0, %2\n fsflags x0\n" text "\n fmv.x.w %0, ft3\n frflags %1" \
    : "=&r"(res), "=&r"(flg) : "r"((uint64_t)(x)) : "t0", "ft3")

#define D_FFF(text, a, b, c) __asm__ volatile( \
    "fmv.d.x ft0, %2\n fmv.d.x ft1, %3\n fmv.d.x ft2, %4\n fsflags x0\n" text "\n fmv.x.d %0, ft3\n frflags %1" \
    : "=&r"(res), "=&r"(flg) : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(c)) : "ft0", "ft1", "ft2", "ft3")
#define D_FFX(text, a, b) __asm__ volatile( \
    "fmv.d.x ft0, %2\n fmv.d.x ft1, %3\n fsflags x0\n" text "\n mv %0, t1\n frflags %1" \
    : "=&r"(res), "=&r"(flg) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "t1")
#define D_XF(text, x) __asm__ volatile( \
    "mv t0, %2\n fsflags x0\n" text "\n fmv.x.d %0, ft3\n frflags %1" \
    : "=&r"(res), "=&r"(flg) : "r"((uint64_t)(x)) : "t0", "ft3")

#endif
