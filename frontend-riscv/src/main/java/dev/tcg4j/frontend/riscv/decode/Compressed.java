package dev.tcg4j.frontend.riscv.decode;

import java.util.function.IntUnaryOperator;

/**
 * The RV64C encodings and their expansion to 32-bit instructions: the one place that knows
 * compressed instructions. Rows are tried in order and the first match wins, so the reserved
 * encodings and the HINT forms (named as binutils names them) sit before the general row they
 * carve out of.
 */
public enum Compressed {
    // ---- quadrant 0
    /** The all-zero parcel is defined illegal. */
    UNIMP(0xffff, 0x0000, null),
    ADDI4SPN_RESERVED(0xffe3, 0x0000, null),
    C_ADDI4SPN(0xe003, 0x0000, c -> itype(Insn.ADDI, rdPrime(c), 2, addi4spnImm(c))),
    C_FLD(0xe003, 0x2000, c -> itype(Insn.FLD, rdPrime(c), rs1Prime(c), doubleOffset(c))),
    C_LW(0xe003, 0x4000, c -> itype(Insn.LW, rdPrime(c), rs1Prime(c), wordOffset(c))),
    C_LD(0xe003, 0x6000, c -> itype(Insn.LD, rdPrime(c), rs1Prime(c), doubleOffset(c))),
    C_FSD(0xe003, 0xa000, c -> stype(Insn.FSD, rs1Prime(c), rdPrime(c), doubleOffset(c))),
    C_SW(0xe003, 0xc000, c -> stype(Insn.SW, rs1Prime(c), rdPrime(c), wordOffset(c))),
    C_SD(0xe003, 0xe000, c -> stype(Insn.SD, rs1Prime(c), rdPrime(c), doubleOffset(c))),
    // ---- quadrant 1
    C_NOP(0xffff, 0x0001, c -> itype(Insn.ADDI, 0, 0, 0)),
    /** c.nop with a non-zero immediate: a HINT. */
    C_NOP_HINT(0xef83, 0x0001, c -> itype(Insn.ADDI, 0, 0, ciImm(c))),
    C_ADDI(0xe003, 0x0001, c -> itype(Insn.ADDI, rd(c), rd(c), ciImm(c))),
    ADDIW_RESERVED(0xef83, 0x2001, null),
    C_ADDIW(0xe003, 0x2001, c -> itype(Insn.ADDIW, rd(c), rd(c), ciImm(c))),
    /** c.li to x0: a HINT. */
    C_LI_HINT(0xef83, 0x4001, c -> itype(Insn.ADDI, 0, 0, ciImm(c))),
    C_LI(0xe003, 0x4001, c -> itype(Insn.ADDI, rd(c), 0, ciImm(c))),
    /** c.addi16sp and c.lui with a zero immediate, whatever rd. */
    LUI_RESERVED(0xf07f, 0x6001, null),
    C_ADDI16SP(0xef83, 0x6101, c -> itype(Insn.ADDI, 2, 2, addi16spImm(c))),
    /** c.lui to x0: a HINT. */
    C_LUI_HINT(0xef83, 0x6001, c -> utype(Insn.LUI, 0, ciImm(c) << 12)),
    C_LUI(0xe003, 0x6001, c -> utype(Insn.LUI, rd(c), ciImm(c) << 12)),
    /** c.srli with a zero shift: a HINT on RV64. */
    C_SRLI64(0xfc7f, 0x8001, c -> shift(Insn.SRLI, rs1Prime(c), 0)),
    C_SRLI(0xec03, 0x8001, c -> shift(Insn.SRLI, rs1Prime(c), shamt(c))),
    C_SRAI64(0xfc7f, 0x8401, c -> shift(Insn.SRAI, rs1Prime(c), 0)),
    C_SRAI(0xec03, 0x8401, c -> shift(Insn.SRAI, rs1Prime(c), shamt(c))),
    C_ANDI(0xec03, 0x8801, c -> itype(Insn.ANDI, rs1Prime(c), rs1Prime(c), ciImm(c))),
    C_SUB(0xfc63, 0x8c01, c -> rtype(Insn.SUB, rs1Prime(c), rs1Prime(c), rdPrime(c))),
    C_XOR(0xfc63, 0x8c21, c -> rtype(Insn.XOR, rs1Prime(c), rs1Prime(c), rdPrime(c))),
    C_OR(0xfc63, 0x8c41, c -> rtype(Insn.OR, rs1Prime(c), rs1Prime(c), rdPrime(c))),
    C_AND(0xfc63, 0x8c61, c -> rtype(Insn.AND, rs1Prime(c), rs1Prime(c), rdPrime(c))),
    C_SUBW(0xfc63, 0x9c01, c -> rtype(Insn.SUBW, rs1Prime(c), rs1Prime(c), rdPrime(c))),
    C_ADDW(0xfc63, 0x9c21, c -> rtype(Insn.ADDW, rs1Prime(c), rs1Prime(c), rdPrime(c))),
    C_J(0xe003, 0xa001, c -> jtype(0, jumpOffset(c))),
    C_BEQZ(0xe003, 0xc001, c -> btype(Insn.BEQ, rs1Prime(c), 0, branchOffset(c))),
    C_BNEZ(0xe003, 0xe001, c -> btype(Insn.BNE, rs1Prime(c), 0, branchOffset(c))),
    // ---- quadrant 2
    /** c.slli with a zero shift: a HINT on RV64. */
    C_SLLI64(0xf07f, 0x0002, c -> shift(Insn.SLLI, rd(c), 0)),
    /** c.slli to x0: a HINT. */
    C_SLLI_HINT(0xef83, 0x0002, c -> shift(Insn.SLLI, 0, shamt(c))),
    C_SLLI(0xe003, 0x0002, c -> shift(Insn.SLLI, rd(c), shamt(c))),
    C_FLDSP(0xe003, 0x2002, c -> itype(Insn.FLD, rd(c), 2, ldspOffset(c))),
    LWSP_RESERVED(0xef83, 0x4002, null),
    C_LWSP(0xe003, 0x4002, c -> itype(Insn.LW, rd(c), 2, lwspOffset(c))),
    LDSP_RESERVED(0xef83, 0x6002, null),
    C_LDSP(0xe003, 0x6002, c -> itype(Insn.LD, rd(c), 2, ldspOffset(c))),
    JR_RESERVED(0xffff, 0x8002, null),
    C_JR(0xf07f, 0x8002, c -> itype(Insn.JALR, 0, rd(c), 0)),
    /** c.mv to x0: a HINT. */
    C_MV_HINT(0xff83, 0x8002, c -> rtype(Insn.ADD, 0, 0, rs2(c))),
    C_MV(0xf003, 0x8002, c -> rtype(Insn.ADD, rd(c), 0, rs2(c))),
    C_EBREAK(0xffff, 0x9002, c -> Insn.EBREAK.match()),
    C_JALR(0xf07f, 0x9002, c -> itype(Insn.JALR, 1, rd(c), 0)),
    /** c.add to x0: a HINT. */
    C_ADD_HINT(0xff83, 0x9002, c -> rtype(Insn.ADD, 0, 0, rs2(c))),
    C_ADD(0xf003, 0x9002, c -> rtype(Insn.ADD, rd(c), rd(c), rs2(c))),
    C_FSDSP(0xe003, 0xa002, c -> stype(Insn.FSD, 2, rs2(c), sdspOffset(c))),
    C_SWSP(0xe003, 0xc002, c -> stype(Insn.SW, 2, rs2(c), swspOffset(c))),
    C_SDSP(0xe003, 0xe002, c -> stype(Insn.SD, 2, rs2(c), sdspOffset(c)));

