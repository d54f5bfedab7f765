/* tcg4j-march: rv64gc_zba_zbb_zbc_zbs_zbkb_zbkx_zfh */
/* Randomized differential test of the RVA22 extensions qemu-riscv64 7.2 implements (with
 * -cpu rv64,Zfh=true,zbkb=true,zbkx=true): every Zba, Zbb, Zbc, Zbs, Zbkb, Zbkx and Zfh/Zfhmin
 * instruction on seeded pseudo-random operands biased to edge cases, in every rounding mode,
 * printing operands, result and (for Zfh) the accrued flags. Its output under both emulators must
 * be byte-identical. Usage: rva22_random [int|fp|all] [count] [seed].
 * FP lines are in the format of the frontend's QemuVectorsTest fixtures:
 * "op rm nops a b c result fflags" (hex; op named as the helper, fadd_h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
    state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dull;
}
static int below(int n) { return (int)(rnd() % (uint64_t)n); }

/* ---------------------------------------------------------------- integers */

static uint64_t intval(void) {
    switch (below(8)) {
    case 0: return 0;
    case 1: return (uint64_t)-1;
    case 2: return 1ull << below(64);
    case 3: return (uint64_t)((int64_t)rnd() >> below(64));
    case 4: return rnd() >> below(64);
    case 5: return (uint64_t)(int64_t)(int32_t)rnd();
    case 6: return rnd() & 0xff00ff00ff00ff00ull;
    default: return rnd();
    }
}

#define RR(name, insn) static uint64_t op_##name(uint64_t a, uint64_t b) { uint64_t r; \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
#define R1(name, insn) static uint64_t op_##name(uint64_t a, uint64_t b) { uint64_t r; (void)b; \
    __asm__ volatile(insn " %0, %1" : "=r"(r) : "r"(a)); return r; }
