/* tcg4j-march: rv64gc_zfh */
/* Zfh and Zfhmin, half precision. Expected values: RISC-V Unprivileged ISA, chapter "Zfh and
 * Zfhmin Standard Extensions for Half-Precision Floating-Point" (IEEE 754 binary16, NaN-boxed in
 * the 64-bit f registers: a value whose upper 48 bits are not all ones reads as the canonical NaN
 * 0x7e00; fmv.x.h sign-extends), with the F chapter's rules for flags and rounding. Binary16
 * values worked by hand: 1.0 0x3c00, 2.0 0x4000, 3.0 0x4200, 0.5 0x3800, 1/3 rounded to
 * nearest 0x3555 (0.333251953125), largest finite 65504 0x7bff, +inf 0x7c00. */
#include "isa_check.h"

static void clear_flags(void) { __asm__ volatile("fsflags x0"); }
static uint64_t flags(void) { uint64_t f; __asm__ volatile("frflags %0" : "=r"(f)); return f; }

#define H2(insn, a, b) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.h.x ft0, %1\n fmv.h.x ft1, %2\n " insn " ft2, ft0, ft1\n fmv.x.h %0, ft2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "ft2"); r_ & 0xffff; })
#define H1(insn, a) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.h.x ft0, %1\n " insn " ft2, ft0\n fmv.x.h %0, ft2" : "=r"(r_) : "r"((uint64_t)(a)) : "ft0", "ft2"); r_ & 0xffff; })
#define H3(insn, a, b, c) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.h.x ft0, %1\n fmv.h.x ft1, %2\n fmv.h.x ft3, %3\n " insn " ft2, ft0, ft1, ft3\n fmv.x.h %0, ft2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(c)) : "ft0", "ft1", "ft2", "ft3"); r_ & 0xffff; })
#define HX(insn, a) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.h.x ft0, %1\n " insn " %0, ft0" : "=r"(r_) : "r"((uint64_t)(a)) : "ft0"); r_; })
#define HCMP(insn, a, b) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.h.x ft0, %1\n fmv.h.x ft1, %2\n " insn " %0, ft0, ft1" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1"); r_; })
#define XH(insn, a) ({ uint64_t r_; clear_flags(); __asm__ volatile(insn " ft2, %1\n fmv.x.h %0, ft2" : "=r"(r_) : "r"((uint64_t)(a)) : "ft2"); r_ & 0xffff; })

static void arithmetic(void) {
    uint64_t r;
    r = H2("fadd.h", 0x3c00, 0x4000); check_fp("fadd.h 1+2", r, 0x4200, flags(), 0);
    r = H2("fdiv.h", 0x3c00, 0x4200); check_fp("fdiv.h 1/3 inexact", r, 0x3555, flags(), 0x01);
    r = H2("fmul.h", 0x5c00, 0x5c00); check_fp("fmul.h 256*256 overflows", r, 0x7c00, flags(), 0x05);
    r = H2("fsub.h", 0x3c00, 0x3c00); check_fp("fsub.h x-x is +0", r, 0x0000, flags(), 0);
    r = H1("fsqrt.h", 0x4400); check_fp("fsqrt.h 4", r, 0x4000, flags(), 0);
    r = H1("fsqrt.h", 0xbc00); check_fp("fsqrt.h -1 invalid", r, 0x7e00, flags(), 0x10);
    r = H3("fmadd.h", 0x3c00, 0x4000, 0x3800); check_fp("fmadd.h 1*2+0.5", r, 0x4100, flags(), 0);
    r = H3("fnmsub.h", 0x3c00, 0x4000, 0x3800); check_fp("fnmsub.h -(1*2)+0.5", r, 0xbe00, flags(), 0);
    /* 1 + 2^-11 lies halfway between 1.0 and its successor 0x3c01 */
    r = H2("fadd.h", 0x3c00, 0x1000); check_fp("fadd.h tie rounds to even", r, 0x3c00, flags(), 0x01);
    r = H2("fadd.h ft2, ft0, ft1, rup #", 0x3c00, 0x1000); check_fp("fadd.h rup", r, 0x3c01, flags(), 0x01);
    /* the smallest subnormal halved: to zero in rtz, underflow and inexact */
    r = H2("fmul.h ft2, ft0, ft1, rtz #", 0x0001, 0x3800); check_fp("fmul.h underflow rtz", r, 0, flags(), 0x03);
}

