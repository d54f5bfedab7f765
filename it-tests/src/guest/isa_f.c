/* RV64F single-precision instructions on edge operands, under every static rounding mode.
 * Expected values: RISC-V Unprivileged ISA, chapter "F Standard Extension for
 * Single-Precision Floating-Point" (IEEE 754-2008 arithmetic, canonical NaN 0x7fc00000,
 * the float-to-integer table "Domains of float-to-integer conversions and behavior for
 * invalid inputs", FMIN/FMAX, compare and FCLASS rules), and chapter "D" for NaN boxing.
 * Flags: NV=0x10 DZ=0x08 OF=0x04 UF=0x02 NX=0x01. */
#include "isa_check.h"
#include "fp_ops.h"

#define ONE      0x3f800000u
#define TWO      0x40000000u
#define HALF     0x3f000000u
#define INF      0x7f800000u
#define NINF     0xff800000u
#define QNAN     0x7fc00000u /* the canonical NaN */
#define QNAN_P   0x7fc12345u /* a quiet NaN with a payload */
#define SNAN     0x7f800001u
#define FLT_MAXB 0x7f7fffffu

/* a single-precision result: compare the low 32 bits */
#define CS(name, want, wflags) check_fp(name, (uint32_t)res, want, flg, wflags)
/* an integer result: compare all 64 bits */
#define CX(name, want, wflags) check_fp(name, res, want, flg, wflags)

static void rounding_of_a_tie(void) {
    /* 1 + 2^-24 lies exactly halfway between 1 and the next float 1 + 2^-23 (0x3f800001):
     * RNE picks the even significand (1.0), RMM and RUP go up, RDN and RTZ go down. */
    const uint32_t tiny = 0x33800000u; /* 2^-24 */
    S_FFF("fadd.s ft3, ft0, ft1, rne", ONE, tiny, 0); CS("fadd.s tie rne -> even", ONE, NX);
    S_FFF("fadd.s ft3, ft0, ft1, rmm", ONE, tiny, 0); CS("fadd.s tie rmm -> away", 0x3f800001u, NX);
    S_FFF("fadd.s ft3, ft0, ft1, rup", ONE, tiny, 0); CS("fadd.s tie rup", 0x3f800001u, NX);
    S_FFF("fadd.s ft3, ft0, ft1, rdn", ONE, tiny, 0); CS("fadd.s tie rdn", ONE, NX);
    S_FFF("fadd.s ft3, ft0, ft1, rtz", ONE, tiny, 0); CS("fadd.s tie rtz", ONE, NX);
    /* mirrored for a negative sum: RDN now moves away from zero */
    S_FFF("fsub.s ft3, ft0, ft1, rdn", 0xbf800000u, tiny, 0); CS("fsub.s negative tie rdn", 0xbf800001u, NX);
    S_FFF("fsub.s ft3, ft0, ft1, rup", 0xbf800000u, tiny, 0); CS("fsub.s negative tie rup", 0xbf800000u, NX);
    /* x - x is +0 in every mode except RDN, where it is -0 (IEEE 754 6.3). */
    S_FFF("fsub.s ft3, ft0, ft1, rne", ONE, ONE, 0); CS("fsub.s x-x rne is +0", 0, 0);
    S_FFF("fsub.s ft3, ft0, ft1, rdn", ONE, ONE, 0); CS("fsub.s x-x rdn is -0", 0x80000000u, 0);
}

