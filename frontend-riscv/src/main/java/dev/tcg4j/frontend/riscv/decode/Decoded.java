package dev.tcg4j.frontend.riscv.decode;

/**
 * A decoded 32-bit instruction (compressed ones arrive here expanded): the table entry and its
 * operand fields. {@code imm} is the format's immediate, sign-extended where the ISA sign-extends
 * it; for CSR_IMM it is the 5-bit unsigned immediate.
 */
public record Decoded(Insn insn, int bits, int rd, int rs1, int rs2, int rs3, int rm, long imm) {

    public static Decoded of(Insn insn, int bits) {
        return new Decoded(insn, bits, (bits >>> 7) & 31, (bits >>> 15) & 31, (bits >>> 20) & 31, bits >>> 27,
                (bits >>> 12) & 7, immediate(insn.format(), bits));
    }

    /** The CSR number of a Zicsr instruction. */
    public int csr() {
        return bits >>> 20;
    }

    /** Acquire bit of an A-extension instruction. */
    public boolean aq() {
        return (bits & (1 << 26)) != 0;
    }

    /** Release bit of an A-extension instruction. */
    public boolean rl() {
        return (bits & (1 << 25)) != 0;
    }

    /** Predecessor set of a fence (i=8 o=4 r=2 w=1). */
    public int pred() {
        return (bits >>> 24) & 15;
    }

    /** Successor set of a fence. */
    public int succ() {
        return (bits >>> 20) & 15;
    }

    /** Fence mode of a fence (8 for fence.tso). */
    public int fm() {
        return bits >>> 28;
    }

    static long immediate(Format f, int b) {
        return switch (f) {
            case I, LOAD, JUMP_REG, FLOAD, PREFETCH -> b >> 20;
            case STORE, FSTORE -> ((b >> 25) << 5) | ((b >>> 7) & 31);
            case BRANCH -> ((b >> 31) << 12) | (((b >>> 7) & 1) << 11) | (((b >>> 25) & 0x3f) << 5)
                    | (((b >>> 8) & 15) << 1);
            case UPPER -> b & 0xfffff000;
            case JUMP -> ((b >> 31) << 20) | (((b >>> 12) & 0xff) << 12) | (((b >>> 20) & 1) << 11)
                    | (((b >>> 21) & 0x3ff) << 1);
            case SHIFT64 -> (b >>> 20) & 63;
            case SHIFT32 -> (b >>> 20) & 31;
            case CSR_IMM -> (b >>> 15) & 31;
            default -> 0;
        };
    }
}
