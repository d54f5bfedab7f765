/* RVC compressed instructions on edge operands. Each case uses an explicit c.* mnemonic so
 * that the assembler must emit the 16-bit encoding. Expected values: RISC-V Unprivileged
 * ISA, chapter "C Standard Extension for Compressed Instructions": every compressed
 * instruction expands to a base instruction with the stated immediate scaling and sign
 * extension, and C.JALR links pc+2. */
#include "isa_check.h"

#define C1(text) ({ uint64_t r_; __asm__ volatile(".option push\n.option rvc\n" text "\n.option pop" : "=&r"(r_) : : "a0", "a1", "memory"); r_; })

static void immediates(void) {
    /* C.LI: 6-bit sign-extended immediate. */
    check("c.li -32", C1("c.li a0, -32\n mv %0, a0"), (uint64_t)-32);
    check("c.li 31", C1("c.li a0, 31\n mv %0, a0"), 31);
    /* C.LUI: nzimm[17:12] sign-extended, so 0xfffe0 is -32 << 12. */
    check("c.lui negative", C1("c.lui a0, 0xfffe0\n mv %0, a0"), 0xfffffffffffe0000ull);
    check("c.lui 1", C1("c.lui a0, 1\n mv %0, a0"), 0x1000);
    /* C.ADDI: sign-extended 6-bit immediate. */
    check("c.addi -1", C1("li a0, 0\n c.addi a0, -1\n mv %0, a0"), ~0ull);
    /* C.ADDIW (RV64): 32-bit add, sign-extended; c.addiw rd, 0 is sext.w. */
    check("c.addiw wraps", C1("li a0, 0x7fffffff\n c.addiw a0, 1\n mv %0, a0"), 0xffffffff80000000ull);
    check("c.addiw 0 is sext.w", C1("li a0, 0xffffffff\n c.addiw a0, 0\n mv %0, a0"), ~0ull);
    /* C.ANDI: sign-extended immediate. */
    check("c.andi -32", C1("li a0, -1\n c.andi a0, -32\n mv %0, a0"), 0xffffffffffffffe0ull);
}

static void shifts(void) {
    check("c.slli 63", C1("li a0, 1\n c.slli a0, 63\n mv %0, a0"), 0x8000000000000000ull);
    check("c.srli 63", C1("li a0, -1\n c.srli a0, 63\n mv %0, a0"), 1);
    check("c.srai 63", C1("li a0, -1\n slli a0, a0, 63\n c.srai a0, 63\n mv %0, a0"), ~0ull);
    check("c.srli 32", C1("li a0, -1\n c.srli a0, 32\n mv %0, a0"), 0xffffffffull);
}

static void register_ops(void) {
    check("c.mv", C1("li a1, 1234\n c.mv a0, a1\n mv %0, a0"), 1234);
    check("c.add", C1("li a0, -1\n li a1, 2\n c.add a0, a1\n mv %0, a0"), 1);
    check("c.sub", C1("li a0, 0\n li a1, 1\n c.sub a0, a1\n mv %0, a0"), ~0ull);
    check("c.xor", C1("li a0, 0xff\n li a1, 0x0f\n c.xor a0, a1\n mv %0, a0"), 0xf0);
    check("c.or", C1("li a0, 0xf0\n li a1, 0x0f\n c.or a0, a1\n mv %0, a0"), 0xff);
    check("c.and", C1("li a0, 0xf0\n li a1, 0x3c\n c.and a0, a1\n mv %0, a0"), 0x30);
    /* C.ADDW/C.SUBW: 32-bit results sign-extended. */
    check("c.addw", C1("li a0, 0x7fffffff\n li a1, 1\n c.addw a0, a1\n mv %0, a0"), 0xffffffff80000000ull);
    check("c.subw", C1("li a0, 0\n li a1, 1\n c.subw a0, a1\n mv %0, a0"), ~0ull);
    check("c.subw ignores upper bits", C1("li a0, 0x100000005\n li a1, 2\n c.subw a0, a1\n mv %0, a0"), 3);
}

