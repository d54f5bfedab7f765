package dev.tcg4j.injector.call;

import java.util.Objects;

/**
 * One installed plugin as the code that calls it sees it: its name for error messages, the vCPU
 * scopes its register-reading callbacks enter, and its generation. A reset or uninstall starts a new
 * generation: callbacks registered before it never run again, even from blocks still running.
 */
public final class PluginSession {
    private final String name;
    private final VcpuScopes scopes;
    private volatile Generation generation = Generation.first();
    private volatile boolean uninstalled;

    public PluginSession(String name, VcpuScopes scopes) {
        this.name = Objects.requireNonNull(name);
        this.scopes = scopes;
    }

    public String name() {
        return name;
    }

    public VcpuScopes scopes() {
        return scopes;
    }

    /** The generation that callbacks registered now belong to. */
    public Generation generation() {
        return generation;
    }

    /** Forgets every callback registered so far. */
    public synchronized void newGeneration(boolean uninstall) {
        generation = generation.end();
        if (uninstall) {
            uninstalled = true;
        }
    }

    public boolean isUninstalled() {
        return uninstalled;
    }

    @Override
    public String toString() {
        return name;
    }
}