static void special_values(void) {
    S_FFF("fdiv.s ft3, ft0, ft1", ONE, 0, 0); CS("fdiv.s 1/0 is +inf, DZ", INF, DZ);
    S_FFF("fdiv.s ft3, ft0, ft1", 0xbf800000u, 0, 0); CS("fdiv.s -1/+0 is -inf, DZ", NINF, DZ);
    S_FFF("fdiv.s ft3, ft0, ft1", 0, 0, 0); CS("fdiv.s 0/0 is canonical NaN, NV", QNAN, NV);
    S_FFF("fsub.s ft3, ft0, ft1", INF, INF, 0); CS("fsub.s inf-inf is NaN, NV", QNAN, NV);
    S_FFF("fmul.s ft3, ft0, ft1", INF, 0, 0); CS("fmul.s inf*0 is NaN, NV", QNAN, NV);
    S_FFF("fsqrt.s ft3, ft0", 0xbf800000u, 0, 0); CS("fsqrt.s -1 is NaN, NV", QNAN, NV);
    S_FFF("fsqrt.s ft3, ft0", 0x80000000u, 0, 0); CS("fsqrt.s -0 is -0", 0x80000000u, 0);
    S_FFF("fsqrt.s ft3, ft0", 0x40800000u, 0, 0); CS("fsqrt.s 4 is exactly 2", TWO, 0);
    /* sqrt(2) = 1.41421356...; neighbours 0x3fb504f3 (1.4142135381) and 0x3fb504f4 (1.4142136574) */
    S_FFF("fsqrt.s ft3, ft0, rne", TWO, 0, 0); CS("fsqrt.s 2 rne", 0x3fb504f3u, NX);
    S_FFF("fsqrt.s ft3, ft0, rup", TWO, 0, 0); CS("fsqrt.s 2 rup", 0x3fb504f4u, NX);
    /* "Except when otherwise stated, if the result of a floating-point operation is NaN,
     * it is the canonical NaN"; a quiet NaN operand raises nothing, a signaling one NV. */
    S_FFF("fadd.s ft3, ft0, ft1", QNAN_P, ONE, 0); CS("fadd.s qNaN payload is not propagated", QNAN, 0);
    S_FFF("fadd.s ft3, ft0, ft1", SNAN, ONE, 0); CS("fadd.s sNaN raises NV", QNAN, NV);
    /* Overflow: RNE/RUP go to +inf, RTZ/RDN to the largest finite value; OF and NX. */
    S_FFF("fmul.s ft3, ft0, ft1, rne", FLT_MAXB, TWO, 0); CS("fmul.s overflow rne", INF, OF | NX);
    S_FFF("fmul.s ft3, ft0, ft1, rtz", FLT_MAXB, TWO, 0); CS("fmul.s overflow rtz", FLT_MAXB, OF | NX);
    S_FFF("fmul.s ft3, ft0, ft1, rdn", FLT_MAXB, TWO, 0); CS("fmul.s overflow rdn", FLT_MAXB, OF | NX);
    /* Underflow: 2^-149 * 0.5 = 2^-150, halfway between 0 and 2^-149: RNE gives 0, RUP 2^-149. */
    S_FFF("fmul.s ft3, ft0, ft1, rne", 1, HALF, 0); CS("fmul.s underflow rne", 0, UF | NX);
    S_FFF("fmul.s ft3, ft0, ft1, rup", 1, HALF, 0); CS("fmul.s underflow rup", 1, UF | NX);
    /* An exact subnormal result raises no underflow (tininess without inexactness). */
    S_FFF("fmul.s ft3, ft0, ft1", 0x00800000u, HALF, 0); CS("fmul.s exact subnormal", 0x00400000u, 0);
}

static void fused(void) {
    /* (1+2^-23)(1-2^-23) - 1 = -2^-46 exactly: only a fused operation (one rounding) gets it. */
    S_FFF("fmsub.s ft3, ft0, ft1, ft2", 0x3f800001u, 0x3f7ffffeu, ONE); CS("fmsub.s single rounding", 0xa8800000u, 0);
    S_FFF("fmadd.s ft3, ft0, ft1, ft2", TWO, 0x40400000u, ONE); CS("fmadd.s 2*3+1", 0x40e00000u, 0);
    S_FFF("fnmadd.s ft3, ft0, ft1, ft2", TWO, 0x40400000u, ONE); CS("fnmadd.s -(2*3)-1", 0xc0e00000u, 0);
    S_FFF("fnmsub.s ft3, ft0, ft1, ft2", TWO, 0x40400000u, ONE); CS("fnmsub.s -(2*3)+1", 0xc0a00000u, 0);
    /* "the fused multiply-add instructions must set the invalid operation exception flag when
     * the multiplicands are infinity and zero, even when the addend is a quiet NaN" */
    S_FFF("fmadd.s ft3, ft0, ft1, ft2", INF, 0, QNAN); CS("fmadd.s inf*0+qNaN raises NV", QNAN, NV);
}

