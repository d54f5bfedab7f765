package dev.tcg4j.testing.conformance;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;

/** Public helpers, so that every backend can link them. */
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

    /** Weights each argument by its position, so that a swapped or dropped argument shows. */
    public static long weigh1(long a) {
        return a;
    }

    public static long weigh2(long a, long b) {
        return a + 10 * b;
    }

    public static long weigh3(long a, long b, long c) {
        return a + 10 * b + 100 * c;
    }

    public static long weigh4(CpuState cpu, long a, long b, long c, long d) {
        return a + 10 * b + 100 * c + 1000 * d + 100_000 * cpu.vcpuIndex;
    }

    public static long weigh5(long a, long b, long c, long d, long e) {
        return a + 10 * b + 100 * c + 1000 * d + 10_000 * e;
    }

    public static long weigh6(CpuState cpu, long a, long b, long c, long d, long e, long f) {
        return a + 10 * b + 100 * c + 1000 * d + 10_000 * e + 100_000 * f + 10_000_000 * cpu.vcpuIndex;
    }

    public static long weigh8(long a, long b, long c, long d, long e, long f, long g, long h) {
        return a + 10 * b + 100 * c + 1000 * d + 10_000 * e + 100_000 * f + 1_000_000 * g + 10_000_000 * h;
    }

    /** Stores its argument in state slot 35: a void helper whose effect the block cannot see. */
    public static void record(CpuState cpu, long v) {
        cpu.regs[35] = v;
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

    /** Raises a breakpoint trap, as an ebreak helper would. */
    public static void raise(long address) {
        throw new GuestTrap(GuestTrap.Kind.BREAKPOINT, address);
    }

    /** Reads guest memory as a memory-touching helper (an AMO) does: a fault is a guest trap. */
    public static long loadThroughHelper(CpuState cpu, long address) {
        return cpu.memory.ld64(address);
    }
}
