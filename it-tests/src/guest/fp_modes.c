/* Floating point through libc under all four C rounding modes: arithmetic, sqrt, fma,
 * conversions that saturate, NaN/inf/-0, float and double, with printf (which itself rounds
 * in the current mode) and the exception flags read with fetestexcept. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
static const char *mode_names[] = {"nearest", "downward", "upward", "towardzero"};

static volatile double dv[] = {0.1, 0.2, 1.0 / 3.0, -2.5, 2.5, 1e308, -1e-310, 0.0, -0.0, 3e9, -3e9, 1e19, -1e19,
                               4294967295.5, 9.2233720368547758e18};
static volatile float fv[] = {0.1f, 0.2f, 1.0f / 3.0f, -2.5f, 2.5f, 3.4e38f, -1e-40f, 0.0f, -0.0f, 16777217.0f};
#define ND (sizeof dv / sizeof dv[0])
#define NF (sizeof fv / sizeof fv[0])

/* Flags are sampled right after the operations (printf itself may raise inexact). */
static int take_flags(void) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    return f;
}

static void print_flags(const char *what, int f) {
    printf("  flags %s:%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "", f & FE_DIVBYZERO ? " divbyzero" : "",
           f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "");
}

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* Saturating conversions written as the instructions do them (C leaves these undefined). */
static int64_t cvt_w_d(double d) { int64_t r; __asm__ volatile("fcvt.w.d %0, %1, rtz" : "=r"(r) : "f"(d)); return r; }
static int64_t cvt_l_d(double d) { int64_t r; __asm__ volatile("fcvt.l.d %0, %1, rtz" : "=r"(r) : "f"(d)); return r; }
static uint64_t cvt_lu_d(double d) { uint64_t r; __asm__ volatile("fcvt.lu.d %0, %1, rtz" : "=r"(r) : "f"(d)); return r; }
static int64_t cvt_wu_s(float f) { int64_t r; __asm__ volatile("fcvt.wu.s %0, %1, rtz" : "=r"(r) : "f"(f)); return r; }
static int64_t cvt_l_dyn(double d) { int64_t r; __asm__ volatile("fcvt.l.d %0, %1" : "=r"(r) : "f"(d)); return r; }

static void doubles(void) {
    for (unsigned i = 0; i < ND; i++) {
        double a = dv[i], b = dv[(i + 1) % ND];
        feclearexcept(FE_ALL_EXCEPT);
        /* volatile results pin the operations before the flags are sampled */
        volatile double s = a + b, p = a * b, q = a / b, r = sqrt(fabs(a)), f = fma(a, b, 1.0);
        int fl = take_flags();
        volatile int64_t w = cvt_w_d(a), l = cvt_l_d(a), ld = cvt_l_dyn(a);
        volatile uint64_t lu = cvt_lu_d(a);
        volatile double ri = rint(a), nb = nearbyint(a);
        volatile float nf = (float)a;
        int fc = take_flags();
        printf("d %.17g %.17g: + %.17g * %.17g / %.17g sqrt %.17g fma %.17g\n", a, b, s, p, q, r, f);
        printf("  bits %016llx %016llx %016llx  %a %a\n", (unsigned long long)dbits(s), (unsigned long long)dbits(q),
               (unsigned long long)dbits(f), s, q);
        print_flags("arith", fl);
        printf("  cvt w %lld l %lld lu %llu rint %.17g nearbyint %.17g lrint %lld (float)%.9g\n", (long long)w,
               (long long)l, (unsigned long long)lu, ri, nb, (long long)ld, (double)nf);
        print_flags("cvt", fc);
    }
}

static void floats(void) {
    for (unsigned i = 0; i < NF; i++) {
        float a = fv[i], b = fv[(i + 3) % NF];
        feclearexcept(FE_ALL_EXCEPT);
        volatile float s = a + b, p = a * b, q = a / b, r = sqrtf(fabsf(a)), f = fmaf(a, b, -1.0f);
        int fl = take_flags();
        volatile int64_t wu = cvt_wu_s(a);
        volatile double wide = a;
        int fc = take_flags();
        printf("f %.9g %.9g: + %.9g * %.9g / %.9g sqrt %.9g fma %.9g bits %08x %08x\n", a, b, s, p, q, r, f, fbits(s),
               fbits(q));
        print_flags("arith", fl);
        printf("  cvt wu %lld widen %.17g\n", (long long)wu, wide);
        print_flags("cvt", fc);
    }
}

static void specials(void) {
    volatile double zero = 0.0, inf = INFINITY, nan_ = NAN, one = 1.0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double pinf = one / zero, ninf = -one / zero;
    int f1 = take_flags();
    volatile double dnan = zero / zero, diff = inf - inf;
    int f2 = take_flags();
    volatile int lt = nan_ < one, eq = nan_ == nan_;
    int f3 = take_flags();
    printf("specials: 1/0 %g -1/0 %g 0/0 isnan %d inf-inf isnan %d -0 %g signbit(-0) %d\n", pinf, ninf, isnan(dnan),
           isnan(diff), -zero, signbit(-zero) != 0);
    print_flags("divide", f1);
    print_flags("invalid", f2);
    printf("  fmin(-0,0) signbit %d fmax(nan,1) %g copysign %g nan<1 %d nan==nan %d\n", signbit(fmin(-0.0, zero)) != 0,
           fmax(nan_, one), copysign(3.0, -zero), lt, eq);
    print_flags("compare", f3);
    printf("  isinf %d isnan %d isfinite %d fpclassify %d %d %d\n", isinf(inf), isnan(nan_), isfinite(one),
           fpclassify(1e-310), fpclassify(zero), fpclassify(inf));
}

int main(void) {
    for (int m = 0; m < 4; m++) {
        if (fesetround(modes[m]) != 0) { printf("fesetround failed\n"); return 1; }
        printf("== mode %s (fegetround ok %d)\n", mode_names[m], fegetround() == modes[m]);
        doubles();
        floats();
        specials();
    }
    fesetround(FE_TONEAREST);
    return 0;
}
