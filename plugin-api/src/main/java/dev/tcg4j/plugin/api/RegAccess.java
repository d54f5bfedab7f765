package dev.tcg4j.plugin.api;

/**
 * What a callback may do with guest registers, as QEMU's {@code qemu_plugin_cb_flags}. Say the least
 * you need: {@link #NO_REGS} lets the emulator keep registers in fast storage across the call.
 */
public enum RegAccess {
    NO_REGS, R_REGS, RW_REGS
}
