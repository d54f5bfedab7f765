package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.cpu.MemAccessListener;

/**
 * What a block can change besides guest memory: the registers, the published mem-helper listener,
 * the trap fields, and the host arrays its inline plugin ops write (scoreboards). Reused from block
 * to block: {@link #capture} overwrites it.
 */
final class CpuSnapshot {
    private long[] regs = new long[0];
    private MemAccessListener memListener;
    private GuestTrap trap;
    private long trapPc;
    private long[][] hostArrays = new long[0][];

    void capture(CpuState cpu, long[][] arrays) {
        if (regs.length != cpu.regs.length) {
            regs = new long[cpu.regs.length];
        }
        System.arraycopy(cpu.regs, 0, regs, 0, regs.length);
        memListener = cpu.memListener;
        trap = cpu.trap;
        trapPc = cpu.trapPc;
        if (arrays.length == 0) {
            hostArrays = arrays;
            return;
        }
        hostArrays = new long[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            hostArrays[i] = arrays[i].clone();
        }
    }

    /** Puts the CPU and the arrays back as they were captured. */
    void restore(CpuState cpu, long[][] arrays) {
        System.arraycopy(regs, 0, cpu.regs, 0, regs.length);
        cpu.memListener = memListener;
        cpu.trap = trap;
        cpu.trapPc = trapPc;
        for (int i = 0; i < arrays.length; i++) {
            System.arraycopy(hostArrays[i], 0, arrays[i], 0, hostArrays[i].length);
        }
    }

    /** A copy that later captures leave alone. */
    CpuSnapshot copy() {
        CpuSnapshot c = new CpuSnapshot();
        c.regs = regs.clone();
        c.memListener = memListener;
        c.trap = trap;
        c.trapPc = trapPc;
        c.hostArrays = hostArrays;
        return c;
    }

    long[] regs() {
        return regs;
    }

    MemAccessListener memListener() {
        return memListener;
    }

    GuestTrap trap() {
        return trap;
    }

    long trapPc() {
        return trapPc;
    }

    long[][] hostArrays() {
        return hostArrays;
    }
}
