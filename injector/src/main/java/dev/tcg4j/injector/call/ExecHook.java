package dev.tcg4j.injector.call;

/**
 * The shape of a block or instruction callback as translated code calls it: a bound helper whose
 * receiver is an {@link ExecAdapter}. Public so that generated classes can call it.
 */
public interface ExecHook {
    void onExec(long vcpuIndex);
}
