/* tcg4j-march: rv64gc_zfh */
/* Zfa, additional floating-point instructions. Expected values: RISC-V Unprivileged ISA,
 * chapter "Zfa Extension for Additional Floating-Point Instructions": fli loads the constant of
 * its table (entry 1 the smallest normal, 30 +inf, 31 the canonical NaN); fminm/fmaxm return the
 * canonical NaN when either operand is a NaN; fround rounds to an integral value in rm without NX,
 * froundnx raises NX when the value changes; fcvtmod.w.d truncates and keeps the low 32 bits of
 * the integer, sign-extended, raising NV when it does not fit; fleq/fltq are quiet (NV only for a
 * signaling NaN). binutils 2.40 lacks Zfa, so .insn spells the encodings (OP-FP 0x53).
 * qemu-riscv64 7.2 lacks Zfa. */
#include "isa_check.h"

static void clear_flags(void) { __asm__ volatile("fsflags x0"); }
static uint64_t flags(void) { uint64_t f; __asm__ volatile("frflags %0" : "=r"(f)); return f; }

/* fli.fmt ft2, index: funct7 1111000 | fmt, rs2 = 1, rs1 = the index */
#define FLI(funct7, index) ({ uint64_t r_; __asm__ volatile(".insn r 0x53, 0, " #funct7 ", ft2, f" #index ", f1\n fmv.x.d %0, ft2" : "=r"(r_) :: "ft2"); r_; })
#define FP2(funct3, funct7, a, b) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n .insn r 0x53, " #funct3 ", " #funct7 ", ft2, ft0, ft1\n fmv.x.d %0, ft2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "ft2"); r_; })
/* fround/froundnx: funct7 0100000 | fmt, rs2 4 or 5 (f4/f5 in the rs2 slot), rm in funct3 */
#define FROUND(rm, funct7, rs2, a) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.d.x ft0, %1\n .insn r 0x53, " #rm ", " #funct7 ", ft2, ft0, f" #rs2 "\n fmv.x.d %0, ft2" : "=r"(r_) : "r"((uint64_t)(a)) : "ft0", "ft2"); r_; })
#define CMPQ(funct3, funct7, a, b) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n .insn r 0x53, " #funct3 ", " #funct7 ", %0, ft0, ft1" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1"); r_; })
#define FCVTMOD(a) ({ uint64_t r_; clear_flags(); __asm__ volatile("fmv.d.x ft0, %1\n .insn r 0x53, 1, 0x61, %0, ft0, f8" : "=r"(r_) : "r"((uint64_t)(a)) : "ft0"); r_; })

#define BOX_S 0xffffffff00000000ull
#define BOX_H 0xffffffffffff0000ull

static void fli(void) {
    check("fli.d -1.0", FLI(0x79, 0), 0xbff0000000000000ull);
    check("fli.d min is the smallest normal", FLI(0x79, 1), 0x0010000000000000ull);
    check("fli.d 2^-16", FLI(0x79, 2), 0x3ef0000000000000ull);
    check("fli.d 0.3125", FLI(0x79, 9), 0x3fd4000000000000ull);
    check("fli.d 2^16", FLI(0x79, 29), 0x40f0000000000000ull);
    check("fli.d inf", FLI(0x79, 30), 0x7ff0000000000000ull);
    check("fli.d nan", FLI(0x79, 31), 0x7ff8000000000000ull);
    check("fli.s 1.0 boxed", FLI(0x78, 16), BOX_S | 0x3f800000);
    check("fli.s min", FLI(0x78, 1), BOX_S | 0x00800000);
    check("fli.s 2^15", FLI(0x78, 28), BOX_S | 0x47000000);
    check("fli.h 0.5 boxed", FLI(0x7a, 12), BOX_H | 0x3800);
    check("fli.h min", FLI(0x7a, 1), BOX_H | 0x0400);
    check("fli.h 2^-16 is subnormal", FLI(0x7a, 2), BOX_H | 0x0100);
    check("fli.h nan", FLI(0x7a, 31), BOX_H | 0x7e00);
}

