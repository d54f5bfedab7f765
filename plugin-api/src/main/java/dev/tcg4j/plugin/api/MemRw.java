package dev.tcg4j.plugin.api;

/** Which memory accesses a memory callback or inline op sees, as QEMU's {@code qemu_plugin_mem_rw}. */
public enum MemRw {
    /** Loads only. */
    R,
    /** Stores only. */
    W,
    /** Loads and stores. */
    RW;

    /**
     * Whether an access passes this filter.
     *
     * @param isStore true for a store, false for a load
     * @return true when the access is one this filter sees
     */
    public boolean matches(boolean isStore) {
        return this == RW || (this == W) == isStore;
    }
}
