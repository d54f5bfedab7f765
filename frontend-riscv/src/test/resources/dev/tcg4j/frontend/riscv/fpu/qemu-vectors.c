/*
 * Generates the fixture qemu-vectors.txt: runs RISC-V F/D instructions on pseudo-random operands
 * biased to hard cases, in every rounding mode, and prints operands, result and fflags.
 * Run under qemu-riscv64, whose softfloat is the oracle (see make-qemu-vectors.sh).
 * Line format: op rm nops a b c result fflags  (hex, 64-bit register patterns; rm 0-4).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
    state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
}
static int below(int n) { return (int)(rnd() % (uint64_t)n); }

/* p: precision, eb: exponent bits */
static uint64_t with_exp(int p, int eb, int neg, int e) {
    int bias = (1 << (eb - 1)) - 1;
    uint64_t fmask = (1ull << (p - 1)) - 1, frac;
    switch (below(5)) {
    case 0: frac = 1ull << below(p - 1); break;
    case 1: frac = fmask & ~(1ull << below(p - 1)); break;
    case 2: frac = 0; break;
    default: frac = rnd() & fmask; break;
    }
    uint64_t sign = neg ? 1ull << (p + eb - 1) : 0;
    int biased = e + bias;
    if (biased >= (1 << eb) - 1) biased = (1 << eb) - 2;
    if (biased <= 0) {
        int sh = 1 - biased;
        uint64_t m = sh >= 63 ? 0 : (frac | (1ull << (p - 1))) >> sh;
        return sign | (m ? m : 1);
    }
    return sign | ((uint64_t)biased << (p - 1)) | frac;
}

static uint64_t value(int p, int eb) {
    int bias = (1 << (eb - 1)) - 1, emin = 1 - bias, emax = bias;
    uint64_t sign = below(2) ? 1ull << (p + eb - 1) : 0;
    uint64_t inf = ((1ull << eb) - 1) << (p - 1), quiet = 1ull << (p - 2);
    int k = below(20);
    if (k == 0) {
        switch (below(7)) {
        case 0: return sign;
        case 1: return sign | inf;
        case 2: return inf | quiet;
        case 3: return inf | 1 | (rnd() & (quiet - 1));
        case 4: return sign | 1;
        case 5: return sign | (inf - 1);
        default: return sign | (1ull << (p - 1));
        }
    }
    if (k <= 2) return with_exp(p, eb, below(2), emin - 1 - below(p));
    if (k == 3) return with_exp(p, eb, below(2), emax - below(3));
    if (k == 4) return with_exp(p, eb, below(2), emin + below(3));
    return with_exp(p, eb, below(2), below(41) - 20);
}

static uint64_t partner(int p, int eb, uint64_t a) {
    int bias = (1 << (eb - 1)) - 1;
    int e = (int)((a >> (p - 1)) & ((1u << eb) - 1)) - bias;
    switch (below(4)) {
    case 0: return value(p, eb);
    case 1: return (a ^ (below(2) ? 1ull << (p + eb - 1) : 0)) ^ (rnd() & ((1ull << below(8)) - 1));
    case 2: return with_exp(p, eb, below(2), e - p + below(7) - 3);
    default: return with_exp(p, eb, below(2), e + below(5) - 2);
    }
}

#define BOX 0xffffffff00000000ull
static uint64_t sval(void) { return BOX | value(24, 8); }
static uint64_t dval(void) { return value(53, 11); }
/* 1 in 16 single operands is not NaN-boxed and must read as the canonical NaN. */
static uint64_t sbox(uint64_t v) { return below(16) ? (v | BOX) : (v & 0xffffffffull) | ((rnd() & 0xffff) << 32); }

static uint64_t intval(void) {
    switch (below(4)) {
    case 0: return rnd();
    case 1: return (uint64_t)((int64_t)rnd() >> below(64));
    case 2: return (rnd() >> (64 - 20 - below(40))) << below(20);
    default: return (uint64_t)(below(3) - 1) + (1ull << below(64));
    }
}

static double integerish(void) {
    static const double bounds[] = {0, 1, 0x1p31, 0x1p32, 0x1p63, 0x1p64, 0x1p24, 1e10};
    static const double fr[] = {0, 0.5, 0.25, 0.75, -0.5, 1.5, 2.5};
    double x = bounds[below(8)] * (below(2) ? 1 : -1) + below(5) - 2 + fr[below(7)];
    return x;
}

static void set_rm(int rm) { asm volatile("fsrm %0" :: "r"(rm)); }
static void clear_flags(void) { asm volatile("fsflags x0"); }
static unsigned get_flags(void) { unsigned f; asm volatile("frflags %0" : "=r"(f)); return f; }

#define FP3(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
    asm volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n fmv.d.x ft2, %3\n " insn " ft3, ft0, ft1, ft2\n fmv.x.d %0, ft3" \
                 : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3"); return r; }
