package dev.tcg4j.plugin.api;

/** Operations that run inline in translated code on a scoreboard entry, as QEMU's {@code qemu_plugin_op}. */
public enum InlineOp {
    /** entry += imm (wrapping). */
    ADD_U64,
    /** entry = imm */
    STORE_U64
}
