package dev.tcg4j.frontend.riscv.decode;

import static dev.tcg4j.frontend.riscv.decode.Extension.RV64A;
import static dev.tcg4j.frontend.riscv.decode.Extension.RV64D;
import static dev.tcg4j.frontend.riscv.decode.Extension.RV64F;
import static dev.tcg4j.frontend.riscv.decode.Extension.RV64I;
import static dev.tcg4j.frontend.riscv.decode.Extension.RV64M;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZBA;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZBB;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZBC;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZBKB;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZBKX;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZBS;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZFA;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZFH;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZFHMIN;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZICBOM;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZICBOP;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZICBOZ;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZICOND;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZIHINTNTL;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZIHINTPAUSE;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZICSR;
import static dev.tcg4j.frontend.riscv.decode.Extension.ZIFENCEI;
import static dev.tcg4j.frontend.riscv.decode.Format.AMO;
import static dev.tcg4j.frontend.riscv.decode.Format.BRANCH;
import static dev.tcg4j.frontend.riscv.decode.Format.CBO;
import static dev.tcg4j.frontend.riscv.decode.Format.CSR;
import static dev.tcg4j.frontend.riscv.decode.Format.CSR_IMM;
import static dev.tcg4j.frontend.riscv.decode.Format.FENCE;
import static dev.tcg4j.frontend.riscv.decode.Format.FLI;
import static dev.tcg4j.frontend.riscv.decode.Format.FLOAD;
import static dev.tcg4j.frontend.riscv.decode.Format.FSTORE;
import static dev.tcg4j.frontend.riscv.decode.Format.F_CMP;
import static dev.tcg4j.frontend.riscv.decode.Format.F_RR_RM;
import static dev.tcg4j.frontend.riscv.decode.Format.F_RRR;
import static dev.tcg4j.frontend.riscv.decode.Format.F_RRRR_RM;
import static dev.tcg4j.frontend.riscv.decode.Format.F_RRR_RM;
import static dev.tcg4j.frontend.riscv.decode.Format.F_TO_X;
import static dev.tcg4j.frontend.riscv.decode.Format.F_TO_X_RM;
import static dev.tcg4j.frontend.riscv.decode.Format.I;
import static dev.tcg4j.frontend.riscv.decode.Format.JUMP;
import static dev.tcg4j.frontend.riscv.decode.Format.JUMP_REG;
import static dev.tcg4j.frontend.riscv.decode.Format.LOAD;
import static dev.tcg4j.frontend.riscv.decode.Format.LR;
import static dev.tcg4j.frontend.riscv.decode.Format.NONE;
import static dev.tcg4j.frontend.riscv.decode.Format.PREFETCH;
import static dev.tcg4j.frontend.riscv.decode.Format.R;
import static dev.tcg4j.frontend.riscv.decode.Format.SHIFT32;
import static dev.tcg4j.frontend.riscv.decode.Format.SHIFT64;
import static dev.tcg4j.frontend.riscv.decode.Format.STORE;
import static dev.tcg4j.frontend.riscv.decode.Format.UNARY;
import static dev.tcg4j.frontend.riscv.decode.Format.UPPER;
import static dev.tcg4j.frontend.riscv.decode.Format.X_TO_F;
import static dev.tcg4j.frontend.riscv.decode.Format.X_TO_F_RM;

import java.util.Locale;

/**
 * The 32-bit encodings as data, in the manner of Spike's {@code encoding.h}: an instruction is
 * {@code (bits & mask) == match}. The masks leave free exactly the operand fields. Rows are tried
 * in order and the first match wins, which matters only for the few HINTs and aliases at the top
 * that are carved out of a wider row (prefetch.r is an ori to x0, pause a fence, zext.h a packw
 * with rs2 = x0); every other pair of rows is disjoint. Compressed encodings are not here:
 * {@link Compressed} expands them to these.
 */