#define FP2(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)c; \
    asm volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n " insn " ft3, ft0, ft1\n fmv.x.d %0, ft3" \
                 : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft3"); return r; }
#define FP1(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)b; (void)c; \
    asm volatile("fmv.d.x ft0, %1\n " insn " ft3, ft0\n fmv.x.d %0, ft3" : "=r"(r) : "r"(a) : "ft0", "ft3"); return r; }
#define CMP(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)c; \
    asm volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n " insn " %0, ft0, ft1" : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1"); return r; }
#define TOI(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)b; (void)c; \
    asm volatile("fmv.d.x ft0, %1\n " insn " %0, ft0" : "=r"(r) : "r"(a) : "ft0"); return r; }
#define TOF(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)b; (void)c; \
    asm volatile(insn " ft3, %1\n fmv.x.d %0, ft3" : "=r"(r) : "r"(a) : "ft3"); return r; }

FP3(fmadd_s, "fmadd.s") FP3(fmsub_s, "fmsub.s") FP3(fnmsub_s, "fnmsub.s") FP3(fnmadd_s, "fnmadd.s")
FP3(fmadd_d, "fmadd.d") FP3(fmsub_d, "fmsub.d") FP3(fnmsub_d, "fnmsub.d") FP3(fnmadd_d, "fnmadd.d")
FP2(fadd_s, "fadd.s") FP2(fsub_s, "fsub.s") FP2(fmul_s, "fmul.s") FP2(fdiv_s, "fdiv.s")
FP2(fadd_d, "fadd.d") FP2(fsub_d, "fsub.d") FP2(fmul_d, "fmul.d") FP2(fdiv_d, "fdiv.d")
FP2(fmin_s, "fmin.s") FP2(fmax_s, "fmax.s") FP2(fmin_d, "fmin.d") FP2(fmax_d, "fmax.d")
FP2(fsgnj_s, "fsgnj.s") FP2(fsgnjn_s, "fsgnjn.s") FP2(fsgnjx_s, "fsgnjx.s")
FP2(fsgnj_d, "fsgnj.d") FP2(fsgnjn_d, "fsgnjn.d") FP2(fsgnjx_d, "fsgnjx.d")
FP1(fsqrt_s, "fsqrt.s") FP1(fsqrt_d, "fsqrt.d") FP1(fcvt_s_d, "fcvt.s.d") FP1(fcvt_d_s, "fcvt.d.s")
CMP(feq_s, "feq.s") CMP(flt_s, "flt.s") CMP(fle_s, "fle.s") CMP(feq_d, "feq.d") CMP(flt_d, "flt.d") CMP(fle_d, "fle.d")
TOI(fclass_s, "fclass.s") TOI(fclass_d, "fclass.d")
TOI(fcvt_w_s, "fcvt.w.s") TOI(fcvt_wu_s, "fcvt.wu.s") TOI(fcvt_l_s, "fcvt.l.s") TOI(fcvt_lu_s, "fcvt.lu.s")
TOI(fcvt_w_d, "fcvt.w.d") TOI(fcvt_wu_d, "fcvt.wu.d") TOI(fcvt_l_d, "fcvt.l.d") TOI(fcvt_lu_d, "fcvt.lu.d")
TOF(fcvt_s_w, "fcvt.s.w") TOF(fcvt_s_wu, "fcvt.s.wu") TOF(fcvt_s_l, "fcvt.s.l") TOF(fcvt_s_lu, "fcvt.s.lu")
TOF(fcvt_d_w, "fcvt.d.w") TOF(fcvt_d_wu, "fcvt.d.wu") TOF(fcvt_d_l, "fcvt.d.l") TOF(fcvt_d_lu, "fcvt.d.lu")

