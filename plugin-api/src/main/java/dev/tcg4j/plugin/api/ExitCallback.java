package dev.tcg4j.plugin.api;

/** Called once when the guest program exits. */
@FunctionalInterface
public interface ExitCallback {
    /** The guest program exited; runs on the thread that ends the run, after every vCPU stopped. */
    void onExit();
}
