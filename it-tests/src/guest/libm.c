/* libm across a range of arguments, double and float: the results come from glibc's own
 * code running on the emulated FPU, so any difference is an emulation difference. */
#include <math.h>
#include <stdio.h>

static volatile double xs[] = {-10.5, -3.0, -1.0, -0.5, -0.0, 0.0, 1e-300, 0.1, 0.5, 1.0, 2.0, 3.14159, 10.0, 100.0, 710.0, 1e10};

int main(void) {
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double x = xs[i];
        printf("x=%.17g\n", x);
        printf("  sin %.17g cos %.17g tan %.17g\n", sin(x), cos(x), tan(x));
        printf("  asin %.17g acos %.17g atan %.17g atan2 %.17g\n", asin(x), acos(x), atan(x), atan2(x, -1.5));
        printf("  exp %.17g expm1 %.17g exp2 %.17g log %.17g log1p %.17g log2 %.17g log10 %.17g\n", exp(x), expm1(x),
               exp2(x), log(x), log1p(x), log2(x), log10(x));
        printf("  pow %.17g pow2 %.17g cbrt %.17g hypot %.17g\n", pow(fabs(x), 1.7), pow(x, 2.0), cbrt(x), hypot(x, 3.0));
        printf("  sinh %.17g cosh %.17g tanh %.17g erf %.17g erfc %.17g tgamma %.17g lgamma %.17g\n", sinh(x), cosh(x),
               tanh(x), erf(x), erfc(x), tgamma(x), lgamma(x));
        printf("  fmod %.17g remainder %.17g floor %.17g ceil %.17g round %.17g trunc %.17g nextafter %.17g\n",
               fmod(x, 0.7), remainder(x, 0.7), floor(x), ceil(x), round(x), trunc(x), nextafter(x, 1.0));
        int e;
        double m = frexp(x, &e);
        printf("  frexp %.17g %d ldexp %.17g\n", m, e, ldexp(x, 7));
        float f = (float)x;
        printf("  float sin %.9g exp %.9g log %.9g pow %.9g sqrt %.9g atan2 %.9g\n", sinf(f), expf(f), logf(f),
               powf(fabsf(f), 0.3f), sqrtf(f), atan2f(f, 2.0f));
    }
    return 0;
}