public enum Insn {
    // ---- carved out of wider rows below: these come first
    /** Zihintpause: fence w,0. */
    PAUSE(0xffffffff, 0x0100000f, NONE, ZIHINTPAUSE),
    /** Zicbop: ori x0 with imm[4:0] = 0, 1, 3; the offset is imm[11:5]. */
    PREFETCH_I(0x01f07fff, 0x00006013, PREFETCH, ZICBOP),
    PREFETCH_R(0x01f07fff, 0x00106013, PREFETCH, ZICBOP),
    PREFETCH_W(0x01f07fff, 0x00306013, PREFETCH, ZICBOP),
    /** Zihintntl: add x0,x0,x2..x5 (c.add x0,x2..x5 expands to these). */
    NTL_P1(0xffffffff, 0x00200033, NONE, ZIHINTNTL),
    NTL_PALL(0xffffffff, 0x00300033, NONE, ZIHINTNTL),
    NTL_S1(0xffffffff, 0x00400033, NONE, ZIHINTNTL),
    NTL_ALL(0xffffffff, 0x00500033, NONE, ZIHINTNTL),
    /** Zbb on RV64: packw rd,rs1,x0. */
    ZEXT_H(0xfff0707f, 0x0800403b, UNARY, ZBB),
    // ---- RV64I
    LUI(0x0000007f, 0x00000037, UPPER, RV64I),
    AUIPC(0x0000007f, 0x00000017, UPPER, RV64I),
    JAL(0x0000007f, 0x0000006f, JUMP, RV64I),
    JALR(0x0000707f, 0x00000067, JUMP_REG, RV64I),
    BEQ(0x0000707f, 0x00000063, BRANCH, RV64I),
    BNE(0x0000707f, 0x00001063, BRANCH, RV64I),
    BLT(0x0000707f, 0x00004063, BRANCH, RV64I),
    BGE(0x0000707f, 0x00005063, BRANCH, RV64I),
    BLTU(0x0000707f, 0x00006063, BRANCH, RV64I),
    BGEU(0x0000707f, 0x00007063, BRANCH, RV64I),
    LB(0x0000707f, 0x00000003, LOAD, RV64I),
    LH(0x0000707f, 0x00001003, LOAD, RV64I),
    LW(0x0000707f, 0x00002003, LOAD, RV64I),
    LD(0x0000707f, 0x00003003, LOAD, RV64I),
    LBU(0x0000707f, 0x00004003, LOAD, RV64I),
    LHU(0x0000707f, 0x00005003, LOAD, RV64I),
    LWU(0x0000707f, 0x00006003, LOAD, RV64I),
    SB(0x0000707f, 0x00000023, STORE, RV64I),
    SH(0x0000707f, 0x00001023, STORE, RV64I),
    SW(0x0000707f, 0x00002023, STORE, RV64I),
    SD(0x0000707f, 0x00003023, STORE, RV64I),
    ADDI(0x0000707f, 0x00000013, I, RV64I),
    SLTI(0x0000707f, 0x00002013, I, RV64I),
    SLTIU(0x0000707f, 0x00003013, I, RV64I),
    XORI(0x0000707f, 0x00004013, I, RV64I),
    ORI(0x0000707f, 0x00006013, I, RV64I),
    ANDI(0x0000707f, 0x00007013, I, RV64I),
    SLLI(0xfc00707f, 0x00001013, SHIFT64, RV64I),
    SRLI(0xfc00707f, 0x00005013, SHIFT64, RV64I),
    SRAI(0xfc00707f, 0x40005013, SHIFT64, RV64I),
    ADD(0xfe00707f, 0x00000033, R, RV64I),
    SUB(0xfe00707f, 0x40000033, R, RV64I),
    SLL(0xfe00707f, 0x00001033, R, RV64I),
    SLT(0xfe00707f, 0x00002033, R, RV64I),
    SLTU(0xfe00707f, 0x00003033, R, RV64I),
    XOR(0xfe00707f, 0x00004033, R, RV64I),
    SRL(0xfe00707f, 0x00005033, R, RV64I),
    SRA(0xfe00707f, 0x40005033, R, RV64I),
    OR(0xfe00707f, 0x00006033, R, RV64I),
    AND(0xfe00707f, 0x00007033, R, RV64I),
    ADDIW(0x0000707f, 0x0000001b, I, RV64I),
    SLLIW(0xfe00707f, 0x0000101b, SHIFT32, RV64I),
    SRLIW(0xfe00707f, 0x0000501b, SHIFT32, RV64I),
    SRAIW(0xfe00707f, 0x4000501b, SHIFT32, RV64I),
    ADDW(0xfe00707f, 0x0000003b, R, RV64I),
    SUBW(0xfe00707f, 0x4000003b, R, RV64I),
    SLLW(0xfe00707f, 0x0000103b, R, RV64I),
    SRLW(0xfe00707f, 0x0000503b, R, RV64I),
    SRAW(0xfe00707f, 0x4000503b, R, RV64I),
    /** Any fm, rs1 and rd are accepted, as QEMU does; ordering is a no-op for us. */
    FENCE(0x0000707f, 0x0000000f, Format.FENCE, RV64I),
    ECALL(0xffffffff, 0x00000073, NONE, RV64I),
    EBREAK(0xffffffff, 0x00100073, NONE, RV64I),
    // ---- Zifencei
    FENCE_I(0x0000707f, 0x0000100f, NONE, ZIFENCEI),
    // ---- Zicsr
    CSRRW(0x0000707f, 0x00001073, CSR, ZICSR),
    CSRRS(0x0000707f, 0x00002073, CSR, ZICSR),
    CSRRC(0x0000707f, 0x00003073, CSR, ZICSR),
    CSRRWI(0x0000707f, 0x00005073, CSR_IMM, ZICSR),
    CSRRSI(0x0000707f, 0x00006073, CSR_IMM, ZICSR),
    CSRRCI(0x0000707f, 0x00007073, CSR_IMM, ZICSR),
    // ---- RV64M
    MUL(0xfe00707f, 0x02000033, R, RV64M),
    MULH(0xfe00707f, 0x02001033, R, RV64M),
    MULHSU(0xfe00707f, 0x02002033, R, RV64M),
    MULHU(0xfe00707f, 0x02003033, R, RV64M),
    DIV(0xfe00707f, 0x02004033, R, RV64M),
    DIVU(0xfe00707f, 0x02005033, R, RV64M),
    REM(0xfe00707f, 0x02006033, R, RV64M),
    REMU(0xfe00707f, 0x02007033, R, RV64M),
    MULW(0xfe00707f, 0x0200003b, R, RV64M),
    DIVW(0xfe00707f, 0x0200403b, R, RV64M),
    DIVUW(0xfe00707f, 0x0200503b, R, RV64M),
    REMW(0xfe00707f, 0x0200603b, R, RV64M),
    REMUW(0xfe00707f, 0x0200703b, R, RV64M),
    // ---- RV64A (aq and rl are free bits 26 and 25)
    LR_W(0xf9f0707f, 0x1000202f, LR, RV64A),
    SC_W(0xf800707f, 0x1800202f, AMO, RV64A),
    AMOSWAP_W(0xf800707f, 0x0800202f, AMO, RV64A),
    AMOADD_W(0xf800707f, 0x0000202f, AMO, RV64A),
    AMOXOR_W(0xf800707f, 0x2000202f, AMO, RV64A),
    AMOAND_W(0xf800707f, 0x6000202f, AMO, RV64A),
    AMOOR_W(0xf800707f, 0x4000202f, AMO, RV64A),
    AMOMIN_W(0xf800707f, 0x8000202f, AMO, RV64A),
    AMOMAX_W(0xf800707f, 0xa000202f, AMO, RV64A),
    AMOMINU_W(0xf800707f, 0xc000202f, AMO, RV64A),
    AMOMAXU_W(0xf800707f, 0xe000202f, AMO, RV64A),
    LR_D(0xf9f0707f, 0x1000302f, LR, RV64A),
    SC_D(0xf800707f, 0x1800302f, AMO, RV64A),
    AMOSWAP_D(0xf800707f, 0x0800302f, AMO, RV64A),
    AMOADD_D(0xf800707f, 0x0000302f, AMO, RV64A),
    AMOXOR_D(0xf800707f, 0x2000302f, AMO, RV64A),
    AMOAND_D(0xf800707f, 0x6000302f, AMO, RV64A),
    AMOOR_D(0xf800707f, 0x4000302f, AMO, RV64A),
    AMOMIN_D(0xf800707f, 0x8000302f, AMO, RV64A),
    AMOMAX_D(0xf800707f, 0xa000302f, AMO, RV64A),
    AMOMINU_D(0xf800707f, 0xc000302f, AMO, RV64A),
    AMOMAXU_D(0xf800707f, 0xe000302f, AMO, RV64A),
    // ---- RV64F
    FLW(0x0000707f, 0x00002007, FLOAD, RV64F),
    FSW(0x0000707f, 0x00002027, FSTORE, RV64F),
    FMADD_S(0x0600007f, 0x00000043, F_RRRR_RM, RV64F),
    FMSUB_S(0x0600007f, 0x00000047, F_RRRR_RM, RV64F),
    FNMSUB_S(0x0600007f, 0x0000004b, F_RRRR_RM, RV64F),
    FNMADD_S(0x0600007f, 0x0000004f, F_RRRR_RM, RV64F),
    FADD_S(0xfe00007f, 0x00000053, F_RRR_RM, RV64F),
    FSUB_S(0xfe00007f, 0x08000053, F_RRR_RM, RV64F),
    FMUL_S(0xfe00007f, 0x10000053, F_RRR_RM, RV64F),
    FDIV_S(0xfe00007f, 0x18000053, F_RRR_RM, RV64F),
    FSQRT_S(0xfff0007f, 0x58000053, F_RR_RM, RV64F),
    FSGNJ_S(0xfe00707f, 0x20000053, F_RRR, RV64F),
    FSGNJN_S(0xfe00707f, 0x20001053, F_RRR, RV64F),
    FSGNJX_S(0xfe00707f, 0x20002053, F_RRR, RV64F),
    FMIN_S(0xfe00707f, 0x28000053, F_RRR, RV64F),
    FMAX_S(0xfe00707f, 0x28001053, F_RRR, RV64F),
    FCVT_W_S(0xfff0007f, 0xc0000053, F_TO_X_RM, RV64F),
    FCVT_WU_S(0xfff0007f, 0xc0100053, F_TO_X_RM, RV64F),
    FCVT_L_S(0xfff0007f, 0xc0200053, F_TO_X_RM, RV64F),
    FCVT_LU_S(0xfff0007f, 0xc0300053, F_TO_X_RM, RV64F),
    FMV_X_W(0xfff0707f, 0xe0000053, F_TO_X, RV64F),
    FEQ_S(0xfe00707f, 0xa0002053, F_CMP, RV64F),
    FLT_S(0xfe00707f, 0xa0001053, F_CMP, RV64F),
    FLE_S(0xfe00707f, 0xa0000053, F_CMP, RV64F),
    FCLASS_S(0xfff0707f, 0xe0001053, F_TO_X, RV64F),
    FCVT_S_W(0xfff0007f, 0xd0000053, X_TO_F_RM, RV64F),
    FCVT_S_WU(0xfff0007f, 0xd0100053, X_TO_F_RM, RV64F),
    FCVT_S_L(0xfff0007f, 0xd0200053, X_TO_F_RM, RV64F),
    FCVT_S_LU(0xfff0007f, 0xd0300053, X_TO_F_RM, RV64F),
    FMV_W_X(0xfff0707f, 0xf0000053, X_TO_F, RV64F),
    // ---- RV64D
    FLD(0x0000707f, 0x00003007, FLOAD, RV64D),
    FSD(0x0000707f, 0x00003027, FSTORE, RV64D),
    FMADD_D(0x0600007f, 0x02000043, F_RRRR_RM, RV64D),
    FMSUB_D(0x0600007f, 0x02000047, F_RRRR_RM, RV64D),
    FNMSUB_D(0x0600007f, 0x0200004b, F_RRRR_RM, RV64D),
    FNMADD_D(0x0600007f, 0x0200004f, F_RRRR_RM, RV64D),
    FADD_D(0xfe00007f, 0x02000053, F_RRR_RM, RV64D),
    FSUB_D(0xfe00007f, 0x0a000053, F_RRR_RM, RV64D),
    FMUL_D(0xfe00007f, 0x12000053, F_RRR_RM, RV64D),
    FDIV_D(0xfe00007f, 0x1a000053, F_RRR_RM, RV64D),
    FSQRT_D(0xfff0007f, 0x5a000053, F_RR_RM, RV64D),
    FSGNJ_D(0xfe00707f, 0x22000053, F_RRR, RV64D),
    FSGNJN_D(0xfe00707f, 0x22001053, F_RRR, RV64D),
    FSGNJX_D(0xfe00707f, 0x22002053, F_RRR, RV64D),
    FMIN_D(0xfe00707f, 0x2a000053, F_RRR, RV64D),
    FMAX_D(0xfe00707f, 0x2a001053, F_RRR, RV64D),
    FCVT_S_D(0xfff0007f, 0x40100053, F_RR_RM, RV64D),
    FCVT_D_S(0xfff0007f, 0x42000053, F_RR_RM, RV64D),
    FEQ_D(0xfe00707f, 0xa2002053, F_CMP, RV64D),
    FLT_D(0xfe00707f, 0xa2001053, F_CMP, RV64D),
    FLE_D(0xfe00707f, 0xa2000053, F_CMP, RV64D),
    FCLASS_D(0xfff0707f, 0xe2001053, F_TO_X, RV64D),
    FCVT_W_D(0xfff0007f, 0xc2000053, F_TO_X_RM, RV64D),
    FCVT_WU_D(0xfff0007f, 0xc2100053, F_TO_X_RM, RV64D),
    FCVT_L_D(0xfff0007f, 0xc2200053, F_TO_X_RM, RV64D),
    FCVT_LU_D(0xfff0007f, 0xc2300053, F_TO_X_RM, RV64D),
    FMV_X_D(0xfff0707f, 0xe2000053, F_TO_X, RV64D),
    FCVT_D_W(0xfff0007f, 0xd2000053, X_TO_F_RM, RV64D),
    FCVT_D_WU(0xfff0007f, 0xd2100053, X_TO_F_RM, RV64D),
    FCVT_D_L(0xfff0007f, 0xd2200053, X_TO_F_RM, RV64D),
    FCVT_D_LU(0xfff0007f, 0xd2300053, X_TO_F_RM, RV64D),
    FMV_D_X(0xfff0707f, 0xf2000053, X_TO_F, RV64D),
    // ---- Zba
    SH1ADD(0xfe00707f, 0x20002033, R, ZBA),
    SH2ADD(0xfe00707f, 0x20004033, R, ZBA),
    SH3ADD(0xfe00707f, 0x20006033, R, ZBA),
    ADD_UW(0xfe00707f, 0x0800003b, R, ZBA),
    SH1ADD_UW(0xfe00707f, 0x2000203b, R, ZBA),
    SH2ADD_UW(0xfe00707f, 0x2000403b, R, ZBA),
    SH3ADD_UW(0xfe00707f, 0x2000603b, R, ZBA),
    SLLI_UW(0xfc00707f, 0x0800101b, SHIFT64, ZBA),
    // ---- Zbb (with the instructions Zbkb shares)
    ANDN(0xfe00707f, 0x40007033, R, ZBB),
    ORN(0xfe00707f, 0x40006033, R, ZBB),
    XNOR(0xfe00707f, 0x40004033, R, ZBB),
    CLZ(0xfff0707f, 0x60001013, UNARY, ZBB),
    CTZ(0xfff0707f, 0x60101013, UNARY, ZBB),
    CPOP(0xfff0707f, 0x60201013, UNARY, ZBB),
    CLZW(0xfff0707f, 0x6000101b, UNARY, ZBB),
    CTZW(0xfff0707f, 0x6010101b, UNARY, ZBB),
    CPOPW(0xfff0707f, 0x6020101b, UNARY, ZBB),
    MAX(0xfe00707f, 0x0a006033, R, ZBB),
    MAXU(0xfe00707f, 0x0a007033, R, ZBB),
    MIN(0xfe00707f, 0x0a004033, R, ZBB),
    MINU(0xfe00707f, 0x0a005033, R, ZBB),
    SEXT_B(0xfff0707f, 0x60401013, UNARY, ZBB),
    SEXT_H(0xfff0707f, 0x60501013, UNARY, ZBB),
    ROL(0xfe00707f, 0x60001033, R, ZBB),
    ROR(0xfe00707f, 0x60005033, R, ZBB),
    ROLW(0xfe00707f, 0x6000103b, R, ZBB),
    RORW(0xfe00707f, 0x6000503b, R, ZBB),
    RORI(0xfc00707f, 0x60005013, SHIFT64, ZBB),
    RORIW(0xfe00707f, 0x6000501b, SHIFT32, ZBB),
    ORC_B(0xfff0707f, 0x28705013, UNARY, ZBB),
    REV8(0xfff0707f, 0x6b805013, UNARY, ZBB),
    // ---- Zbc
    CLMUL(0xfe00707f, 0x0a001033, R, ZBC),
    CLMULR(0xfe00707f, 0x0a002033, R, ZBC),
    CLMULH(0xfe00707f, 0x0a003033, R, ZBC),
    // ---- Zbs
    BCLR(0xfe00707f, 0x48001033, R, ZBS),
    BCLRI(0xfc00707f, 0x48001013, SHIFT64, ZBS),
    BEXT(0xfe00707f, 0x48005033, R, ZBS),
    BEXTI(0xfc00707f, 0x48005013, SHIFT64, ZBS),
    BINV(0xfe00707f, 0x68001033, R, ZBS),
    BINVI(0xfc00707f, 0x68001013, SHIFT64, ZBS),
    BSET(0xfe00707f, 0x28001033, R, ZBS),
    BSETI(0xfc00707f, 0x28001013, SHIFT64, ZBS),
    // ---- Zbkb (what Zbb lacks) and Zbkx
    PACK(0xfe00707f, 0x08004033, R, ZBKB),
    PACKH(0xfe00707f, 0x08007033, R, ZBKB),
    PACKW(0xfe00707f, 0x0800403b, R, ZBKB),
    BREV8(0xfff0707f, 0x68705013, UNARY, ZBKB),
    XPERM4(0xfe00707f, 0x28002033, R, ZBKX),
    XPERM8(0xfe00707f, 0x28004033, R, ZBKX),
    // ---- Zicond
    CZERO_EQZ(0xfe00707f, 0x0e005033, R, ZICOND),
    CZERO_NEZ(0xfe00707f, 0x0e007033, R, ZICOND),
    // ---- Zicbom, Zicboz
    CBO_INVAL(0xfff07fff, 0x0000200f, CBO, ZICBOM),
    CBO_CLEAN(0xfff07fff, 0x0010200f, CBO, ZICBOM),
    CBO_FLUSH(0xfff07fff, 0x0020200f, CBO, ZICBOM),
    CBO_ZERO(0xfff07fff, 0x0040200f, CBO, ZICBOZ),
    // ---- Zfhmin
    FLH(0x0000707f, 0x00001007, FLOAD, ZFHMIN),
    FSH(0x0000707f, 0x00001027, FSTORE, ZFHMIN),
    FMV_X_H(0xfff0707f, 0xe4000053, F_TO_X, ZFHMIN),
    FMV_H_X(0xfff0707f, 0xf4000053, X_TO_F, ZFHMIN),
    FCVT_S_H(0xfff0007f, 0x40200053, F_RR_RM, ZFHMIN),
    FCVT_H_S(0xfff0007f, 0x44000053, F_RR_RM, ZFHMIN),
    FCVT_D_H(0xfff0007f, 0x42200053, F_RR_RM, ZFHMIN),
    FCVT_H_D(0xfff0007f, 0x44100053, F_RR_RM, ZFHMIN),
    // ---- Zfh
    FMADD_H(0x0600007f, 0x04000043, F_RRRR_RM, ZFH),
    FMSUB_H(0x0600007f, 0x04000047, F_RRRR_RM, ZFH),
    FNMSUB_H(0x0600007f, 0x0400004b, F_RRRR_RM, ZFH),
    FNMADD_H(0x0600007f, 0x0400004f, F_RRRR_RM, ZFH),
    FADD_H(0xfe00007f, 0x04000053, F_RRR_RM, ZFH),
    FSUB_H(0xfe00007f, 0x0c000053, F_RRR_RM, ZFH),
    FMUL_H(0xfe00007f, 0x14000053, F_RRR_RM, ZFH),
    FDIV_H(0xfe00007f, 0x1c000053, F_RRR_RM, ZFH),
    FSQRT_H(0xfff0007f, 0x5c000053, F_RR_RM, ZFH),
    FSGNJ_H(0xfe00707f, 0x24000053, F_RRR, ZFH),
    FSGNJN_H(0xfe00707f, 0x24001053, F_RRR, ZFH),
    FSGNJX_H(0xfe00707f, 0x24002053, F_RRR, ZFH),
    FMIN_H(0xfe00707f, 0x2c000053, F_RRR, ZFH),
    FMAX_H(0xfe00707f, 0x2c001053, F_RRR, ZFH),
    FEQ_H(0xfe00707f, 0xa4002053, F_CMP, ZFH),
    FLT_H(0xfe00707f, 0xa4001053, F_CMP, ZFH),
    FLE_H(0xfe00707f, 0xa4000053, F_CMP, ZFH),
    FCLASS_H(0xfff0707f, 0xe4001053, F_TO_X, ZFH),
    FCVT_W_H(0xfff0007f, 0xc4000053, F_TO_X_RM, ZFH),
    FCVT_WU_H(0xfff0007f, 0xc4100053, F_TO_X_RM, ZFH),
    FCVT_L_H(0xfff0007f, 0xc4200053, F_TO_X_RM, ZFH),
    FCVT_LU_H(0xfff0007f, 0xc4300053, F_TO_X_RM, ZFH),
    FCVT_H_W(0xfff0007f, 0xd4000053, X_TO_F_RM, ZFH),
    FCVT_H_WU(0xfff0007f, 0xd4100053, X_TO_F_RM, ZFH),
    FCVT_H_L(0xfff0007f, 0xd4200053, X_TO_F_RM, ZFH),
    FCVT_H_LU(0xfff0007f, 0xd4300053, X_TO_F_RM, ZFH),
    // ---- Zfa (the RV64 instructions: fmvh.x.d and fmvp.d.x are RV32-only)
    FLI_S(0xfff0707f, 0xf0100053, FLI, ZFA),
    FLI_D(0xfff0707f, 0xf2100053, FLI, ZFA),
    FLI_H(0xfff0707f, 0xf4100053, FLI, ZFA),
    FMINM_S(0xfe00707f, 0x28002053, F_RRR, ZFA),
    FMAXM_S(0xfe00707f, 0x28003053, F_RRR, ZFA),
    FMINM_D(0xfe00707f, 0x2a002053, F_RRR, ZFA),
    FMAXM_D(0xfe00707f, 0x2a003053, F_RRR, ZFA),
    FMINM_H(0xfe00707f, 0x2c002053, F_RRR, ZFA),
    FMAXM_H(0xfe00707f, 0x2c003053, F_RRR, ZFA),
    FROUND_S(0xfff0007f, 0x40400053, F_RR_RM, ZFA),
    FROUNDNX_S(0xfff0007f, 0x40500053, F_RR_RM, ZFA),
    FROUND_D(0xfff0007f, 0x42400053, F_RR_RM, ZFA),
    FROUNDNX_D(0xfff0007f, 0x42500053, F_RR_RM, ZFA),
    FROUND_H(0xfff0007f, 0x44400053, F_RR_RM, ZFA),
    FROUNDNX_H(0xfff0007f, 0x44500053, F_RR_RM, ZFA),
    /** Its rm field must be rtz. */
    FCVTMOD_W_D(0xfff0707f, 0xc2801053, F_TO_X_RM, ZFA),
    FLEQ_S(0xfe00707f, 0xa0004053, F_CMP, ZFA),
    FLTQ_S(0xfe00707f, 0xa0005053, F_CMP, ZFA),
    FLEQ_D(0xfe00707f, 0xa2004053, F_CMP, ZFA),
    FLTQ_D(0xfe00707f, 0xa2005053, F_CMP, ZFA),
    FLEQ_H(0xfe00707f, 0xa4004053, F_CMP, ZFA),
    FLTQ_H(0xfe00707f, 0xa4005053, F_CMP, ZFA);

    private final int mask;
    private final int match;
    private final Format format;
    private final Extension extension;
    private final String mnemonic;

    Insn(int mask, int match, Format format, Extension extension) {
        this.mask = mask;
        this.match = match;
        this.format = format;
        this.extension = extension;
        this.mnemonic = name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public int mask() {
        return mask;
    }

    public int match() {
        return match;
    }

    public Format format() {
        return format;
    }

    public Extension extension() {
        return extension;
    }

    /** The base mnemonic, as in the ISA manual ({@code fcvt.w.s}, {@code amoadd.d}). */
    public String mnemonic() {
        return mnemonic;
    }

    public boolean matches(int bits) {
        return (bits & mask) == match;
    }
}
