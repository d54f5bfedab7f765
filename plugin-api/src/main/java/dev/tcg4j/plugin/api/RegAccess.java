package dev.tcg4j.plugin.api;

/**
 * What a callback may do with guest registers, as QEMU's {@code qemu_plugin_cb_flags}. Say the least
 * you need: {@link #NO_REGS} lets the emulator keep registers in fast storage across the call.
 *
 * <p>{@link PluginContext#readRegister} needs {@link #R_REGS} or more, {@link PluginContext#writeRegister}
 * {@link #RW_REGS} or more, and {@link PluginContext#setPc} {@link #RW_REGS_PC}. Callbacks of runtime
 * events (vCPU init and exit, system calls, discontinuities) may do all of these.
 */
public enum RegAccess {
    /** The callback touches no register. */
    NO_REGS,
    /** The callback reads registers. */
    R_REGS,
    /** The callback reads and writes registers, but not the pc. */
    RW_REGS,
    /** The callback reads and writes registers and may set the pc ({@link PluginContext#setPc}). */
    RW_REGS_PC;

    /**
     * Whether registers may be read.
     *
     * @return true when this access includes reading registers
     */
    public boolean reads() {
        return this != NO_REGS;
    }

    /**
     * Whether registers may be written.
     *
     * @return true when this access includes writing registers
     */
    public boolean writes() {
        return this == RW_REGS || this == RW_REGS_PC;
    }
}
