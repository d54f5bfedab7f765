package dev.tcg4j.plugin.api;

/** Which memory accesses a memory callback or inline op sees, as QEMU's {@code qemu_plugin_mem_rw}. */
public enum MemRw {
    R, W, RW;

    /** True when an access that is a store ({@code isStore}) or a load passes this filter. */
    public boolean matches(boolean isStore) {
        return this == RW || (this == W) == isStore;
    }
}
