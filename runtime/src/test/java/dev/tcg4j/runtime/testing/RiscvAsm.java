package dev.tcg4j.runtime.testing;

import java.io.ByteArrayOutputStream;

/**
 * Assembles the few RV64I instructions runtime tests need, with the encodings of the RISC-V
 * unprivileged ISA manual (R, I, S and U formats; ECALL), into little-endian code bytes.
 */
public final class RiscvAsm {
    public static final int ZERO = 0;
    public static final int A0 = 10;
    public static final int A1 = 11;
    public static final int A2 = 12;
    public static final int A7 = 17;

    private final ByteArrayOutputStream code = new ByteArrayOutputStream();

    /** Bytes emitted so far: the offset of the next instruction. */
    public int size() {
        return code.size();
    }

    public RiscvAsm addi(int rd, int rs1, int imm) {
        return word(((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x13);
    }

    public RiscvAsm add(int rd, int rs1, int rs2) {
        return word((rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33);
    }

    public RiscvAsm sub(int rd, int rs1, int rs2) {
        return word((0x20 << 25) | (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33);
    }

    public RiscvAsm lui(int rd, int imm20) {
        return word((imm20 << 12) | (rd << 7) | 0x37);
    }

    public RiscvAsm sd(int rs2, int rs1, int imm) {
        return word(((imm >> 5 & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (3 << 12) | ((imm & 0x1f) << 7) | 0x23);
    }

    public RiscvAsm ecall() {
        return word(0x73);
    }

    /** {@code exit_group(rs)}: the guest exits with status {@code rs & 0xff}. */
    public RiscvAsm exitWith(int rs) {
        return addi(A0, rs, 0).addi(A7, ZERO, 94).ecall();
    }

    private RiscvAsm word(int w) {
        for (int i = 0; i < 4; i++) {
            code.write(w >>> (8 * i));
        }
        return this;
    }

    public byte[] bytes() {
        return code.toByteArray();
    }
}
