package dev.tcg4j.plugin.api;

import java.util.Objects;

/**
 * A guest register as {@link PluginContext#registers()} lists it, as QEMU's
 * {@code qemu_plugin_reg_descriptor}: its name, the gdb XML feature it belongs to, and its size.
 *
 * @param id the emulator's handle for the register; pass the whole record back, not a made-up id
 * @param name the name gdb uses: ABI names for integer and FP registers ({@code a0}, {@code ft0}),
 *     {@code pc}, CSR names ({@code fcsr})
 * @param feature the gdb feature: for RISC-V {@code org.gnu.gdb.riscv.cpu}, {@code org.gnu.gdb.riscv.fpu}
 *     or {@code org.gnu.gdb.riscv.csr}
 * @param sizeBytes the register's width in bytes
 */
public record Register(int id, String name, String feature, int sizeBytes) {
    /**
     * Checks the descriptor.
     *
     * @param id the handle
     * @param name the name
     * @param feature the gdb feature
     * @param sizeBytes the width
     */
    public Register {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(feature, "feature");
    }
}
