package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.cpu.CpuState;

/** Public helpers, so that generated code calls them directly. */
public final class TestHelpers {
    private TestHelpers() {}

    /** A callback interface standing in for a plugin's. */
    public interface Tally {
        void add(CpuState cpu, long value);
    }

    public static long mulAdd(CpuState cpu, long a, long b) {
        return a * b + cpu.vcpuIndex;
    }

    public static long fortyTwo() {
        return 42;
    }
}
