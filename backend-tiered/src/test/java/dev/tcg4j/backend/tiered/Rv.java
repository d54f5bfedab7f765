package dev.tcg4j.backend.tiered;

import java.io.ByteArrayOutputStream;

/** The RV64 instructions these tests need, encoded as the RISC-V unprivileged ISA manual gives them. */
final class Rv {
    static final int ZERO = 0;
    static final int T0 = 5;
    static final int A0 = 10;
    static final int A1 = 11;
    static final int A2 = 12;
    static final int FT0 = 0;
    static final int FT1 = 1;
    static final int FT2 = 2;

    private final ByteArrayOutputStream code = new ByteArrayOutputStream();

    Rv addi(int rd, int rs1, int imm) {
        return word(((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x13);
    }

    Rv add(int rd, int rs1, int rs2) {
        return word((rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33);
    }

    Rv ld(int rd, int rs1, int imm) {
        return word(((imm & 0xfff) << 20) | (rs1 << 15) | (3 << 12) | (rd << 7) | 0x03);
    }

    Rv sd(int rs2, int rs1, int imm) {
        return word(((imm >> 5 & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (3 << 12) | ((imm & 0x1f) << 7) | 0x23);
    }

    /** amoadd.w rd, rs2, (rs1) */
    Rv amoaddW(int rd, int rs2, int rs1) {
        return word((rs2 << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x2f);
    }

    /** fsub.d rd, rs1, rs2 with rounding mode RNE */
    Rv fsubD(int rd, int rs1, int rs2) {
        return word((0x05 << 25) | (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x53);
    }

    /** bne rs1, rs2, offset (B format: imm[12|10:5] rs2 rs1 001 imm[4:1|11] 1100011) */
    Rv bne(int rs1, int rs2, int offset) {
        int imm = ((offset >> 12 & 1) << 31) | ((offset >> 5 & 0x3f) << 25) | ((offset >> 1 & 0xf) << 8)
                | ((offset >> 11 & 1) << 7);
        return word(imm | (rs2 << 20) | (rs1 << 15) | (1 << 12) | 0x63);
    }

    Rv ecall() {
        return word(0x73);
    }

    private Rv word(int w) {
        for (int i = 0; i < 4; i++) {
            code.write(w >>> (8 * i));
        }
        return this;
    }

    byte[] bytes() {
        return code.toByteArray();
    }
}
