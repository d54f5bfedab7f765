package dev.tcg4j.injector.call;

import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.ir.cpu.ExitProcess;
import dev.tcg4j.ir.cpu.ResumeAt;

/** Where plugin code is entered: a throw from it becomes a {@link PluginFailure} naming the plugin. */
final class PluginCalls {
    private PluginCalls() {}

    static PluginFailure failure(String plugin, Throwable t) {
        return t instanceof PluginFailure f ? f : new PluginFailure(plugin, t);
    }

    /**
     * What a callback's throw becomes: a control transfer the API itself raised (setPc, exitProcess)
     * passes through unchanged, anything else is the plugin's failure. Out of line so that the
     * adapters' call paths stay small.
     */
    static RuntimeException rethrow(PluginSession session, Throwable t) {
        if (t instanceof ResumeAt r) {
            throw r;
        }
        if (t instanceof ExitProcess e) {
            throw e;
        }
        return failure(session.name(), t);
    }
}
