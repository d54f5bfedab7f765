package dev.tcg4j.plugin.api;

/** Called after the emulator dropped every translated block, as QEMU's flush callback. */
@FunctionalInterface
public interface FlushCallback {
    /** Every translated block was dropped; blocks are translated again, with translation callbacks. */
    void onFlush();
}
