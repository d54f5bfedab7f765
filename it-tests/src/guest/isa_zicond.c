/* Zicond, conditional zeroing. Expected values: RISC-V Unprivileged ISA, chapter "Zicond
 * Extension for Integer Conditional Operations": czero.eqz rd = rs2 == 0 ? 0 : rs1;
 * czero.nez rd = rs2 != 0 ? 0 : rs1. binutils 2.40 lacks the mnemonics, so .insn spells them
 * (OP opcode 0x33, funct7 0000111, funct3 101 and 111). qemu-riscv64 7.2 lacks Zicond. */
#include "isa_check.h"

#define CZERO_EQZ(a, b) ({ uint64_t r_; __asm__ volatile(".insn r 0x33, 5, 7, %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })
#define CZERO_NEZ(a, b) ({ uint64_t r_; __asm__ volatile(".insn r 0x33, 7, 7, %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })

static uint64_t select(uint64_t cond, uint64_t a, uint64_t b) {
    /* the idiom compilers emit for cond ? a : b */
    return CZERO_EQZ(a, cond) | CZERO_NEZ(b, cond);
}

int main(void) {
    check("czero.eqz keeps rs1 when rs2 != 0", CZERO_EQZ(0x1234, 1), 0x1234);
    check("czero.eqz zeroes when rs2 == 0", CZERO_EQZ(0x1234, 0), 0);
    check("czero.eqz any non-zero rs2", CZERO_EQZ(0xffffffffffffffffull, 0x8000000000000000ull), 0xffffffffffffffffull);
    check("czero.nez zeroes when rs2 != 0", CZERO_NEZ(0x1234, 7), 0);
    check("czero.nez keeps rs1 when rs2 == 0", CZERO_NEZ(0x1234, 0), 0x1234);
    check("select true", select(1, 11, 22), 11);
    check("select false", select(0, 11, 22), 22);
    return finish("zicond");
}