static void conversions_to_integer(void) {
    /* Rounding of 2.5 and -2.5 under each mode. */
    S_FFX("fcvt.w.s t1, ft0, rne", 0x40200000u, 0); CX("fcvt.w.s 2.5 rne", 2, NX);
    S_FFX("fcvt.w.s t1, ft0, rmm", 0x40200000u, 0); CX("fcvt.w.s 2.5 rmm", 3, NX);
    S_FFX("fcvt.w.s t1, ft0, rup", 0x40200000u, 0); CX("fcvt.w.s 2.5 rup", 3, NX);
    S_FFX("fcvt.w.s t1, ft0, rdn", 0x40200000u, 0); CX("fcvt.w.s 2.5 rdn", 2, NX);
    S_FFX("fcvt.w.s t1, ft0, rtz", 0x40200000u, 0); CX("fcvt.w.s 2.5 rtz", 2, NX);
    S_FFX("fcvt.w.s t1, ft0, rne", 0xc0200000u, 0); CX("fcvt.w.s -2.5 rne", (uint64_t)-2, NX);
    S_FFX("fcvt.w.s t1, ft0, rmm", 0xc0200000u, 0); CX("fcvt.w.s -2.5 rmm", (uint64_t)-3, NX);
    S_FFX("fcvt.w.s t1, ft0, rup", 0xc0200000u, 0); CX("fcvt.w.s -2.5 rup", (uint64_t)-2, NX);
    S_FFX("fcvt.w.s t1, ft0, rdn", 0xc0200000u, 0); CX("fcvt.w.s -2.5 rdn", (uint64_t)-3, NX);
    S_FFX("fcvt.w.s t1, ft0, rtz", 0xc0200000u, 0); CX("fcvt.w.s -2.5 rtz", (uint64_t)-2, NX);
    /* Saturation table: NaN and +inf give the largest value, -inf the smallest, with NV. */
    S_FFX("fcvt.w.s t1, ft0, rtz", QNAN, 0); CX("fcvt.w.s NaN saturates to 2^31-1", 0x7fffffff, NV);
    S_FFX("fcvt.w.s t1, ft0, rtz", INF, 0); CX("fcvt.w.s +inf saturates", 0x7fffffff, NV);
    S_FFX("fcvt.w.s t1, ft0, rtz", NINF, 0); CX("fcvt.w.s -inf saturates (sign-extended)", 0xffffffff80000000ull, NV);
    S_FFX("fcvt.w.s t1, ft0, rtz", 0x4f32d05eu, 0); CX("fcvt.w.s 3e9 saturates", 0x7fffffff, NV);
    S_FFX("fcvt.wu.s t1, ft0, rtz", 0xbf800000u, 0); CX("fcvt.wu.s -1 clips to 0", 0, NV);
    S_FFX("fcvt.wu.s t1, ft0, rtz", 0xbf000000u, 0); CX("fcvt.wu.s -0.5 rtz rounds to 0 (inexact only)", 0, NX);
    /* 32-bit results are sign-extended even for the unsigned conversion. */
    S_FFX("fcvt.wu.s t1, ft0, rtz", 0x4f32d05eu, 0); CX("fcvt.wu.s 3e9 sign-extends bit 31", 0xffffffffb2d05e00ull, 0);
    S_FFX("fcvt.wu.s t1, ft0, rtz", QNAN, 0); CX("fcvt.wu.s NaN is 2^32-1 sign-extended", ~0ull, NV);
    S_FFX("fcvt.l.s t1, ft0, rtz", QNAN, 0); CX("fcvt.l.s NaN is 2^63-1", 0x7fffffffffffffffull, NV);
    S_FFX("fcvt.l.s t1, ft0, rtz", NINF, 0); CX("fcvt.l.s -inf is -2^63", 0x8000000000000000ull, NV);
    S_FFX("fcvt.lu.s t1, ft0, rtz", QNAN, 0); CX("fcvt.lu.s NaN is 2^64-1", ~0ull, NV);
    S_FFX("fcvt.lu.s t1, ft0, rtz", NINF, 0); CX("fcvt.lu.s -inf is 0", 0, NV);
    S_FFX("fcvt.l.s t1, ft0, rtz", 0xdf000000u, 0); CX("fcvt.l.s -2^63 is exact", 0x8000000000000000ull, 0);
}

