package dev.tcg4j.testing;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.Backend;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * How one run of a block on one backend ended: the exit code, or what compiling or running it
 * threw; and the state it left: registers, the trap with its pc, the published memory listener, the
 * mapped guest memory and the host arrays.
 */
public final class Outcome {
    private final Backend backend;
    private final int exit;
    private final Throwable thrown;
    private final CpuState cpu;
    private final List<byte[]> memory;
    private final List<long[]> hostArrays;

    Outcome(Backend backend, int exit, Throwable thrown, CpuState cpu, GuestState start) {
        this.backend = backend;
        this.exit = exit;
        this.thrown = thrown;
        this.cpu = cpu;
        this.memory = snapshot(cpu.memory, start.mappings());
        this.hostArrays = new ArrayList<>();
        for (long[] a : start.hostArrays()) {
            hostArrays.add(a.clone());
        }
    }

    /** The contents of every mapping, read whatever its protection, which is left as it was. */
    private static List<byte[]> snapshot(GuestMemory memory, List<GuestState.Mapping> mappings) {
        List<byte[]> out = new ArrayList<>();
        for (GuestState.Mapping m : mappings) {
            int prot = memory.protection(m.address());
            if (prot == 0) {
                out.add(null); // unmapped by the run
                continue;
            }
            memory.protect(m.address(), m.length(), GuestMemory.READ);
            out.add(memory.read(m.address(), Math.toIntExact(m.length())));
            memory.protect(m.address(), m.length(), prot);
        }
        return out;
    }

    public Backend backend() {
        return backend;
    }

    /** The exit code; meaningless when {@link #thrown()} is not null. */
    public int exit() {
        return exit;
    }

    /** What compiling or executing threw, or null when the block ran to an exit. */
    public Throwable thrown() {
        return thrown;
    }

    /** The vCPU after the run, on the backend's own memory. */
    public CpuState cpu() {
        return cpu;
    }

    public long reg(int slot) {
        return cpu.regs[slot];
    }

    /** The host array registered {@code index}-th with {@link GuestState#hostArray}, after the run. */
    public long[] hostArray(int index) {
        return hostArrays.get(index).clone();
    }

    /** The first difference from {@code other}, or null when the two runs ended the same. */
    String differenceFrom(Outcome other) {
        if (!Objects.equals(thrownClass(), other.thrownClass())) {
            return "threw " + describeThrown() + " vs " + other.describeThrown();
        }
        if (thrown != null) {
            return null;
        }
        if (exit != other.exit) {
            return "exit code " + exit + " vs " + other.exit;
        }
        long[] a = cpu.regs;
        long[] b = other.cpu.regs;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return "regs[" + i + "] 0x" + Long.toHexString(a[i]) + " vs 0x" + Long.toHexString(b[i]);
            }
        }
        String trap = describeTrap(cpu);
        String otherTrap = describeTrap(other.cpu);
        if (!trap.equals(otherTrap)) {
            return "trap " + trap + " vs " + otherTrap;
        }
        if (cpu.memListener != other.cpu.memListener) {
            return "memListener " + cpu.memListener + " vs " + other.cpu.memListener;
        }
        for (int i = 0; i < memory.size(); i++) {
            String d = bytesDifference(memory.get(i), other.memory.get(i));
            if (d != null) {
                return "memory of mapping " + i + ": " + d;
            }
        }
        for (int i = 0; i < hostArrays.size(); i++) {
            long[] x = hostArrays.get(i);
            long[] y = other.hostArrays.get(i);
            for (int j = 0; j < x.length; j++) {
                if (x[j] != y[j]) {
                    return "host array " + i + "[" + j + "] " + x[j] + " vs " + y[j];
                }
            }
        }
        return null;
    }

    private Class<?> thrownClass() {
        return thrown == null ? null : thrown.getClass();
    }

    private String describeThrown() {
        return thrown == null ? "nothing (exit " + exit + ")" : thrown.toString();
    }

    private static String describeTrap(CpuState cpu) {
        GuestTrap t = cpu.trap;
        return t == null ? "none" : t.kind() + " at 0x" + Long.toHexString(t.address()) + ", pc 0x"
                + Long.toHexString(cpu.trapPc);
    }

    private static String bytesDifference(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == b ? null : (a == null ? "unmapped" : "mapped") + " vs " + (b == null ? "unmapped" : "mapped");
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                int from = Math.max(0, i - 4);
                int to = Math.min(a.length, i + 4);
                HexFormat hex = HexFormat.of();
                return "byte " + i + ": " + hex.formatHex(a, from, to) + " vs " + hex.formatHex(b, from, to);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return backend.name() + ": " + describeThrown() + ", trap " + describeTrap(cpu);
    }
}
