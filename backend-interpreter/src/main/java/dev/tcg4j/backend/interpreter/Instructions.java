package dev.tcg4j.backend.interpreter;

/**
 * The interpreter's instruction set: what {@link Predecoder} turns IR ops into and
 * {@link Interpreter} runs. An instruction is an opcode followed by its operands in one {@code int[]};
 * operands named d, a, b, v are frame indexes (globals, constants and temps all live in the frame),
 * t an instruction index, n an index into one of the program's pools. Conditions are folded into the
 * opcode so that a compare costs no second dispatch.
 *
 * <p>Values are dense from 0 so that the interpreter's switch compiles to one jump table.
 */
final class Instructions {
    private Instructions() {}

    // d a
    static final int MOV = 0;
    static final int NOT = 1;
    static final int NEG = 2;
    static final int EXT8S = 3;
    static final int EXT8U = 4;
    static final int EXT16S = 5;
    static final int EXT16U = 6;
    static final int EXT32S = 7;
    static final int EXT32U = 8;
    // d a b
    static final int ADD = 9;
    static final int SUB = 10;
    static final int MUL = 11;
    static final int MULSH = 12;
    static final int MULUH = 13;
    static final int DIV = 14;
    static final int DIVU = 15;
    static final int REM = 16;
    static final int REMU = 17;
    static final int AND = 18;
    static final int OR = 19;
    static final int XOR = 20;
    static final int SHL = 21;
    static final int SHR = 22;
    static final int SAR = 23;
    // d a b: d = cond(a, b) ? 1 : 0, in Cond order from EQ
    static final int SET_EQ = 24;
    static final int SET_NE = 25;
    static final int SET_LT = 26;
    static final int SET_GE = 27;
    static final int SET_LE = 28;
    static final int SET_GT = 29;
    static final int SET_LTU = 30;
    static final int SET_GEU = 31;
    static final int SET_LEU = 32;
    static final int SET_GTU = 33;
    // a b t: jump to t when cond(a, b), in Cond order from EQ
    static final int BR_EQ = 34;
    static final int BR_NE = 35;
    static final int BR_LT = 36;
    static final int BR_GE = 37;
    static final int BR_LE = 38;
    static final int BR_GT = 39;
    static final int BR_LTU = 40;
    static final int BR_GEU = 41;
    static final int BR_LEU = 42;
    static final int BR_GTU = 43;
    /** t */
    static final int BR = 44;
    /** d a b v w: d = a == b ? v : w (the frontend's division guards) */
    static final int MOVCOND_EQ = 45;
    /** d a b v w: d = a != b ? v : w */
    static final int MOVCOND_NE = 46;
    /** d a b v w c: d = Cond.values()[c](a, b) ? v : w */
    static final int MOVCOND = 47;
    /** d i: d = i, a sign-extended int (setcond always/never) */
    static final int MOVI = 48;
    // d a: guest loads, little-endian
    static final int LD8U = 49;
    static final int LD8S = 50;
    static final int LD16U = 51;
    static final int LD16S = 52;
    static final int LD32U = 53;
    static final int LD32S = 54;
    static final int LD64 = 55;
    /** d a s: big-endian load; s = size shift, plus 4 when sign-extending */
    static final int LD_BE = 56;
    // v a: guest stores, little-endian
    static final int ST8 = 57;
    static final int ST16 = 58;
    static final int ST32 = 59;
    static final int ST64 = 60;
    /** v a s: big-endian store of size shift s */
    static final int ST_BE = 61;
    /** d s: d = cpu.regs[s] */
    static final int LD_STATE = 62;
    /** s a: cpu.regs[s] = a */
    static final int ST_STATE = 63;
    /** d */
    static final int LD_VCPU_INDEX = 64;
    /** d n a: d = cpu.hostRow(hostRows[n])[a] */
    static final int HOST_LD = 65;
    /** n a v: cpu.hostRow(hostRows[n])[a] = v */
    static final int HOST_ST = 66;
    /** n: cpu.memListener = listeners[n] */
    static final int SET_MEM_LISTENER = 67;
    // n d a...: call helper n with the helper's arity of arguments; d is -1 for a void helper
    static final int CALL0 = 68;
    static final int CALL1 = 69;
    static final int CALL2 = 70;
    static final int CALL3 = 71;
    static final int CALL4 = 72;
    static final int CALL5 = 73;
    static final int CALL6 = 74;
    /** n d a...: more arguments than {@link #MAX_DIRECT_ARGS}, passed in an array */
    static final int CALLN = 75;
    /** c: leave with exit code c */
    static final int EXIT = 76;
    /** t c: continue at t unless a stop was requested, else leave with exit code c */
    static final int JUMP_UNLESS_STOPPED = 77;
    /** a: a region's goto_ptr: continue at the member whose pc is a, else leave by lookup */
    static final int GOTO_PTR = 78;

    // superinstructions: two ops in one dispatch, fused by the predecoder where the first op's result
    // is a temp only the second reads
    /** d a b: d = guest load at a + b (an address computation and its load) */
    static final int LD8U_AT_SUM = 79;
    static final int LD8S_AT_SUM = 80;
    static final int LD16U_AT_SUM = 81;
    static final int LD16S_AT_SUM = 82;
    static final int LD32U_AT_SUM = 83;
    static final int LD32S_AT_SUM = 84;
    static final int LD64_AT_SUM = 85;
    /** v a b: guest store of v at a + b */
    static final int ST8_AT_SUM = 86;
    static final int ST16_AT_SUM = 87;
    static final int ST32_AT_SUM = 88;
    static final int ST64_AT_SUM = 89;
    /** d a b: d = ext32s(a + b), and so on: RV64's word ops */
    static final int ADDW = 90;
    static final int SUBW = 91;
    static final int MULW = 92;
    /** d a c: d = a, then leave with exit code c (the pc set by a block exit) */
    static final int MOV_EXIT = 93;
    /** d a t c: d = a, then {@link #JUMP_UNLESS_STOPPED} t c */
    static final int MOV_JUMP_UNLESS_STOPPED = 94;
    /** d n a b: d = cpu.hostRow(hostRows[n])[a] += b (a plugin's inline add to its scoreboard) */
    static final int HOST_ADD = 95;

    /** Most helper arguments passed without an array. */
    static final int MAX_DIRECT_ARGS = 6;
}
