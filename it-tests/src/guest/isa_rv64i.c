/* RV64I base integer instructions on edge operands.
 * Expected values follow the RISC-V Unprivileged ISA, chapter "RV32I Base Integer
 * Instruction Set" and chapter "RV64I Base Integer Instruction Set". */
#include "isa_check.h"

static const uint64_t MIN64 = 0x8000000000000000ull;
static const uint64_t MAX64 = 0x7fffffffffffffffull;

static void arithmetic(void) {
    /* "Overflows are ignored and the low XLEN bits of results are written" (ADD/SUB). */
    check("add wraps at XLEN", RR("add", MAX64, 1), MIN64);
    check("sub wraps below zero", RR("sub", 0, 1), ~0ull);
    check("addi sign-extends its 12-bit immediate", RI("addi", 0, -2048), 0xfffffffffffff800ull);
    /* RV64I: "ADDW and SUBW ... operate on 32-bit values and produce signed 32-bit results";
     * the 32-bit result is sign-extended to 64 bits and the upper source bits are ignored. */
    check("addw sign-extends the 32-bit sum", RR("addw", 0x7fffffff, 1), 0xffffffff80000000ull);
    check("addw ignores upper source bits", RR("addw", 0xdeadbeef00000001ull, 0x1234567800000002ull), 3);
    check("subw sign-extends", RR("subw", 0x80000000ull, 1), 0x7fffffff);
    check("addiw 0 is sext.w", RI("addiw", 0x00000000ffffffffull, 0), ~0ull);
    check("addiw wraps at 32 bits", RI("addiw", 0x7fffffff, 1), 0xffffffff80000000ull);
}

static void shifts(void) {
    /* RV64I: "the shift amount is encoded in the lower 6 bits of rs2" for SLL/SRL/SRA. */
    check("sll uses the low 6 bits of rs2", RR("sll", 1, 65), 2);
    check("sll by 63", RR("sll", 1, 63), MIN64);
    check("srl is logical", RR("srl", MIN64, 63), 1);
    check("sra replicates the sign bit", RR("sra", MIN64, 63), ~0ull);
    check("srai by 1 of a negative value", RI("srai", 0xfffffffffffffff0ull, 1), 0xfffffffffffffff8ull);
    check("srli by 60", RI("srli", ~0ull, 60), 0xf);
    /* RV64I: SLLW/SRLW/SRAW "shift amount is given by rs2[4:0]" and results are sign-extended. */
    check("sllw uses the low 5 bits of rs2", RR("sllw", 1, 33), 2);
    check("sllw result is sign-extended", RR("sllw", 1, 31), 0xffffffff80000000ull);
    check("srlw shifts in zeros at bit 31", RR("srlw", 0xffffffff80000000ull, 1), 0x40000000);
    check("srlw by 0 still sign-extends", RR("srlw", 0x0000000080000000ull, 0), 0xffffffff80000000ull);
    check("sraw of the 32-bit sign bit", RR("sraw", 0x80000000ull, 31), ~0ull);
    check("sraw ignores upper source bits", RR("sraw", 0xffffffff00000010ull, 4), 1);
    check("slliw sign-extends", RI("slliw", 0x1, 31), 0xffffffff80000000ull);
    check("srliw by 31", RI("srliw", 0x80000000ull, 31), 1);
    check("sraiw by 31", RI("sraiw", 0x80000000ull, 31), ~0ull);
}