#define RI(name, insn, imm) static uint64_t op_##name(uint64_t a, uint64_t b) { uint64_t r; (void)b; \
    __asm__ volatile(insn " %0, %1, " #imm : "=r"(r) : "r"(a)); return r; }

RR(sh1add, "sh1add") RR(sh2add, "sh2add") RR(sh3add, "sh3add") RR(add_uw, "add.uw") RR(sh1add_uw, "sh1add.uw")
RR(sh2add_uw, "sh2add.uw") RR(sh3add_uw, "sh3add.uw") RI(slli_uw_0, "slli.uw", 0) RI(slli_uw_5, "slli.uw", 5)
RI(slli_uw_32, "slli.uw", 32) RI(slli_uw_63, "slli.uw", 63)
RR(andn, "andn") RR(orn, "orn") RR(xnor, "xnor") R1(clz, "clz") R1(ctz, "ctz") R1(cpop, "cpop")
R1(clzw, "clzw") R1(ctzw, "ctzw") R1(cpopw, "cpopw") RR(max, "max") RR(maxu, "maxu") RR(min, "min")
RR(minu, "minu") R1(sext_b, "sext.b") R1(sext_h, "sext.h") R1(zext_h, "zext.h") RR(rol, "rol") RR(ror, "ror")
RR(rolw, "rolw") RR(rorw, "rorw") RI(rori_1, "rori", 1) RI(rori_37, "rori", 37) RI(rori_63, "rori", 63)
RI(roriw_0, "roriw", 0) RI(roriw_13, "roriw", 13) RI(roriw_31, "roriw", 31) R1(orc_b, "orc.b") R1(rev8, "rev8")
RR(clmul, "clmul") RR(clmulh, "clmulh") RR(clmulr, "clmulr")
RR(bclr, "bclr") RR(bext, "bext") RR(binv, "binv") RR(bset, "bset") RI(bclri_7, "bclri", 7)
RI(bexti_63, "bexti", 63) RI(binvi_32, "binvi", 32) RI(bseti_0, "bseti", 0)
RR(pack, "pack") RR(packh, "packh") RR(packw, "packw") R1(brev8, "brev8") RR(xperm4, "xperm4") RR(xperm8, "xperm8")

struct intop { const char *name; uint64_t (*fn)(uint64_t, uint64_t); };
#define OP(n) {#n, op_##n}
static const struct intop intops[] = {
    OP(sh1add), OP(sh2add), OP(sh3add), OP(add_uw), OP(sh1add_uw), OP(sh2add_uw), OP(sh3add_uw), OP(slli_uw_0),
    OP(slli_uw_5), OP(slli_uw_32), OP(slli_uw_63), OP(andn), OP(orn), OP(xnor), OP(clz), OP(ctz), OP(cpop),
    OP(clzw), OP(ctzw), OP(cpopw), OP(max), OP(maxu), OP(min), OP(minu), OP(sext_b), OP(sext_h), OP(zext_h),
    OP(rol), OP(ror), OP(rolw), OP(rorw), OP(rori_1), OP(rori_37), OP(rori_63), OP(roriw_0), OP(roriw_13),
    OP(roriw_31), OP(orc_b), OP(rev8), OP(clmul), OP(clmulh), OP(clmulr), OP(bclr), OP(bext), OP(binv),
    OP(bset), OP(bclri_7), OP(bexti_63), OP(binvi_32), OP(bseti_0), OP(pack), OP(packh), OP(packw), OP(brev8),
    OP(xperm4), OP(xperm8),
};

static void integers(int count) {
    for (unsigned i = 0; i < sizeof intops / sizeof intops[0]; i++) {
        for (int k = 0; k < count; k++) {
            uint64_t a = intval(), b = intval();
            if (intops[i].fn == op_ctzw && (uint32_t)a == 0 && a != 0) {
                /* qemu-riscv64 7.2 counts past bit 31 there (the ISA says 32): not compared */
                a |= 1;
            }
            if (intops[i].fn == op_xperm8 || intops[i].fn == op_xperm4) {
                b &= below(2) ? 0x0f0f0f0f0f0f0f0full : (uint64_t)-1; /* mostly in-range indices */
            }
            printf("%s %llx %llx %llx\n", intops[i].name, (unsigned long long)a, (unsigned long long)b,
                   (unsigned long long)intops[i].fn(a, b));
        }
    }
}

/* ---------------------------------------------------------------- half precision */

#define BOX_H 0xffffffffffff0000ull
#define BOX_S 0xffffffff00000000ull

/* p: precision, eb: exponent bits; a value of that format near exponent e */
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
    if (below(12) == 0) {
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
    int k = below(10);
    if (k <= 1) return with_exp(p, eb, below(2), emin - 1 - below(p));
    if (k == 2) return with_exp(p, eb, below(2), emax - below(3));
    if (k == 3) return with_exp(p, eb, below(2), emin + below(3));
    return with_exp(p, eb, below(2), below(13) - 6);
}

/* 1 in 16 half operands is not NaN-boxed and must read as the canonical NaN */
static uint64_t hval(void) {
    uint64_t v = value(11, 5);
    return below(16) ? (v | BOX_H) : v | ((rnd() & 0xffff) << 16) | ((uint64_t)below(2) << 63);
}

static uint64_t intish(void) {
    switch (below(4)) {
    case 0: return intval();
    case 1: return (uint64_t)(int64_t)(below(140000) - 70000);
    case 2: return (uint64_t)below(70000);
    default: return (uint64_t)(int64_t)(int32_t)(below(2) ? 65504 + below(40) - 20 : -(65504 + below(40) - 20));
    }
}

static void set_rm(int rm) { __asm__ volatile("fsrm %0" :: "r"(rm)); }
static void clear_flags(void) { __asm__ volatile("fsflags x0"); }
static unsigned get_flags(void) { unsigned f; __asm__ volatile("frflags %0" : "=r"(f)); return f; }

#define FP3(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; \
    __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n fmv.d.x ft2, %3\n " insn " ft3, ft0, ft1, ft2\n fmv.x.d %0, ft3" \
                     : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3"); return r; }
#define FP2(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)c; \
    __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n " insn " ft3, ft0, ft1\n fmv.x.d %0, ft3" \
                     : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft3"); return r; }
#define FP1(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)b; (void)c; \
    __asm__ volatile("fmv.d.x ft0, %1\n " insn " ft3, ft0\n fmv.x.d %0, ft3" : "=r"(r) : "r"(a) : "ft0", "ft3"); return r; }
#define CMP(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)c; \
    __asm__ volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n " insn " %0, ft0, ft1" : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1"); return r; }
#define TOI(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)b; (void)c; \
    __asm__ volatile("fmv.d.x ft0, %1\n " insn " %0, ft0" : "=r"(r) : "r"(a) : "ft0"); return r; }
#define TOF(name, insn) static uint64_t name(uint64_t a, uint64_t b, uint64_t c) { uint64_t r; (void)b; (void)c; \
    __asm__ volatile(insn " ft3, %1\n fmv.x.d %0, ft3" : "=r"(r) : "r"(a) : "ft3"); return r; }

