package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CpuState;
import java.util.function.Consumer;

/**
 * Starts a vCPU for a new guest thread on a host thread of its own (the wiring layer implements it:
 * it knows the vCPU factory and the plugins).
 */
public interface VcpuStarter {
    /**
     * Makes vCPU {@code index} and runs it on a new host thread: first {@code prepare} on that thread
     * (registers, thread id; it may throw {@link GuestExit} when the process is ending), then the guest
     * until the thread or the process exits.
     *
     * @throws IllegalStateException when the host cannot start another thread
     */
    void start(int index, Consumer<CpuState> prepare);
}
