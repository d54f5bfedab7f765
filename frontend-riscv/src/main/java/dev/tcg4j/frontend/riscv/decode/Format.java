package dev.tcg4j.frontend.riscv.decode;

/**
 * Instruction formats: which fields an encoding carries and how objdump prints its operands. The
 * letters in the comments are binutils' operand letters (d/s/t integer rd/rs1/rs2, D/S/T/R float
 * rd/rs1/rs2/rs3, m rounding mode).
 */
public enum Format {
    /** d,s,t */
    R,
    /** d,s: one integer source (clz, sext.b, rev8, ...). */
    UNARY,
    /** d,s,j: I-type immediate. */
    I,
    /** d,s,&gt;: 6-bit shift amount. */
    SHIFT64,
    /** d,s,&lt;: 5-bit shift amount. */
    SHIFT32,
    /** d,o(s) */
    LOAD,
    /** t,q(s) */
    STORE,
    /** s,t,p */
    BRANCH,
    /** d,u */
    UPPER,
    /** d,a */
    JUMP,
    /** d,o(s) */
    JUMP_REG,
    /** P,Q: predecessor and successor sets. */
    FENCE,
    /** No operands. */
    NONE,
    /** 0(s): a cache-block operation on the block holding rs1. */
    CBO,
    /** Wif(s): a prefetch HINT, offset imm[11:5] (a multiple of 32) from rs1. */
    PREFETCH,
    /** d,E,s */
    CSR,
    /** d,E,Z */
    CSR_IMM,
    /** d,t,0(s) with .aq/.rl suffixes. */
    AMO,
    /** d,0(s) with .aq/.rl suffixes. */
    LR,
    /** D,o(s) */
    FLOAD,
    /** T,q(s) */
    FSTORE,
    /** D,S,T,m */
    F_RRR_RM,
    /** D,S,T */
    F_RRR,
    /** D,S,T,R,m */
    F_RRRR_RM,
    /** D,S,m */
    F_RR_RM,
    /** d,S,T: a comparison writing an integer register. */
    F_CMP,
    /** d,S,m: float to integer conversion. */
    F_TO_X_RM,
    /** D,s,m: integer to float conversion. */
    X_TO_F_RM,
    /** d,S: bit move or classification. */
    F_TO_X,
    /** D,s: bit move. */
    X_TO_F,
    /** D,Wfv: one of 32 constants selected by the rs1 field. */
    FLI
}
