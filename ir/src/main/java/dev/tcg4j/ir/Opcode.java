package dev.tcg4j.ir;

/**
 * The IR opcodes. Every value is a 64-bit integer; 32-bit guest semantics are spelled out with
 * extension ops, and floating point goes through helper calls.
 *
 * <p>Argument shapes (outputs first, then inputs) are fixed per opcode so that the verifier and
 * the dump need no special cases: {@code outs} and {@code ins} give the temp counts, {@code -1}
 * where the count is variable (only {@link #CALL}).
 */
public enum Opcode {
    // moves and arithmetic
    MOV(1, 1), ADD(1, 2), SUB(1, 2), MUL(1, 2),
    /** High 64 bits of the signed 128-bit product. */
    MULSH(1, 2),
    /** High 64 bits of the unsigned 128-bit product. */
    MULUH(1, 2),
    /** Signed division; the result for a zero divisor is undefined, frontends guard it. */
    DIV(1, 2), DIVU(1, 2), REM(1, 2), REMU(1, 2),
    AND(1, 2), OR(1, 2), XOR(1, 2), NOT(1, 1), NEG(1, 1),
    /** Shifts use the low six bits of the count. */
    SHL(1, 2), SHR(1, 2), SAR(1, 2),
    EXT8S(1, 1), EXT8U(1, 1), EXT16S(1, 1), EXT16U(1, 1), EXT32S(1, 1), EXT32U(1, 1),
    // compares and control flow
    SETCOND(1, 2),
    /** out = cond(in0, in1) ? in2 : in3 */
    MOVCOND(1, 4),
    BRCOND(0, 2), BR(0, 0), SET_LABEL(0, 0),
    // guest memory
    /** out = guest load of {@code memOp} at address in0; may raise a guest fault. */
    QEMU_LD(1, 1),
    /** guest store of in0 to address in1; may raise a guest fault. */
    QEMU_ST(0, 2),
    // host state
    /** out = cpu.regs[const] for a slot that is not a global temp. */
    LD_STATE(1, 0),
    /** cpu.regs[const] = in0 */
    ST_STATE(0, 1),
    /** out = index of the running vCPU. */
    LD_VCPU_INDEX(1, 0),
    /** out = cpu.hostRow((HostRow) aux)[in0], the running vCPU's own row */
    HOST_LD(1, 1),
    /** cpu.hostRow((HostRow) aux)[in0] = in1 */
    HOST_ST(0, 2),
    /** cpu.memListener = (MemAccessListener) aux, which may be null. */
    SET_MEM_LISTENER(0, 0),
    /** Calls the {@link Helper} in aux; zero or one output. */
    CALL(-1, -1),
    // translation-block structure
    /** Starts the ops of the guest instruction at const (its pc). */
    INSN_START(0, 0),
    /** Leaves the block returning const as the exit code (see ExitCodes). */
    EXIT_TB(0, 0),
    /**
     * Leaves the block through chainable exit slot const; the pc global holds the target. When the
     * target is known at translation time it is also the op's aux (a Long).
     */
    GOTO_TB(0, 0),
    /**
     * Leaves the block to the guest address in0, which the pc global also holds, looked up at run
     * time. The operand lets a backend that compiles several blocks together stay inside them.
     */
    GOTO_PTR(0, 1),
    // plugin markers, filled in or removed by the inject pass
    /** Empty plugin marker; const is the {@link PluginMarker} ordinal. */
    PLUGIN_CB(0, 0),
    /** Empty memory-access marker after a guest load or store: in0 address, in1 value, const meminfo. */
    PLUGIN_MEM(0, 2);

    private final int outs;
    private final int ins;

    Opcode(int outs, int ins) {
        this.outs = outs;
        this.ins = ins;
    }

    public int outs() {
        return outs;
    }

    public int ins() {
        return ins;
    }

    public String mnemonic() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for ops after which control never falls through. */
    public boolean endsFlow() {
        return this == BR || this == EXIT_TB || this == GOTO_TB || this == GOTO_PTR;
    }

    public boolean isBlockExit() {
        return this == EXIT_TB || this == GOTO_TB || this == GOTO_PTR;
    }
}
