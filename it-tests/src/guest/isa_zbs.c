/* tcg4j-march: rv64gc_zbs */
/* Zbs single-bit instructions. Expected values: RISC-V Unprivileged ISA, "B Extension for Bit
 * Manipulation", section Zbs: the bit index is rs2 (or shamt) modulo XLEN; bclr clears, bset
 * sets, binv inverts that bit of rs1, bext returns it in bit 0. */
#include "isa_check.h"

int main(void) {
    check("bclr", RR("bclr", 0xffull, 3), 0xf7);
    check("bclr index modulo 64", RR("bclr", 0xffull, 64 + 1), 0xfd);
    check("bclri 63", RI("bclri", 0xffffffffffffffffull, 63), 0x7fffffffffffffffull);
    check("bset", RR("bset", 0, 40), 0x10000000000ull);
    check("bseti", RI("bseti", 1, 63), 0x8000000000000001ull);
    check("binv", RR("binv", 0x10ull, 4), 0);
    check("binvi", RI("binvi", 0, 31), 0x80000000ull);
    check("bext set bit", RR("bext", 0x8000000000000000ull, 63), 1);
    check("bext clear bit", RR("bext", 0x7fffffffffffffffull, (uint64_t)-1), 0);
    check("bexti", RI("bexti", 0x20ull, 5), 1);
    return finish("zbs");
}
