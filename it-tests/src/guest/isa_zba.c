/* tcg4j-march: rv64gc_zba */
/* Zba address generation. Expected values: RISC-V Unprivileged ISA, chapter "B Extension for
 * Bit Manipulation", section Zba: shNadd rd = rs2 + (rs1 << N); add.uw rd = rs2 + zext32(rs1);
 * shNadd.uw rd = rs2 + (zext32(rs1) << N); slli.uw rd = zext32(rs1) << shamt. */
#include "isa_check.h"

int main(void) {
    check("sh1add", RR("sh1add", 5, 100), 110);
    check("sh2add", RR("sh2add", 5, 100), 120);
    check("sh3add", RR("sh3add", 5, 100), 140);
    check("sh3add wraps", RR("sh3add", 0x2000000000000000ull, 1), 1);
    check("sh1add negative index", RR("sh1add", (uint64_t)-4, 0x1000), 0xff8);
    check("add.uw drops the upper word", RR("add.uw", 0xffffffff80000000ull, 1), 0x80000001ull);
    check("zext.w (add.uw rs2=x0)", R1("zext.w", 0x12345678deadbeefull), 0xdeadbeefull);
    check("sh1add.uw", RR("sh1add.uw", 0xffffffff80000000ull, 3), 0x100000003ull);
    check("sh2add.uw", RR("sh2add.uw", 0x1ffffffffull, 0), 0x3fffffffcull);
    check("sh3add.uw", RR("sh3add.uw", 0xfffffffffffffff0ull, 8), 0x7ffffff88ull);
    check("slli.uw", RI("slli.uw", 0xabcdef0180000001ull, 4), 0x800000010ull);
    check("slli.uw by 63", RI("slli.uw", 0x3ull, 63), 0x8000000000000000ull);
    check("slli.uw by 0", RI("slli.uw", 0xffffffffffffffffull, 0), 0xffffffffull);
    return finish("zba");
}