static void comparisons(void) {
    /* SLT/SLTU: signed and unsigned compares writing 1 or 0. */
    check("slt -1 < 1", RR("slt", ~0ull, 1), 1);
    check("sltu 0xff..ff < 1 is false", RR("sltu", ~0ull, 1), 0);
    check("slt MIN < MAX", RR("slt", MIN64, MAX64), 1);
    check("sltu MIN < MAX is false", RR("sltu", MIN64, MAX64), 0);
    /* "SLTIU rd, rs1, 1 sets rd to 1 if rs1 equals zero"; the immediate is sign-extended
     * first, so -1 compares as 2^64-1. */
    check("sltiu x, 1 is seqz (zero)", RI("sltiu", 0, 1), 1);
    check("sltiu x, 1 is seqz (non-zero)", RI("sltiu", 5, 1), 0);
    check("sltiu with imm -1 compares against 2^64-1", RI("sltiu", 0xfffffffffffffffeull, -1), 1);
    check("slti with negative immediate", RI("slti", ~0ull, -2), 0);
    /* "SLTU rd, x0, rs2 sets rd to 1 if rs2 is not equal to zero" (snez). */
    { uint64_t r; __asm__ volatile("sltu %0, x0, %1" : "=r"(r) : "r"(7ull)); check("sltu x0 is snez", r, 1); }
}

