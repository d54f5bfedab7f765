package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;

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

    /** Reads the x5 slot: correct only if the block wrote its cached x5 back. */
    public static long readX5(CpuState cpu) {
        return cpu.regs[5];
    }

    /** Writes the x6 slot: the block must reload its cached copy. */
    public static void writeX6(CpuState cpu, long v) {
        cpu.regs[6] = v;
    }

    /** Writes the x6 slot, then traps: as a CSR helper that updates state and then faults. */
    public static void writeX6ThenTrap(CpuState cpu, long v) {
        cpu.regs[6] = v;
        throw new GuestTrap(GuestTrap.Kind.ILLEGAL_INSTRUCTION, 0);
    }
}
