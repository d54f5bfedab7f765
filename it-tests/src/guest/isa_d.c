/* RV64D double-precision instructions on edge operands, under every static rounding mode.
 * Expected values: RISC-V Unprivileged ISA, chapter "D Standard Extension for
 * Double-Precision Floating-Point" (canonical NaN 0x7ff8000000000000, FCVT.S.D rounds,
 * FCVT.D.S is exact, NaN boxing) together with the F chapter rules it inherits.
 * Flags: NV=0x10 DZ=0x08 OF=0x04 UF=0x02 NX=0x01. */
#include "isa_check.h"
#include "fp_ops.h"

#define D_ONE  0x3ff0000000000000ull
#define D_TWO  0x4000000000000000ull
#define D_INF  0x7ff0000000000000ull
#define D_NINF 0xfff0000000000000ull
#define D_QNAN 0x7ff8000000000000ull
#define D_SNAN 0x7ff0000000000001ull
#define D_MAX  0x7fefffffffffffffull
#define D_01   0x3fb999999999999aull /* the double nearest 0.1 */
#define D_02   0x3fc999999999999aull /* the double nearest 0.2 */

#define CD(name, want, wflags) check_fp(name, res, want, flg, wflags)

static void rounding_of_a_tie(void) {
    /* double(0.1) + double(0.2) = 10808639105689191 * 2^-55 exactly, which is halfway between
     * 0x3fd3333333333333 and 0x3fd3333333333334 (odd and even significands). */
    D_FFF("fadd.d ft3, ft0, ft1, rne", D_01, D_02, 0); CD("fadd.d 0.1+0.2 rne -> even", 0x3fd3333333333334ull, NX);
    D_FFF("fadd.d ft3, ft0, ft1, rmm", D_01, D_02, 0); CD("fadd.d 0.1+0.2 rmm", 0x3fd3333333333334ull, NX);
    D_FFF("fadd.d ft3, ft0, ft1, rup", D_01, D_02, 0); CD("fadd.d 0.1+0.2 rup", 0x3fd3333333333334ull, NX);
    D_FFF("fadd.d ft3, ft0, ft1, rdn", D_01, D_02, 0); CD("fadd.d 0.1+0.2 rdn", 0x3fd3333333333333ull, NX);
    D_FFF("fadd.d ft3, ft0, ft1, rtz", D_01, D_02, 0); CD("fadd.d 0.1+0.2 rtz", 0x3fd3333333333333ull, NX);
    /* sqrt(2) = 1.41421356237309504880...; 0x3ff6a09e667f3bcd = 1.41421356237309514547 lies
     * above it and 0x3ff6a09e667f3bcc = 1.41421356237309492343 below, and bcd is nearer. */
    D_FFF("fsqrt.d ft3, ft0, rne", D_TWO, 0, 0); CD("fsqrt.d 2 rne", 0x3ff6a09e667f3bcdull, NX);
    D_FFF("fsqrt.d ft3, ft0, rdn", D_TWO, 0, 0); CD("fsqrt.d 2 rdn", 0x3ff6a09e667f3bccull, NX);
    D_FFF("fsqrt.d ft3, ft0, rtz", D_TWO, 0, 0); CD("fsqrt.d 2 rtz", 0x3ff6a09e667f3bccull, NX);
    D_FFF("fsqrt.d ft3, ft0, rup", D_TWO, 0, 0); CD("fsqrt.d 2 rup", 0x3ff6a09e667f3bcdull, NX);
    /* 1/3 = 0x3fd5555555555555 rounded down (the next bit pattern 0101... is below half) */
    D_FFF("fdiv.d ft3, ft0, ft1, rne", D_ONE, 0x4008000000000000ull, 0); CD("fdiv.d 1/3 rne", 0x3fd5555555555555ull, NX);
    D_FFF("fdiv.d ft3, ft0, ft1, rup", D_ONE, 0x4008000000000000ull, 0); CD("fdiv.d 1/3 rup", 0x3fd5555555555556ull, NX);
}