static void logic(void) {
    check("xori -1 is not", RI("xori", 0x0123456789abcdefull, -1), 0xfedcba9876543210ull);
    check("andi sign-extends the immediate", RI("andi", ~0ull, -16), 0xfffffffffffffff0ull);
    check("ori", RI("ori", 0x100, 0x0ff), 0x1ff);
    check("and", RR("and", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0x0f000f000f000f00ull);
    check("or", RR("or", 0xf0ull, 0x0full), 0xff);
    check("xor", RR("xor", ~0ull, 0x5555555555555555ull), 0xaaaaaaaaaaaaaaaaull);
}

static void upper_immediates(void) {
    /* RV64I: "LUI ... places the 32-bit U-immediate into register rd, filling in the lowest
     * 12 bits with zeros. The 32-bit result is sign-extended to 64 bits." */
    uint64_t r;
    __asm__ volatile("lui %0, 0x80000" : "=r"(r));
    check("lui sign-extends bit 31", r, 0xffffffff80000000ull);
    __asm__ volatile("lui %0, 0x7ffff" : "=r"(r));
    check("lui positive", r, 0x7ffff000);
    /* AUIPC adds the U-immediate to the address of the AUIPC itself: two consecutive
     * (4-byte) AUIPCs with immediate 0 differ by 4. */
    uint64_t a, b;
    __asm__ volatile(".option push\n.option norvc\nauipc %0, 0\nauipc %1, 0\n.option pop" : "=r"(a), "=r"(b));
    check("auipc yields its own pc", b - a, 4);
    __asm__ volatile(".option push\n.option norvc\nauipc %0, 0\nauipc %1, 1\n.option pop" : "=r"(a), "=r"(b));
    check("auipc adds imm << 12", b - a, 4 + 4096);
}

static void register_zero(void) {
    /* x0 is hardwired to zero: writes are discarded. */
    uint64_t r;
    __asm__ volatile("addi x0, x0, 5\n mv %0, x0" : "=r"(r));
    check("writes to x0 are discarded", r, 0);
}

static void jumps(void) {
    uint64_t link, target, r;
    /* JAL stores pc+4 into rd. */
    __asm__ volatile(".option push\n.option norvc\n"
                     "1: jal %0, 2f\n"
                     "2: la %1, 1b\n"
                     ".option pop" : "=&r"(link), "=&r"(target));
    check("jal links pc+4", link - target, 4);
    /* JALR: "The target address is obtained by adding the sign-extended 12-bit I-immediate to
     * the register rs1, then setting the least-significant bit of the result to zero." */
    __asm__ volatile(".option push\n.option norvc\n"
                     "la t0, 3f\n"
                     "addi t0, t0, 1\n"
                     "li %0, 0\n"
                     "jalr t1, 0(t0)\n"
                     "li %0, 99\n"            /* skipped when the low bit is cleared */
                     "3: addi %0, %0, 7\n"
                     ".option pop" : "=&r"(r) : : "t0", "t1");
    check("jalr clears the low target bit", r, 7);
    /* JALR with rd == rs1: the target uses the old rs1 value. */
    __asm__ volatile(".option push\n.option norvc\n"
                     "la %0, 4f\n"
                     "jalr %0, 0(%0)\n"
                     "4: la %1, 4b\n"
                     ".option pop" : "=&r"(link), "=&r"(target));
    check("jalr with rd == rs1 links after reading rs1", link, target);
    /* jalr with an immediate offset */
    __asm__ volatile(".option push\n.option norvc\n"
                     "la t0, 5f\n"
                     "addi t0, t0, -8\n"
                     "li %0, 0\n"
                     "jalr x0, 8(t0)\n"
                     "li %0, 99\n"
                     "5: addi %0, %0, 3\n"
                     ".option pop" : "=&r"(r) : : "t0");
    check("jalr adds its immediate", r, 3);
}

#define BRANCH(insn, a, b) ({ uint64_t r_; __asm__ volatile("li %0, 1\n" insn " %1, %2, 1f\n li %0, 0\n1:" : "=&r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })

static void branches(void) {
    check("blt signed taken", BRANCH("blt", ~0ull, 0), 1);
    check("bltu unsigned not taken", BRANCH("bltu", ~0ull, 0), 0);
    check("bge equal taken", BRANCH("bge", 5, 5), 1);
    check("bgeu MIN >= MAX", BRANCH("bgeu", MIN64, MAX64), 1);
    check("bge MIN >= MAX not taken", BRANCH("bge", MIN64, MAX64), 0);
    check("beq", BRANCH("beq", 42, 42), 1);
    check("bne equal not taken", BRANCH("bne", 42, 42), 0);
}

static void loads_and_stores(void) {
    static volatile uint64_t cell;
    uint64_t r;
    cell = 0x8081828384858687ull; /* little-endian: byte 0 is 0x87 */
    __asm__ volatile("lb %0, 0(%1)" : "=r"(r) : "r"(&cell));
    check("lb sign-extends", r, 0xffffffffffffff87ull);
    __asm__ volatile("lbu %0, 0(%1)" : "=r"(r) : "r"(&cell));
    check("lbu zero-extends", r, 0x87);
    __asm__ volatile("lh %0, 6(%1)" : "=r"(r) : "r"(&cell));
    check("lh sign-extends", r, 0xffffffffffff8081ull);
    __asm__ volatile("lhu %0, 6(%1)" : "=r"(r) : "r"(&cell));
    check("lhu zero-extends", r, 0x8081);
    __asm__ volatile("lw %0, 4(%1)" : "=r"(r) : "r"(&cell));
    check("lw sign-extends", r, 0xffffffff80818283ull);
    __asm__ volatile("lwu %0, 4(%1)" : "=r"(r) : "r"(&cell));
    check("lwu zero-extends", r, 0x80818283ull);
    __asm__ volatile("ld %0, 0(%1)" : "=r"(r) : "r"(&cell));
    check("ld", r, 0x8081828384858687ull);
    /* SB/SH/SW store the low 8/16/32 bits of rs2 and leave the other bytes alone. */
    __asm__ volatile("sb %0, 1(%1)" : : "r"(0x1122334455667788ull), "r"(&cell) : "memory");
    check("sb writes one byte", cell, 0x8081828384858887ull);
    __asm__ volatile("sh %0, 2(%1)" : : "r"(0xaabbull), "r"(&cell) : "memory");
    check("sh writes two bytes", cell, 0x80818283aabb8887ull);
    __asm__ volatile("sw %0, 4(%1)" : : "r"(~0ull), "r"(&cell) : "memory");
    check("sw writes four bytes", cell, 0xffffffffaabb8887ull);
    __asm__ volatile("ld %0, -8(%1)" : "=r"(r) : "r"((char *)&cell + 8));
    check("negative load offset", r, 0xffffffffaabb8887ull);
}

int main(void) {
    arithmetic();
    shifts();
    comparisons();
    logic();
    upper_immediates();
    register_zero();
    jumps();
    branches();
    loads_and_stores();
    return finish("rv64i");
}
