package dev.tcg4j.plugin.api;

/**
 * What a memory callback learns of one access, as QEMU's {@code qemu_plugin_meminfo_t} together
 * with {@code qemu_plugin_mem_get_value}. Valid only during the callback it was given to.
 */
public interface MemInfo {
    /** log2 of the access size in bytes: 0 for a byte, 3 for a doubleword. */
    int sizeShift();

    /** Access size in bytes. */
    default int size() {
        return 1 << sizeShift();
    }

    /** True for a load that sign-extends. */
    boolean isSignExtended();

    boolean isBigEndian();

    /** True for a store, false for a load. */
    boolean isStore();

    /**
     * The value loaded or stored, zero-extended from the access size (so a byte load of 0xff gives
     * 255 whether or not the load sign-extends).
     */
    long value();
}