static void conversions_from_integer(void) {
    /* 2^24+1 is not representable: RNE gives 2^24 (even), RUP 2^24+2. */
    S_XF("fcvt.s.w ft3, t0, rne", 16777217); CS("fcvt.s.w 2^24+1 rne", 0x4b800000u, NX);
    S_XF("fcvt.s.w ft3, t0, rup", 16777217); CS("fcvt.s.w 2^24+1 rup", 0x4b800001u, NX);
    /* FCVT.S.W reads only the low 32 bits of rs1. */
    S_XF("fcvt.s.w ft3, t0", 0xffffffff00000005ull); CS("fcvt.s.w ignores upper bits", 0x40a00000u, 0);
    S_XF("fcvt.s.wu ft3, t0, rne", 0xffffffffull); CS("fcvt.s.wu 2^32-1 rounds to 2^32", 0x4f800000u, NX);
    S_XF("fcvt.s.wu ft3, t0, rtz", 0xffffffffull); CS("fcvt.s.wu 2^32-1 rtz", 0x4f7fffffu, NX);
    S_XF("fcvt.s.l ft3, t0", 0x8000000000000000ull); CS("fcvt.s.l -2^63 exact", 0xdf000000u, 0);
    S_XF("fcvt.s.lu ft3, t0, rne", ~0ull); CS("fcvt.s.lu 2^64-1 rounds to 2^64", 0x5f800000u, NX);
}

static void min_max_compare_class(void) {
    /* "For the purposes of these instructions only, the value -0.0 is considered to be less
     * than the value +0.0. If both inputs are NaNs, the result is the canonical NaN. If only
     * one operand is a NaN, the result is the non-NaN operand. Signaling NaN inputs set the
     * invalid operation exception flag, even when the result is not NaN." */
    S_FFF("fmin.s ft3, ft0, ft1", 0x80000000u, 0, 0); CS("fmin.s -0 < +0", 0x80000000u, 0);
    S_FFF("fmax.s ft3, ft0, ft1", 0x80000000u, 0, 0); CS("fmax.s +0 > -0", 0, 0);
    S_FFF("fmin.s ft3, ft0, ft1", QNAN_P, ONE, 0); CS("fmin.s qNaN, 1 is 1", ONE, 0);
    S_FFF("fmax.s ft3, ft0, ft1", ONE, SNAN, 0); CS("fmax.s 1, sNaN is 1 with NV", ONE, NV);
    S_FFF("fmin.s ft3, ft0, ft1", QNAN_P, QNAN_P, 0); CS("fmin.s NaN, NaN is canonical", QNAN, 0);
    /* FEQ is a quiet compare (NV only for sNaN); FLT/FLE are signaling (NV for any NaN). */
    S_FFX("feq.s t1, ft0, ft1", QNAN, QNAN); CX("feq.s qNaN is 0 and quiet", 0, 0);
    S_FFX("feq.s t1, ft0, ft1", SNAN, ONE); CX("feq.s sNaN raises NV", 0, NV);
    S_FFX("flt.s t1, ft0, ft1", QNAN, ONE); CX("flt.s qNaN raises NV", 0, NV);
    S_FFX("fle.s t1, ft0, ft1", ONE, QNAN); CX("fle.s qNaN raises NV", 0, NV);
    S_FFX("feq.s t1, ft0, ft1", 0x80000000u, 0); CX("feq.s -0 == +0", 1, 0);
    S_FFX("flt.s t1, ft0, ft1", 0x80000000u, 0); CX("flt.s -0 < +0 is false", 0, 0);
    S_FFX("fle.s t1, ft0, ft1", NINF, FLT_MAXB); CX("fle.s -inf <= max", 1, 0);
    /* FCLASS.S result bits 0..9. */
    S_FFX("fclass.s t1, ft0", NINF, 0); CX("fclass.s -inf", 1u << 0, 0);
    S_FFX("fclass.s t1, ft0", 0xbf800000u, 0); CX("fclass.s -normal", 1u << 1, 0);
    S_FFX("fclass.s t1, ft0", 0x80000001u, 0); CX("fclass.s -subnormal", 1u << 2, 0);
    S_FFX("fclass.s t1, ft0", 0x80000000u, 0); CX("fclass.s -0", 1u << 3, 0);
    S_FFX("fclass.s t1, ft0", 0, 0); CX("fclass.s +0", 1u << 4, 0);
    S_FFX("fclass.s t1, ft0", 0x00000001u, 0); CX("fclass.s +subnormal", 1u << 5, 0);
    S_FFX("fclass.s t1, ft0", ONE, 0); CX("fclass.s +normal", 1u << 6, 0);
    S_FFX("fclass.s t1, ft0", INF, 0); CX("fclass.s +inf", 1u << 7, 0);
    S_FFX("fclass.s t1, ft0", SNAN, 0); CX("fclass.s sNaN", 1u << 8, 0);
    S_FFX("fclass.s t1, ft0", QNAN, 0); CX("fclass.s qNaN", 1u << 9, 0);
}