enum kind { SGL, DBL, F2I_S, F2I_D, I2F, S2D, D2S };
struct op { const char *name; uint64_t (*fn)(uint64_t, uint64_t, uint64_t); int nops; int rounds; enum kind kind; };
static const struct op ops[] = {
    {"fadd_s", fadd_s, 2, 1, SGL}, {"fsub_s", fsub_s, 2, 1, SGL}, {"fmul_s", fmul_s, 2, 1, SGL},
    {"fdiv_s", fdiv_s, 2, 1, SGL}, {"fsqrt_s", fsqrt_s, 1, 1, SGL},
    {"fmadd_s", fmadd_s, 3, 1, SGL}, {"fmsub_s", fmsub_s, 3, 1, SGL}, {"fnmsub_s", fnmsub_s, 3, 1, SGL},
    {"fnmadd_s", fnmadd_s, 3, 1, SGL},
    {"fmin_s", fmin_s, 2, 0, SGL}, {"fmax_s", fmax_s, 2, 0, SGL}, {"feq_s", feq_s, 2, 0, SGL},
    {"flt_s", flt_s, 2, 0, SGL}, {"fle_s", fle_s, 2, 0, SGL}, {"fclass_s", fclass_s, 1, 0, SGL},
    {"fsgnj_s", fsgnj_s, 2, 0, SGL}, {"fsgnjn_s", fsgnjn_s, 2, 0, SGL}, {"fsgnjx_s", fsgnjx_s, 2, 0, SGL},
    {"fcvt_w_s", fcvt_w_s, 1, 1, F2I_S}, {"fcvt_wu_s", fcvt_wu_s, 1, 1, F2I_S},
    {"fcvt_l_s", fcvt_l_s, 1, 1, F2I_S}, {"fcvt_lu_s", fcvt_lu_s, 1, 1, F2I_S},
    {"fcvt_s_w", fcvt_s_w, 1, 1, I2F}, {"fcvt_s_wu", fcvt_s_wu, 1, 1, I2F},
    {"fcvt_s_l", fcvt_s_l, 1, 1, I2F}, {"fcvt_s_lu", fcvt_s_lu, 1, 1, I2F},
    {"fadd_d", fadd_d, 2, 1, DBL}, {"fsub_d", fsub_d, 2, 1, DBL}, {"fmul_d", fmul_d, 2, 1, DBL},
    {"fdiv_d", fdiv_d, 2, 1, DBL}, {"fsqrt_d", fsqrt_d, 1, 1, DBL},
    {"fmadd_d", fmadd_d, 3, 1, DBL}, {"fmsub_d", fmsub_d, 3, 1, DBL}, {"fnmsub_d", fnmsub_d, 3, 1, DBL},
    {"fnmadd_d", fnmadd_d, 3, 1, DBL},
    {"fmin_d", fmin_d, 2, 0, DBL}, {"fmax_d", fmax_d, 2, 0, DBL}, {"feq_d", feq_d, 2, 0, DBL},
    {"flt_d", flt_d, 2, 0, DBL}, {"fle_d", fle_d, 2, 0, DBL}, {"fclass_d", fclass_d, 1, 0, DBL},
    {"fsgnj_d", fsgnj_d, 2, 0, DBL}, {"fsgnjn_d", fsgnjn_d, 2, 0, DBL}, {"fsgnjx_d", fsgnjx_d, 2, 0, DBL},
    {"fcvt_w_d", fcvt_w_d, 1, 1, F2I_D}, {"fcvt_wu_d", fcvt_wu_d, 1, 1, F2I_D},
    {"fcvt_l_d", fcvt_l_d, 1, 1, F2I_D}, {"fcvt_lu_d", fcvt_lu_d, 1, 1, F2I_D},
    {"fcvt_d_w", fcvt_d_w, 1, 1, I2F}, {"fcvt_d_wu", fcvt_d_wu, 1, 1, I2F},
    {"fcvt_d_l", fcvt_d_l, 1, 1, I2F}, {"fcvt_d_lu", fcvt_d_lu, 1, 1, I2F},
    {"fcvt_s_d", fcvt_s_d, 1, 1, D2S}, {"fcvt_d_s", fcvt_d_s, 1, 1, S2D},
};

int main(int argc, char **argv) {
    int n = 24;
    if (argc > 1) sscanf(argv[1], "%d", &n);
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        const struct op *o = &ops[i];
        for (int rm = 0; rm < (o->rounds ? 5 : 1); rm++) {
            for (int k = 0; k < n; k++) {
                uint64_t a, b, c;
                double x;
                switch (o->kind) {
                case SGL:
                    a = sval(); b = BOX | partner(24, 8, a & 0xffffffffull); c = below(3) ? sval() : BOX | partner(24, 8, a);
                    a = sbox(a); b = sbox(b); c = sbox(c);
                    break;
                case DBL: a = dval(); b = partner(53, 11, a); c = below(3) ? dval() : partner(53, 11, a); break;
                case F2I_D: x = integerish(); memcpy(&a, &x, 8); if (!below(3)) a = dval(); b = c = 0; break;
                case F2I_S: { float f = (float)integerish(); uint32_t u; memcpy(&u, &f, 4); a = BOX | u;
                              if (!below(3)) a = sval(); b = c = 0; break; }
                case I2F: a = intval(); b = c = 0; break;
                case S2D: a = sbox(sval()); b = c = 0; break;
                default: a = below(2) ? dval() : with_exp(53, 11, below(2), -126 - below(30) + (below(2) ? 0 : 280)); b = c = 0; break;
                }
                set_rm(rm);
                clear_flags();
                uint64_t r = o->fn(a, b, c);
                unsigned fl = get_flags();
                printf("%s %d %d %llx %llx %llx %llx %x\n", o->name, rm, o->nops, (unsigned long long)a,
                       (unsigned long long)(o->nops > 1 ? b : 0), (unsigned long long)(o->nops > 2 ? c : 0),
                       (unsigned long long)r, fl);
            }
        }
    }
    return 0;
}
