package dev.tcg4j.plugin.api;

/** Called after the emulator dropped every translated block, as QEMU's flush callback. */
@FunctionalInterface
public interface FlushCallback {
    void onFlush();
}
