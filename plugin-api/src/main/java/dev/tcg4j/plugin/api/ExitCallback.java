package dev.tcg4j.plugin.api;

/** Called once when the guest program exits. */
@FunctionalInterface
public interface ExitCallback {
    void onExit();
}