FP3(fmadd_h, "fmadd.h") FP3(fmsub_h, "fmsub.h") FP3(fnmsub_h, "fnmsub.h") FP3(fnmadd_h, "fnmadd.h")
FP2(fadd_h, "fadd.h") FP2(fsub_h, "fsub.h") FP2(fmul_h, "fmul.h") FP2(fdiv_h, "fdiv.h")
FP2(fmin_h, "fmin.h") FP2(fmax_h, "fmax.h") FP2(fsgnj_h, "fsgnj.h") FP2(fsgnjn_h, "fsgnjn.h")
FP2(fsgnjx_h, "fsgnjx.h") FP1(fsqrt_h, "fsqrt.h") FP1(fcvt_s_h, "fcvt.s.h") FP1(fcvt_h_s, "fcvt.h.s")
FP1(fcvt_d_h, "fcvt.d.h") FP1(fcvt_h_d, "fcvt.h.d")
CMP(feq_h, "feq.h") CMP(flt_h, "flt.h") CMP(fle_h, "fle.h") TOI(fclass_h, "fclass.h")
TOI(fcvt_w_h, "fcvt.w.h") TOI(fcvt_wu_h, "fcvt.wu.h") TOI(fcvt_l_h, "fcvt.l.h") TOI(fcvt_lu_h, "fcvt.lu.h")
TOF(fcvt_h_w, "fcvt.h.w") TOF(fcvt_h_wu, "fcvt.h.wu") TOF(fcvt_h_l, "fcvt.h.l") TOF(fcvt_h_lu, "fcvt.h.lu")

enum kind { HLF, F2I, I2F, FROM_S, FROM_D };
struct fpop { const char *name; uint64_t (*fn)(uint64_t, uint64_t, uint64_t); int nops; int rounds; enum kind kind; };
static const struct fpop fpops[] = {
    {"fadd_h", fadd_h, 2, 1, HLF}, {"fsub_h", fsub_h, 2, 1, HLF}, {"fmul_h", fmul_h, 2, 1, HLF},
    {"fdiv_h", fdiv_h, 2, 1, HLF}, {"fsqrt_h", fsqrt_h, 1, 1, HLF},
    {"fmadd_h", fmadd_h, 3, 1, HLF}, {"fmsub_h", fmsub_h, 3, 1, HLF}, {"fnmsub_h", fnmsub_h, 3, 1, HLF},
    {"fnmadd_h", fnmadd_h, 3, 1, HLF},
    {"fmin_h", fmin_h, 2, 0, HLF}, {"fmax_h", fmax_h, 2, 0, HLF}, {"feq_h", feq_h, 2, 0, HLF},
    {"flt_h", flt_h, 2, 0, HLF}, {"fle_h", fle_h, 2, 0, HLF}, {"fclass_h", fclass_h, 1, 0, HLF},
    {"fsgnj_h", fsgnj_h, 2, 0, HLF}, {"fsgnjn_h", fsgnjn_h, 2, 0, HLF}, {"fsgnjx_h", fsgnjx_h, 2, 0, HLF},
    {"fcvt_w_h", fcvt_w_h, 1, 1, F2I}, {"fcvt_wu_h", fcvt_wu_h, 1, 1, F2I},
    {"fcvt_l_h", fcvt_l_h, 1, 1, F2I}, {"fcvt_lu_h", fcvt_lu_h, 1, 1, F2I},
    {"fcvt_h_w", fcvt_h_w, 1, 1, I2F}, {"fcvt_h_wu", fcvt_h_wu, 1, 1, I2F},
    {"fcvt_h_l", fcvt_h_l, 1, 1, I2F}, {"fcvt_h_lu", fcvt_h_lu, 1, 1, I2F},
    {"fcvt_s_h", fcvt_s_h, 1, 1, HLF}, {"fcvt_d_h", fcvt_d_h, 1, 1, HLF},
    {"fcvt_h_s", fcvt_h_s, 1, 1, FROM_S}, {"fcvt_h_d", fcvt_h_d, 1, 1, FROM_D},
};

static void halves(int count) {
    for (unsigned i = 0; i < sizeof fpops / sizeof fpops[0]; i++) {
        const struct fpop *o = &fpops[i];
        for (int rm = 0; rm < (o->rounds ? 5 : 1); rm++) {
            for (int k = 0; k < count; k++) {
                uint64_t a, b = 0, c = 0;
                switch (o->kind) {
                case HLF: a = hval(); b = hval(); c = hval(); break;
                case F2I: a = below(3) ? hval() : BOX_H | with_exp(11, 5, below(2), below(18) - 2); break;
                case I2F: a = intish(); break;
                case FROM_S: a = BOX_S | (below(2) ? value(24, 8) : with_exp(24, 8, below(2), below(40) - 26)); break;
                default: a = below(2) ? value(53, 11) : with_exp(53, 11, below(2), below(40) - 26); break;
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
}

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "all";
    int count = argc > 2 ? atoi(argv[2]) : 40;
    if (argc > 3) {
        state = strtoull(argv[3], 0, 0) | 1;
    }
    if (strcmp(what, "fp") != 0) {
        integers(count);
    }
    if (strcmp(what, "int") != 0) {
        halves(count);
    }
    return 0;
}
