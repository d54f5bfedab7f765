/* tcg4j-march: rv64gc_zbkb_zbkx */
/* Zbkb and Zbkx, bit manipulation for cryptography. Expected values: RISC-V Unprivileged ISA,
 * "B Extension for Bit Manipulation" (pack, packh, packw, brev8) and the scalar cryptography
 * chapter (xperm4, xperm8): pack rd = rs2[31:0] << 32 | rs1[31:0]; packh rd = rs2[7:0] << 8 |
 * rs1[7:0]; packw rd = sext32(rs2[15:0] << 16 | rs1[15:0]); brev8 reverses the bits of each
 * byte; xperm8/xperm4 look each byte/nibble of rs2 up as an index into rs1, 0 when out of
 * range. The Zbb instructions Zbkb shares (andn, rol, rev8, ...) are tested in isa_zbb. */
#include "isa_check.h"

int main(void) {
    check("pack", RR("pack", 0xaaaaaaaa11111111ull, 0xbbbbbbbb22222222ull), 0x2222222211111111ull);
    check("packh", RR("packh", 0x1234ull, 0x5678ull), 0x7834);
    check("packw sign-extends", RR("packw", 0xffff1234ull, 0x00008765ull), 0xffffffff87651234ull);
    check("packw positive", RR("packw", 0x1111ull, 0x2222ull), 0x22221111);
    check("brev8", R1("brev8", 0x0102040810204080ull), 0x8040201008040201ull);
    check("brev8 of 0x0f", R1("brev8", 0x0full), 0xf0);
    check("xperm8 identity", RR("xperm8", 0x0706050403020100ull, 0x0001020304050607ull), 0x0001020304050607ull);
    check("xperm8 out of range is 0", RR("xperm8", 0x1122334455667788ull, 0x08ff000000000007ull), 0x0000888888888811ull);
    check("xperm4 reverses nibbles", RR("xperm4", 0xfedcba9876543210ull, 0x0123456789abcdefull), 0x0123456789abcdefull);
    check("xperm4 picks", RR("xperm4", 0x00000000000000a5ull, 0x1010101010101010ull), 0xa5a5a5a5a5a5a5a5ull);
    return finish("zbkb");
}
