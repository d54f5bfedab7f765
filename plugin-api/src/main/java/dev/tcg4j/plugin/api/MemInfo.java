package dev.tcg4j.plugin.api;

/**
 * What a memory callback learns of one access, as QEMU's {@code qemu_plugin_meminfo_t} together
 * with {@code qemu_plugin_mem_get_value}. Valid only during the callback it was given to.
 */
public interface MemInfo {
    /**
     * The access size as a shift.
     *
     * @return log2 of the access size in bytes: 0 for a byte, 3 for a doubleword
     */
    int sizeShift();

    /**
     * The access size.
     *
     * @return the access size in bytes
     */
    default int size() {
        return 1 << sizeShift();
    }

    /**
     * Whether the load sign-extends.
     *
     * @return true for a load that sign-extends
     */
    boolean isSignExtended();

    /**
     * The access's byte order.
     *
     * @return true for a big-endian access; always false on RISC-V
     */
    boolean isBigEndian();

    /**
     * The access's direction.
     *
     * @return true for a store, false for a load
     */
    boolean isStore();

    /**
     * The value loaded or stored.
     *
     * @return the value, zero-extended from the access size (so a byte load of 0xff gives 255
     *     whether or not the load sign-extends)
     */
    long value();
}