static void special_values(void) {
    D_FFF("fdiv.d ft3, ft0, ft1", D_ONE, 0, 0); CD("fdiv.d 1/0 is +inf, DZ", D_INF, DZ);
    D_FFF("fdiv.d ft3, ft0, ft1", 0, 0, 0); CD("fdiv.d 0/0 is canonical NaN, NV", D_QNAN, NV);
    D_FFF("fsub.d ft3, ft0, ft1", D_INF, D_INF, 0); CD("fsub.d inf-inf, NV", D_QNAN, NV);
    D_FFF("fsqrt.d ft3, ft0", 0xbff0000000000000ull, 0, 0); CD("fsqrt.d -1, NV", D_QNAN, NV);
    D_FFF("fadd.d ft3, ft0, ft1", 0x7ff8000000abcdefull, D_ONE, 0); CD("fadd.d qNaN payload dropped", D_QNAN, 0);
    D_FFF("fmul.d ft3, ft0, ft1", D_SNAN, D_ONE, 0); CD("fmul.d sNaN raises NV", D_QNAN, NV);
    D_FFF("fmul.d ft3, ft0, ft1, rdn", D_MAX, D_TWO, 0); CD("fmul.d overflow rdn", D_MAX, OF | NX);
    D_FFF("fmul.d ft3, ft0, ft1, rup", D_MAX, D_TWO, 0); CD("fmul.d overflow rup", D_INF, OF | NX);
    D_FFF("fmul.d ft3, ft0, ft1, rne", 1, 0x3fe0000000000000ull, 0); CD("fmul.d underflow rne", 0, UF | NX);
    D_FFF("fmul.d ft3, ft0, ft1, rmm", 1, 0x3fe0000000000000ull, 0); CD("fmul.d underflow rmm", 1, UF | NX);
    /* (1+2^-52)(1-2^-52) - 1 = -2^-104 exactly with a single rounding. */
    D_FFF("fmsub.d ft3, ft0, ft1, ft2", 0x3ff0000000000001ull, 0x3feffffffffffffeull, D_ONE); CD("fmsub.d single rounding", 0xb970000000000000ull, 0);
    D_FFF("fnmadd.d ft3, ft0, ft1, ft2", D_TWO, D_TWO, D_ONE); CD("fnmadd.d -(2*2)-1", 0xc014000000000000ull, 0);
    D_FFF("fmadd.d ft3, ft0, ft1, ft2", 0, D_INF, D_QNAN); CD("fmadd.d 0*inf+qNaN raises NV", D_QNAN, NV);
}

