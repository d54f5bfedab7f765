package dev.tcg4j.injector.call;

/**
 * The shape of a memory callback as translated code calls it: a bound helper whose receiver is a
 * {@link MemAdapter}. {@code meminfo} is packed as {@code MemOp.meminfo}.
 */
public interface MemHook {
    void onMem(long vcpuIndex, long meminfo, long vaddr, long value);
}
