/* RV64M multiply and divide on edge operands.
 * Expected values: RISC-V Unprivileged ISA, chapter "M Standard Extension for Integer
 * Multiplication and Division", in particular Table "Semantics for division by zero and
 * division overflow" (quotient of x/0 is all ones, remainder of x/0 is x; the signed
 * overflow -2^(L-1)/-1 yields quotient -2^(L-1) and remainder 0). */
#include "isa_check.h"

static const uint64_t MIN64 = 0x8000000000000000ull;
static const uint64_t MAX64 = 0x7fffffffffffffffull;
static const uint64_t ONES = 0xffffffffffffffffull;

static void multiply(void) {
    /* MUL returns the lower XLEN bits of the product. */
    check("mul low bits wrap", RR("mul", 0x100000000ull, 0x100000000ull), 0);
    check("mul -1 * -1", RR("mul", ONES, ONES), 1);
    check("mul MAX * 2", RR("mul", MAX64, 2), 0xfffffffffffffffeull);
    /* MULH/MULHU/MULHSU return the upper XLEN bits of the 2*XLEN-bit product for
     * signed x signed, unsigned x unsigned and signed rs1 x unsigned rs2. */
    check("mulh -1 * -1", RR("mulh", ONES, ONES), 0);
    check("mulh MIN * MIN = 2^126", RR("mulh", MIN64, MIN64), 0x4000000000000000ull);
    check("mulh MIN * -1", RR("mulh", MIN64, ONES), 0);
    check("mulhu (2^64-1)^2", RR("mulhu", ONES, ONES), 0xfffffffffffffffeull);
    check("mulhsu -1 * (2^64-1)", RR("mulhsu", ONES, ONES), ONES);
    check("mulhsu 2 * 2^63", RR("mulhsu", 2, MIN64), 1);
    check("mulhsu -2 * 2^63", RR("mulhsu", 0xfffffffffffffffeull, MIN64), ONES);
    /* MULW multiplies the lower 32 bits and sign-extends the lower 32 bits of the result. */
    check("mulw sign-extends", RR("mulw", 0x7fffffff, 2), 0xfffffffffffffffeull);
    check("mulw wraps to zero", RR("mulw", 0x10000, 0x10000), 0);
    check("mulw ignores upper source bits", RR("mulw", 0xffffffff00000003ull, 0x1234567800000005ull), 15);
}

static void divide(void) {
    /* DIV/DIVU round towards zero; REM has the sign of the dividend. */
    check("div rounds towards zero", RR("div", (uint64_t)-7, 2), (uint64_t)-3);
    check("rem takes the dividend's sign", RR("rem", (uint64_t)-7, 2), (uint64_t)-1);
    check("rem with negative divisor", RR("rem", 7, (uint64_t)-2), 1);
    check("divu of a large value", RR("divu", ONES, 2), MAX64);
    check("remu", RR("remu", ONES, 10), 5);
    /* Division by zero (table in the M chapter). */
    check("div by zero is -1", RR("div", 42, 0), ONES);
    check("divu by zero is 2^64-1", RR("divu", 42, 0), ONES);
    check("rem by zero is the dividend", RR("rem", (uint64_t)-42, 0), (uint64_t)-42);
    check("remu by zero is the dividend", RR("remu", 42, 0), 42);
    /* Signed overflow. */
    check("div MIN / -1 is MIN", RR("div", MIN64, ONES), MIN64);
    check("rem MIN / -1 is 0", RR("rem", MIN64, ONES), 0);
    /* W forms: 32-bit operands, sign-extended 32-bit results, same special cases at L=32. */
    check("divw by zero is -1", RR("divw", 42, 0), ONES);
    check("divuw by zero is sext(2^32-1)", RR("divuw", 42, 0), ONES);
    check("remw by zero is sext(dividend)", RR("remw", 0x80000000ull, 0), 0xffffffff80000000ull);
    check("remuw by zero is sext(dividend)", RR("remuw", 0x123456789ull, 0), 0x23456789);
    check("divw INT32_MIN / -1", RR("divw", 0x80000000ull, ONES), 0xffffffff80000000ull);
    check("remw INT32_MIN / -1", RR("remw", 0x80000000ull, ONES), 0);
    check("divw ignores upper bits", RR("divw", 0x00000001fffffff9ull, 2), (uint64_t)-3);
    check("divuw is unsigned on 32 bits", RR("divuw", 0xffffffff80000000ull, 2), 0x40000000);
    check("remuw", RR("remuw", 0xffffffffull, 10), 5);
    check("remw sign of dividend", RR("remw", 0xfffffff9ull, 2), ONES);
}

int main(void) {
    multiply();
    divide();
    return finish("rv64m");
}