    /** What {@link #expand} returns for a reserved or unknown parcel; no instruction encodes as 0. */
    public static final int ILLEGAL = 0;

    private static final Compressed[] VALUES = values();

    private final int mask;
    private final int match;
    private final IntUnaryOperator expansion;

    Compressed(int mask, int match, IntUnaryOperator expansion) {
        this.mask = mask;
        this.match = match;
        this.expansion = expansion;
    }

    public int mask() {
        return mask;
    }

    public int match() {
        return match;
    }

    /** False for the rows that name reserved encodings. */
    public boolean isLegal() {
        return expansion != null;
    }

    /** The 32-bit instruction that this row's parcel {@code c} stands for. */
    public int expandParcel(int c) {
        if (expansion == null) {
            throw new IllegalStateException(this + " is reserved");
        }
        return expansion.applyAsInt(c);
    }

    /** The row of a 16-bit parcel, or null when none matches (the quadrant-0 reserved space). */
    public static Compressed lookup(int c) {
        for (Compressed row : VALUES) {
            if ((c & row.mask) == row.match) {
                return row;
            }
        }
        return null;
    }

    /** The 32-bit equivalent of a 16-bit parcel, or {@link #ILLEGAL}. */
    public static int expand(int c) {
        Compressed row = lookup(c);
        return row == null || row.expansion == null ? ILLEGAL : row.expansion.applyAsInt(c);
    }