static void minmax(void) {
    uint64_t r;
    /* fminm.d: funct7 0010101, funct3 010; fmaxm.d funct3 011 */
    r = FP2(2, 0x15, 0x3ff0000000000000ull, 0x7ff8000000000000ull);
    check_fp("fminm.d quiet NaN gives NaN", r, 0x7ff8000000000000ull, flags(), 0);
    r = FP2(3, 0x15, 0x7ff0000000000001ull, 0x3ff0000000000000ull);
    check_fp("fmaxm.d signaling NaN", r, 0x7ff8000000000000ull, flags(), 0x10);
    r = FP2(2, 0x15, 0x8000000000000000ull, 0x0000000000000000ull);
    check_fp("fminm.d -0 below +0", r, 0x8000000000000000ull, flags(), 0);
    /* fminm.s on boxed singles: 1.0 and 2.0 */
    r = FP2(2, 0x14, BOX_S | 0x3f800000, BOX_S | 0x40000000);
    check_fp("fminm.s", r, BOX_S | 0x3f800000, flags(), 0);
}

static void rounding(void) {
    uint64_t r;
    /* fround.d 2.5: funct7 0100001, rs2 4 */
    r = FROUND(0, 0x21, 4, 0x4004000000000000ull); check_fp("fround.d 2.5 rne", r, 0x4000000000000000ull, flags(), 0);
    r = FROUND(4, 0x21, 4, 0x4004000000000000ull); check_fp("fround.d 2.5 rmm", r, 0x4008000000000000ull, flags(), 0);
    r = FROUND(2, 0x21, 4, 0xbfe0000000000000ull); check_fp("fround.d -0.5 rdn", r, 0xbff0000000000000ull, flags(), 0);
    r = FROUND(1, 0x21, 4, 0xbfe0000000000000ull); check_fp("fround.d -0.5 rtz is -0", r, 0x8000000000000000ull, flags(), 0);
    r = FROUND(0, 0x21, 5, 0x4004000000000000ull); check_fp("froundnx.d 2.5 raises NX", r, 0x4000000000000000ull, flags(), 0x01);
    r = FROUND(0, 0x21, 5, 0x4008000000000000ull); check_fp("froundnx.d 3.0 exact", r, 0x4008000000000000ull, flags(), 0);
    r = FROUND(0, 0x21, 4, 0x7ff0000000000001ull); check_fp("fround.d signaling NaN", r, 0x7ff8000000000000ull, flags(), 0x10);
    /* fround.s 1.5 rup: funct7 0100000 */
    r = FROUND(3, 0x20, 4, BOX_S | 0x3fc00000); check_fp("fround.s 1.5 rup", r, BOX_S | 0x40000000, flags(), 0);
}

static void conversions_and_compares(void) {
    uint64_t r;
    r = FCVTMOD(0x41dfffffffc00000ull); check_fp("fcvtmod.w.d 2^31-1", r, 0x7fffffff, flags(), 0);
    r = FCVTMOD(0x41e0000000000000ull); check_fp("fcvtmod.w.d 2^31 wraps", r, 0xffffffff80000000ull, flags(), 0x10);
    r = FCVTMOD(0xc1e0000000000000ull); check_fp("fcvtmod.w.d -2^31 fits", r, 0xffffffff80000000ull, flags(), 0);
    r = FCVTMOD(0x41f0000000000001ull); check_fp("fcvtmod.w.d 2^32+2^-20 keeps low bits", r, 0, flags(), 0x10);
    r = FCVTMOD(0xc00c000000000000ull); check_fp("fcvtmod.w.d -3.5 truncates", r, (uint64_t)-3, flags(), 0x01);
    r = FCVTMOD(0x7ff0000000000000ull); check_fp("fcvtmod.w.d inf", r, 0, flags(), 0x10);
    r = FCVTMOD(0x4330000000000005ull); check_fp("fcvtmod.w.d 2^52+5", r, 5, flags(), 0x10);
    /* fleq.d funct7 1010001 funct3 100, fltq.d funct3 101 */
    r = CMPQ(4, 0x51, 0x3ff0000000000000ull, 0x3ff0000000000000ull); check_fp("fleq.d equal", r, 1, flags(), 0);
    r = CMPQ(5, 0x51, 0x3ff0000000000000ull, 0x7ff8000000000000ull); check_fp("fltq.d quiet NaN is quiet", r, 0, flags(), 0);
    r = CMPQ(4, 0x51, 0x7ff0000000000001ull, 0x3ff0000000000000ull); check_fp("fleq.d signaling NaN", r, 0, flags(), 0x10);
    r = CMPQ(5, 0x51, 0x8000000000000000ull, 0x0000000000000000ull); check_fp("fltq.d -0 < +0 is false", r, 0, flags(), 0);
}

int main(void) {
    fli();
    minmax();
    rounding();
    conversions_and_compares();
    return finish("zfa");
}
