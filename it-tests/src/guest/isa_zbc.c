/* tcg4j-march: rv64gc_zbc */
/* Zbc carry-less multiplication. Expected values: RISC-V Unprivileged ISA, "B Extension for Bit
 * Manipulation", section Zbc: clmul gives bits XLEN-1:0 of the carry-less (GF(2)[x]) product,
 * clmulh bits 2*XLEN-1:XLEN, clmulr bits 2*XLEN-2:XLEN-1. Products worked by hand:
 * (x+1)^2 = x^2+1; x^63 * x^63 = x^126; (x^64-1 as all ones) * x = all ones shifted by one. */
#include "isa_check.h"

int main(void) {
    check("clmul (x+1)^2", RR("clmul", 3, 3), 5);
    check("clmul by x", RR("clmul", 0xffffffffffffffffull, 2), 0xfffffffffffffffeull);
    check("clmulh by x", RR("clmulh", 0xffffffffffffffffull, 2), 1);
    check("clmul x^63*x^63 low", RR("clmul", 0x8000000000000000ull, 0x8000000000000000ull), 0);
    check("clmulh x^63*x^63", RR("clmulh", 0x8000000000000000ull, 0x8000000000000000ull), 0x4000000000000000ull);
    check("clmulr x^63*x^63", RR("clmulr", 0x8000000000000000ull, 0x8000000000000000ull), 0x8000000000000000ull);
    check("clmulr of 1*1", RR("clmulr", 1, 1), 0);
    check("clmulr x^32*x^31", RR("clmulr", 0x100000000ull, 0x80000000ull), 1);
    /* (x^2+x+1)(x+1) = x^3+1 */
    check("clmul no carries", RR("clmul", 7, 3), 9);
    /* all ones squared: x^(2i) for i < 64, so the even bits */
    check("clmul ones^2 low", RR("clmul", 0xffffffffffffffffull, 0xffffffffffffffffull), 0x5555555555555555ull);
    check("clmulh ones^2", RR("clmulh", 0xffffffffffffffffull, 0xffffffffffffffffull), 0x5555555555555555ull);
    return finish("zbc");
}