static void conversions(void) {
    /* 2147483647.5 (0x41dfffffffe00000): RNE ties to the even 2^31, which is out of range
     * and saturates with NV; RTZ gives 2^31-1 with NX. */
    D_FFX("fcvt.w.d t1, ft0, rne", 0x41dfffffffe00000ull, 0); CD("fcvt.w.d 2^31-0.5 rne saturates", 0x7fffffff, NV);
    D_FFX("fcvt.w.d t1, ft0, rtz", 0x41dfffffffe00000ull, 0); CD("fcvt.w.d 2^31-0.5 rtz", 0x7fffffff, NX);
    /* -2147483648.5 (0xc1e0000000100000): RNE ties to the even -2^31 (in range), RDN to
     * -2^31-1 (out of range). */
    D_FFX("fcvt.w.d t1, ft0, rne", 0xc1e0000000100000ull, 0); CD("fcvt.w.d -2^31-0.5 rne", 0xffffffff80000000ull, NX);
    D_FFX("fcvt.w.d t1, ft0, rdn", 0xc1e0000000100000ull, 0); CD("fcvt.w.d -2^31-0.5 rdn saturates", 0xffffffff80000000ull, NV);
    D_FFX("fcvt.w.d t1, ft0, rtz", D_QNAN, 0); CD("fcvt.w.d NaN", 0x7fffffff, NV);
    D_FFX("fcvt.l.d t1, ft0, rtz", 0x43e0000000000000ull, 0); CD("fcvt.l.d 2^63 saturates", 0x7fffffffffffffffull, NV);
    D_FFX("fcvt.l.d t1, ft0, rtz", 0xc3e0000000000000ull, 0); CD("fcvt.l.d -2^63 exact", 0x8000000000000000ull, 0);
    D_FFX("fcvt.lu.d t1, ft0, rtz", 0xbff0000000000000ull, 0); CD("fcvt.lu.d -1 clips to 0", 0, NV);
    D_FFX("fcvt.lu.d t1, ft0, rtz", 0x43f0000000000000ull, 0); CD("fcvt.lu.d 2^64 saturates", ~0ull, NV);
    D_FFX("fcvt.lu.d t1, ft0, rtz", D_NINF, 0); CD("fcvt.lu.d -inf is 0", 0, NV);
    D_FFX("fcvt.wu.d t1, ft0, rtz", 0x41efffffffe00000ull, 0); CD("fcvt.wu.d 2^32-1 sign-extends", ~0ull, 0);
    D_FFX("fcvt.l.d t1, ft0, rmm", 0xc004000000000000ull, 0); CD("fcvt.l.d -2.5 rmm", (uint64_t)-3, NX);
    D_FFX("fcvt.l.d t1, ft0, rup", 0xc004000000000000ull, 0); CD("fcvt.l.d -2.5 rup", (uint64_t)-2, NX);
    /* integer to double */
    D_XF("fcvt.d.l ft3, t0, rne", 0x7fffffffffffffffull); CD("fcvt.d.l 2^63-1 rne", 0x43e0000000000000ull, NX);
    D_XF("fcvt.d.l ft3, t0, rtz", 0x7fffffffffffffffull); CD("fcvt.d.l 2^63-1 rtz", 0x43dfffffffffffffull, NX);
    D_XF("fcvt.d.w ft3, t0", 0xffffffffull); CD("fcvt.d.w reads 32 signed bits", 0xbff0000000000000ull, 0);
    D_XF("fcvt.d.wu ft3, t0", 0xffffffffull); CD("fcvt.d.wu 2^32-1 exact", 0x41efffffffe00000ull, 0);
    D_XF("fcvt.d.lu ft3, t0, rne", ~0ull); CD("fcvt.d.lu 2^64-1 rounds to 2^64", 0x43f0000000000000ull, NX);
    /* double <-> single: narrowing rounds, widening is exact; NaNs become canonical. */
    __asm__ volatile("fmv.d.x ft0, %2\n fsflags x0\n fcvt.s.d ft3, ft0, rne\n fmv.x.w %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"(0x3ff0000010000000ull) : "ft0", "ft3");
    CD("fcvt.s.d 1+2^-24 rne", 0x3f800000ull, NX);
    __asm__ volatile("fmv.d.x ft0, %2\n fsflags x0\n fcvt.s.d ft3, ft0, rup\n fmv.x.w %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"(0x3ff0000010000000ull) : "ft0", "ft3");
    CD("fcvt.s.d 1+2^-24 rup", 0x3f800001ull, NX);
    __asm__ volatile("fmv.d.x ft0, %2\n fsflags x0\n fcvt.s.d ft3, ft0, rtz\n fmv.x.w %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"(0x7e37e43c8800759cull /* 1e300 */) : "ft0", "ft3");
    CD("fcvt.s.d 1e300 rtz overflows to FLT_MAX", 0x7f7fffffull, OF | NX);
    __asm__ volatile("fmv.d.x ft0, %2\n fsflags x0\n fcvt.s.d ft3, ft0\n fmv.x.w %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"(D_SNAN) : "ft0", "ft3");
    CD("fcvt.s.d sNaN -> canonical single NaN", 0x7fc00000ull, NV);
    __asm__ volatile("fmv.w.x ft0, %2\n fsflags x0\n fcvt.d.s ft3, ft0\n fmv.x.d %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"(0x3dcccccdull /* 0.1f */) : "ft0", "ft3");
    CD("fcvt.d.s 0.1f is exact", 0x3fb99999a0000000ull, 0);
    __asm__ volatile("fmv.w.x ft0, %2\n fsflags x0\n fcvt.d.s ft3, ft0\n fmv.x.d %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"(0x7f800001ull) : "ft0", "ft3");
    CD("fcvt.d.s sNaN -> canonical double NaN", D_QNAN, NV);
}