static void compare_and_sign(void) {
    uint64_t r;
    r = H2("fmin.h", 0x7c01, 0x3c00); check_fp("fmin.h signaling NaN", r, 0x3c00, flags(), 0x10);
    r = H2("fmax.h", 0x8000, 0x0000); check_fp("fmax.h +0 over -0", r, 0x0000, flags(), 0);
    r = HCMP("feq.h", 0x0000, 0x8000); check_fp("feq.h +0 == -0", r, 1, flags(), 0);
    r = HCMP("flt.h", 0x7e00, 0x3c00); check_fp("flt.h quiet NaN signals", r, 0, flags(), 0x10);
    r = HCMP("fle.h", 0xbc00, 0x3c00); check_fp("fle.h", r, 1, flags(), 0);
    r = HX("fclass.h", 0x0001); check_fp("fclass.h subnormal", r, 1 << 5, flags(), 0);
    r = HX("fclass.h", 0xfc00); check_fp("fclass.h -inf", r, 1 << 0, flags(), 0);
    r = HX("fclass.h", 0x7c01); check_fp("fclass.h signaling NaN", r, 1 << 8, flags(), 0);
    r = H1("fneg.h", 0x3c00); check("fneg.h", r, 0xbc00);
    r = H2("fsgnjx.h", 0xbc00, 0x8000); check("fsgnjx.h", r, 0x3c00);
}

static void conversions(void) {
    uint64_t r;
    r = HX("fcvt.w.h", 0xfbff); check_fp("fcvt.w.h -65504", r, (uint64_t)-65504, flags(), 0);
    r = HX("fcvt.wu.h", 0xbc00); check_fp("fcvt.wu.h -1 invalid", r, 0, flags(), 0x10);
    clear_flags();
    __asm__ volatile("fmv.h.x ft0, %1\n fcvt.l.h %0, ft0, rtz" : "=r"(r) : "r"((uint64_t)0x3e00) : "ft0");
    check_fp("fcvt.l.h 1.5 rtz", r, 1, flags(), 0x01);
    r = HX("fcvt.lu.h", 0x7c00); check_fp("fcvt.lu.h +inf saturates", r, 0xffffffffffffffffull, flags(), 0x10);
    r = XH("fcvt.h.w", 3); check_fp("fcvt.h.w 3", r, 0x4200, flags(), 0);
    r = XH("fcvt.h.l", 2049); check_fp("fcvt.h.l 2049 ties to even", r, 0x6800, flags(), 0x01);
    r = XH("fcvt.h.lu", 0xffffffffffffffffull); check_fp("fcvt.h.lu overflows", r, 0x7c00, flags(), 0x05);
    r = XH("fcvt.h.wu", 65504); check_fp("fcvt.h.wu 65504", r, 0x7bff, flags(), 0);
    uint64_t s;
    clear_flags();
    __asm__ volatile("fmv.h.x ft0, %1\n fcvt.s.h ft1, ft0\n fmv.x.w %0, ft1" : "=r"(s) : "r"((uint64_t)0x3555) : "ft0", "ft1");
    check_fp("fcvt.s.h exact", s & 0xffffffff, 0x3eaaa000, flags(), 0);
    clear_flags();
    __asm__ volatile("fmv.w.x ft1, %1\n fcvt.h.s ft2, ft1\n fmv.x.h %0, ft2" : "=r"(r) : "r"((uint64_t)0x3fc00000) : "ft1", "ft2");
    check_fp("fcvt.h.s 1.5", r & 0xffff, 0x3e00, flags(), 0);
    clear_flags();
    __asm__ volatile("fmv.d.x ft1, %1\n fcvt.h.d ft2, ft1\n fmv.x.h %0, ft2" : "=r"(r) : "r"(0x4130000000000000ull) : "ft1", "ft2");
    check_fp("fcvt.h.d 2^20 overflows", r & 0xffff, 0x7c00, flags(), 0x05);
}

static void boxing_and_moves(void) {
    uint64_t r;
    /* a NaN-boxed single is not a boxed half: it reads as the canonical NaN */
    clear_flags();
    __asm__ volatile("fmv.w.x ft0, %1\n fadd.h ft2, ft0, ft0\n fmv.x.h %0, ft2" : "=r"(r) : "r"((uint64_t)0x3f800000) : "ft0", "ft2");
    check_fp("improperly boxed half reads as NaN", r & 0xffff, 0x7e00, flags(), 0);
    __asm__ volatile("fmv.h.x ft0, %1\n fmv.x.h %0, ft0" : "=r"(r) : "r"((uint64_t)0x12348001) : "ft0");
    check("fmv.x.h sign-extends", r, 0xffffffffffff8001ull);
    __asm__ volatile("fmv.h.x ft0, %1\n fmv.x.d %0, ft0" : "=r"(r) : "r"((uint64_t)0x1234) : "ft0");
    check("fmv.h.x boxes", r, 0xffffffffffff1234ull);
    static volatile uint16_t mem[2] = {0xabcd, 0};
    __asm__ volatile("flh ft0, 0(%1)\n fsh ft0, 2(%1)\n fmv.x.d %0, ft0" : "=r"(r) : "r"(mem) : "ft0", "memory");
    check("flh boxes", r, 0xffffffffffffabcdull);
    check("fsh stores 16 bits", mem[1], 0xabcd);
}

int main(void) {
    arithmetic();
    compare_and_sign();
    conversions();
    boxing_and_moves();
    return finish("zfh");
}