static void sign_injection_and_moves(void) {
    /* Sign injection copies bits: NaN payloads survive and no flags are raised. */
    S_FFF("fsgnj.s ft3, ft0, ft1", QNAN_P, 0xbf800000u, 0); CS("fsgnj.s keeps the NaN payload", 0xffc12345u, 0);
    S_FFF("fsgnjn.s ft3, ft0, ft0", ONE, 0, 0); CS("fsgnjn.s x, x is fneg", 0xbf800000u, 0);
    S_FFF("fsgnjx.s ft3, ft0, ft1", 0xbf800000u, 0xbf800000u, 0); CS("fsgnjx.s -1, -1 is +1", ONE, 0);
    S_FFF("fsgnjx.s ft3, ft0, ft0", SNAN | 0x80000000u, 0, 0); CS("fabs.s of an sNaN raises nothing", SNAN, 0);
    /* FMV.X.W: "the higher 32 bits of the destination register are filled with copies of the
     * floating-point number's sign bit". */
    S_FFF("fmv.s ft3, ft0", 0x80000000u, 0, 0); check("fmv.x.w sign-extends", res, 0xffffffff80000000ull);
    /* NaN boxing (D chapter): a single written to an f register has its upper 32 bits set... */
    uint64_t boxed;
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.x.d %0, ft0" : "=r"(boxed) : "r"((uint64_t)ONE) : "ft0");
    check("fmv.w.x NaN-boxes", boxed, 0xffffffff3f800000ull);
    /* ...and a single read from a register that is not a valid NaN-boxed value is treated as
     * the canonical NaN. */
    __asm__ volatile("fmv.d.x ft0, %2\n fmv.w.x ft1, %3\n fsflags x0\n fadd.s ft3, ft0, ft1\n fmv.x.w %0, ft3\n frflags %1"
                     : "=&r"(res), "=&r"(flg) : "r"((uint64_t)ONE), "r"((uint64_t)ONE) : "ft0", "ft1", "ft3");
    CS("unboxed single reads as canonical NaN", QNAN, 0);
    /* FLW NaN-boxes, FSW stores the low 32 bits. */
    static volatile uint32_t mem[2] = {0x40490fdbu, 0x11111111u};
    __asm__ volatile("flw ft0, 0(%1)\n fsw ft0, 4(%1)\n fmv.x.d %0, ft0" : "=r"(boxed) : "r"(mem) : "ft0", "memory");
    check("flw NaN-boxes", boxed, 0xffffffff40490fdbull);
    check("fsw stores 32 bits", mem[1], 0x40490fdbu);
}

int main(void) {
    rounding_of_a_tie();
    special_values();
    fused();
    conversions_to_integer();
    conversions_from_integer();
    min_max_compare_class();
    sign_injection_and_moves();
    return finish("rv64f");
}