static void min_max_compare_class(void) {
    D_FFF("fmin.d ft3, ft0, ft1", 0x8000000000000000ull, 0, 0); CD("fmin.d -0 < +0", 0x8000000000000000ull, 0);
    D_FFF("fmax.d ft3, ft0, ft1", D_QNAN, 0xbff0000000000000ull, 0); CD("fmax.d qNaN, -1 is -1", 0xbff0000000000000ull, 0);
    D_FFF("fmax.d ft3, ft0, ft1", D_SNAN, D_SNAN, 0); CD("fmax.d sNaN, sNaN is canonical with NV", D_QNAN, NV);
    D_FFX("feq.d t1, ft0, ft1", D_SNAN, D_ONE); CD("feq.d sNaN raises NV", 0, NV);
    D_FFX("feq.d t1, ft0, ft1", D_QNAN, D_ONE); CD("feq.d qNaN quiet", 0, 0);
    D_FFX("flt.d t1, ft0, ft1", D_ONE, D_QNAN); CD("flt.d qNaN raises NV", 0, NV);
    D_FFX("fle.d t1, ft0, ft1", 0x8000000000000000ull, 0); CD("fle.d -0 <= +0", 1, 0);
    D_FFX("flt.d t1, ft0, ft1", 1, D_ONE); CD("flt.d subnormal < 1", 1, 0);
    D_FFX("fclass.d t1, ft0", D_NINF, 0); CD("fclass.d -inf", 1u << 0, 0);
    D_FFX("fclass.d t1, ft0", 0x8000000000000001ull, 0); CD("fclass.d -subnormal", 1u << 2, 0);
    D_FFX("fclass.d t1, ft0", 0x8000000000000000ull, 0); CD("fclass.d -0", 1u << 3, 0);
    D_FFX("fclass.d t1, ft0", 1, 0); CD("fclass.d +subnormal", 1u << 5, 0);
    D_FFX("fclass.d t1, ft0", D_MAX, 0); CD("fclass.d +normal", 1u << 6, 0);
    D_FFX("fclass.d t1, ft0", D_SNAN, 0); CD("fclass.d sNaN", 1u << 8, 0);
    D_FFX("fclass.d t1, ft0", D_QNAN, 0); CD("fclass.d qNaN", 1u << 9, 0);
    D_FFF("fsgnjn.d ft3, ft0, ft1", 0x7ff8000000abcdefull, 0, 0); CD("fsgnjn.d keeps payload", 0xfff8000000abcdefull, 0);
    D_FFF("fsgnjx.d ft3, ft0, ft1", 0xc000000000000000ull, 0x8000000000000000ull, 0); CD("fsgnjx.d -2, -0 is 2", D_TWO, 0);
}

static void loads_and_stores(void) {
    static volatile uint64_t mem[2] = {0x400921fb54442d18ull, 0};
    uint64_t r;
    __asm__ volatile("fld ft0, 0(%1)\n fsd ft0, 8(%1)\n fmv.x.d %0, ft0" : "=r"(r) : "r"(mem) : "ft0", "memory");
    check("fld/fmv.x.d", r, 0x400921fb54442d18ull);
    check("fsd stores 64 bits", mem[1], 0x400921fb54442d18ull);
    /* A double read as a single: the upper half is not all ones, so it is the canonical NaN. */
    __asm__ volatile("fld ft0, 0(%2)\n fsflags x0\n fsgnj.s ft3, ft0, ft0\n fmv.x.w %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"(mem) : "ft0", "ft3");
    check_fp("fsgnj.s of an unboxed double yields canonical NaN", (uint32_t)res, 0x7fc00000u, flg, 0);
}

int main(void) {
    rounding_of_a_tie();
    special_values();
    conversions();
    min_max_compare_class();
    loads_and_stores();
    return finish("rv64d");
}