    // ---- compressed fields

    private static int bit(int c, int i) {
        return (c >>> i) & 1;
    }

    private static int bits(int c, int hi, int lo) {
        return (c >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int rd(int c) {
        return bits(c, 11, 7);
    }

    private static int rs2(int c) {
        return bits(c, 6, 2);
    }

    private static int rdPrime(int c) {
        return 8 + bits(c, 4, 2);
    }

    private static int rs1Prime(int c) {
        return 8 + bits(c, 9, 7);
    }

    /** CI immediate: imm[5] at 12, imm[4:0] at 6:2, sign-extended. */
    private static int ciImm(int c) {
        return ((-bit(c, 12)) << 5) | bits(c, 6, 2);
    }

    private static int shamt(int c) {
        return (bit(c, 12) << 5) | bits(c, 6, 2);
    }

    private static int addi4spnImm(int c) {
        return (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bit(c, 6) << 2) | (bit(c, 5) << 3);
    }

    private static int addi16spImm(int c) {
        return ((-bit(c, 12)) << 9) | (bit(c, 6) << 4) | (bit(c, 5) << 6) | (bits(c, 4, 3) << 7) | (bit(c, 2) << 5);
    }

    private static int wordOffset(int c) {
        return (bits(c, 12, 10) << 3) | (bit(c, 6) << 2) | (bit(c, 5) << 6);
    }

    private static int doubleOffset(int c) {
        return (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6);
    }

    private static int lwspOffset(int c) {
        return (bit(c, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6);
    }

    private static int ldspOffset(int c) {
        return (bit(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6);
    }

    private static int swspOffset(int c) {
        return (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6);
    }

    private static int sdspOffset(int c) {
        return (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6);
    }

    private static int jumpOffset(int c) {
        return ((-bit(c, 12)) << 11) | (bit(c, 11) << 4) | (bits(c, 10, 9) << 8) | (bit(c, 8) << 10)
                | (bit(c, 7) << 6) | (bit(c, 6) << 7) | (bits(c, 5, 3) << 1) | (bit(c, 2) << 5);
    }

    private static int branchOffset(int c) {
        return ((-bit(c, 12)) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6) | (bits(c, 4, 3) << 1)
                | (bit(c, 2) << 5);
    }

    // ---- 32-bit encoders

    private static int itype(Insn insn, int rd, int rs1, int imm) {
        return insn.match() | (rd << 7) | (rs1 << 15) | (imm << 20);
    }

    private static int shift(Insn insn, int rd, int shamt) {
        return insn.match() | (rd << 7) | (rd << 15) | (shamt << 20);
    }

    private static int rtype(Insn insn, int rd, int rs1, int rs2) {
        return insn.match() | (rd << 7) | (rs1 << 15) | (rs2 << 20);
    }

    private static int stype(Insn insn, int rs1, int rs2, int imm) {
        return insn.match() | ((imm & 31) << 7) | (rs1 << 15) | (rs2 << 20) | ((imm >> 5) << 25);
    }

    private static int btype(Insn insn, int rs1, int rs2, int imm) {
        return insn.match() | (((imm >> 11) & 1) << 7) | (((imm >> 1) & 15) << 8) | (rs1 << 15) | (rs2 << 20)
                | (((imm >> 5) & 0x3f) << 25) | (((imm >> 12) & 1) << 31);
    }

    private static int jtype(int rd, int imm) {
        return Insn.JAL.match() | (rd << 7) | (((imm >> 12) & 0xff) << 12) | (((imm >> 11) & 1) << 20)
                | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 20) & 1) << 31);
    }

    private static int utype(Insn insn, int rd, int imm) {
        return insn.match() | (rd << 7) | (imm & 0xfffff000);
    }
}