static void memory(void) {
    static volatile uint64_t cell[2] = {0x00000000fffffff0ull, 0};
    uint64_t r;
    /* C.LW sign-extends, C.LD, C.SW, C.SD; offsets are scaled by the access size. */
    __asm__ volatile(".option push\n.option rvc\n mv a1, %1\n c.lw a0, 0(a1)\n mv %0, a0\n.option pop"
                     : "=&r"(r) : "r"(cell) : "a0", "a1");
    check("c.lw sign-extends", r, 0xfffffffffffffff0ull);
    __asm__ volatile(".option push\n.option rvc\n mv a1, %1\n li a0, 77\n c.sd a0, 8(a1)\n c.ld a0, 8(a1)\n mv %0, a0\n.option pop"
                     : "=&r"(r) : "r"(cell) : "a0", "a1", "memory");
    check("c.sd/c.ld", r, 77);
    __asm__ volatile(".option push\n.option rvc\n mv a1, %0\n li a0, -1\n c.sw a0, 12(a1)\n.option pop"
                     : : "r"(cell) : "a0", "a1", "memory");
    check("c.sw writes the upper word", cell[1], 0xffffffff0000004dull);
    /* Stack-pointer forms: reserve 32 bytes with C.ADDI16SP (immediate scaled by 16). */
    uint64_t sp_before, sp_after, spn;
    __asm__ volatile(".option push\n.option rvc\n"
                     "mv %0, sp\n"
                     "c.addi16sp sp, -32\n"
                     "mv %1, sp\n"
                     "c.addi4spn a1, sp, 8\n"   /* a1 = sp + 8 (zero-extended, scaled by 4) */
                     "sub %2, a1, sp\n"
                     "li a0, -5\n"
                     "c.sdsp a0, 16(sp)\n"
                     "c.swsp a0, 8(sp)\n"
                     "c.ldsp a0, 16(sp)\n"
                     "c.lwsp a1, 8(sp)\n"
                     "add a0, a0, a1\n"
                     "c.addi16sp sp, 32\n"
                     "mv %3, a0\n"
                     ".option pop"
                     : "=&r"(sp_before), "=&r"(sp_after), "=&r"(spn), "=&r"(r) : : "a0", "a1", "memory");
    check("c.addi16sp -32", sp_before - sp_after, 32);
    check("c.addi4spn", spn, 8);
    check("c.sdsp/c.swsp/c.ldsp/c.lwsp", r, (uint64_t)-10);
    /* C.FLD/C.FSD */
    static volatile uint64_t fcell[2] = {0x4000000000000000ull, 0};
    __asm__ volatile(".option push\n.option rvc\n mv a1, %0\n c.fld fa0, 0(a1)\n c.fsd fa0, 8(a1)\n.option pop"
                     : : "r"(fcell) : "a1", "fa0", "memory");
    check("c.fld/c.fsd", fcell[1], 0x4000000000000000ull);
}

static void control_flow(void) {
    check("c.beqz taken", C1("li a0, 0\n li %0, 1\n c.beqz a0, 1f\n li %0, 0\n1:"), 1);
    check("c.bnez not taken", C1("li a0, 0\n li %0, 1\n c.bnez a0, 1f\n li %0, 0\n1:"), 0);
    check("c.j", C1("li %0, 5\n c.j 1f\n li %0, 6\n1:"), 5);
    check("c.jr", C1("la a0, 1f\n li %0, 8\n c.jr a0\n li %0, 9\n1:"), 8);
    /* C.JALR links the address of the following (16-bit) instruction: pc + 2. */
    uint64_t link, at;
    __asm__ volatile(".option push\n.option rvc\n"
                     "la a0, 2f\n"
                     "1: c.jalr a0\n"
                     "2: mv %0, ra\n"
                     "la %1, 1b\n"
                     ".option pop" : "=&r"(link), "=&r"(at) : : "a0", "ra");
    check("c.jalr links pc+2", link - at, 2);
    check("c.nop", C1("li %0, 3\n c.nop"), 3);
}

int main(void) {
    immediates();
    shifts();
    register_ops();
    memory();
    control_flow();
    return finish("rvc");
}
