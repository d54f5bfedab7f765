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
    NO_REGS, R_REGS, RW_REGS, RW_REGS_PC;

    /** True when this access includes reading registers. */
    public boolean reads() {
        return this != NO_REGS;
    }

    /** True when this access includes writing registers. */
    public boolean writes() {
        return this == RW_REGS || this == RW_REGS_PC;
    }
}
