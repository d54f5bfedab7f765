/* Zicsr on the CSRs a user-mode program can reach: fflags (0x001), frm (0x002),
 * fcsr (0x003) and the read-only counters cycle/time/instret.
 * Expected values: RISC-V Unprivileged ISA, chapter "Zicsr, Control and Status Register
 * Instructions" (CSRRW returns the old value; CSRRS/CSRRC with rs1=x0, or the immediate
 * forms with uimm=0, do not write the CSR) and the F chapter's "Floating-Point Control and
 * Status Register" (fcsr = frm[7:5] | fflags[4:0], bits 31:8 reserved and read as zero;
 * fflags and frm are views of fcsr). */
#include "isa_check.h"

#define CSR_RW(insn, csr, val) ({ uint64_t r_; __asm__ volatile(insn " %0, " csr ", %1" : "=r"(r_) : "r"((uint64_t)(val))); r_; })
#define CSR_RI(insn, csr, imm) ({ uint64_t r_; __asm__ volatile(insn " %0, " csr ", %1" : "=r"(r_) : "i"(imm)); r_; })
#define CSR_R(csr) ({ uint64_t r_; __asm__ volatile("csrr %0, " csr : "=r"(r_)); r_; })

static void floating_point_csrs(void) {
    CSR_RW("csrrw", "fcsr", 0);
    check("csrrw returns the old fcsr", CSR_RW("csrrw", "fcsr", 0xe3), 0);
    check("fcsr write is seen in frm", CSR_R("frm"), 7);
    check("fcsr write is seen in fflags", CSR_R("fflags"), 3);
    check("fcsr reserved bits read as zero", CSR_RW("csrrw", "fcsr", ~0ull), 0xe3);
    check("fcsr keeps only 8 bits", CSR_R("fcsr"), 0xff);
    check("fflags keeps only 5 bits", CSR_RW("csrrw", "fflags", 0), 0x1f);
    check("clearing fflags leaves frm", CSR_R("fcsr"), 0xe0);
    check("csrrw frm returns old", CSR_RW("csrrw", "frm", 0x1), 7);
    check("frm write lands in fcsr[7:5]", CSR_R("fcsr"), 0x20);
    /* set/clear bits */
    check("csrrsi fflags returns old", CSR_RI("csrrsi", "fflags", 0x11), 0);
    check("csrrsi sets bits", CSR_R("fflags"), 0x11);
    check("csrrci returns old", CSR_RI("csrrci", "fflags", 0x01), 0x11);
    check("csrrci clears bits", CSR_R("fflags"), 0x10);
    check("csrrs with a register", CSR_RW("csrrs", "fflags", 0x06), 0x10);
    check("csrrc with a register", CSR_RW("csrrc", "fflags", 0x10), 0x16);
    check("fflags after set and clear", CSR_R("fflags"), 0x06);
    check("csrrwi", CSR_RI("csrrwi", "frm", 4), 1);
    check("frm after csrrwi", CSR_R("frm"), 4);
    /* An FP operation accrues flags into fflags. */
    CSR_RW("csrrw", "fcsr", 0);
    __asm__ volatile("fmv.w.x ft0, %0\n fmv.w.x ft1, x0\n fdiv.s ft2, ft0, ft1" : : "r"(0x3f800000ull) : "ft0", "ft1", "ft2");
    check("fdiv.s by zero accrues DZ", CSR_R("fflags"), 0x08);
    __asm__ volatile("fmv.w.x ft0, x0\n fdiv.s ft2, ft0, ft0" : : : "ft0", "ft2");
    check("flags accrue (DZ|NV)", CSR_R("fflags"), 0x18);
    /* Dynamic rounding uses frm: 1 + 2^-24 rounds up under RUP (frm=3). */
    uint64_t r;
    CSR_RW("csrrw", "frm", 3);
    __asm__ volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, %2\n fadd.s ft2, ft0, ft1, dyn\n fmv.x.w %0, ft2"
                     : "=r"(r) : "r"(0x3f800000ull), "r"(0x33800000ull) : "ft0", "ft1", "ft2");
    check("dynamic rounding follows frm", r, 0x3f800001ull);
    CSR_RW("csrrw", "fcsr", 0);
}

static void counters(void) {
    /* The counters are read-only; successive reads of time and cycle do not go backwards.
     * Reading with csrrs rs1=x0 must not trap ("shall not cause any of the side effects
     * that might occur on a CSR write"). */
    uint64_t t1 = CSR_R("time"), t2 = CSR_R("time");
    check("time does not go backwards", t2 >= t1, 1);
    uint64_t c1 = CSR_R("cycle"), c2 = CSR_R("cycle");
    check("cycle does not go backwards", c2 >= c1, 1);
    uint64_t i1 = CSR_R("instret"), i2 = CSR_R("instret");
    check("instret does not go backwards", i2 >= i1, 1);
}

int main(void) {
    floating_point_csrs();
    counters();
    return finish("zicsr");
}
