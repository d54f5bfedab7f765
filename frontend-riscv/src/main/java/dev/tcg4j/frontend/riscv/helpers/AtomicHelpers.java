package dev.tcg4j.frontend.riscv.helpers;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import java.lang.invoke.VarHandle;

/**
 * The A extension: LR/SC and the AMOs, atomic across vCPUs through compare-and-exchange on guest
 * memory. Each reports its accesses as QEMU's atomic helpers do, so that plugins count the same:
 * an AMO is one load then one store; LR one load; an SC whose address holds the reservation one
 * load and one store whether or not it succeeds (QEMU's cmpxchg), and none otherwise.
 *
 * <p>Word forms return the old memory value sign-extended, as the ISA writes it to rd.
 *
 * <p>Memory order: SC and the AMOs are a {@code VarHandle} compare-and-exchange, which has volatile
 * semantics (a full fence on either side), so every aq/rl combination holds. LR is a plain load
 * followed by an acquire fence (on a TSO host the JIT alone could move later accesses above it).
 * SC succeeds when the word still holds the value LR read, as QEMU's cmpxchg-based SC: another
 * vCPU's store of the same value in between goes unnoticed (ABA), which no lock-free algorithm
 * written for LR/SC's stronger guarantee is known to rely on in practice.
 */
public final class AtomicHelpers {
    private static final int LOAD_W = MemOp.SL.meminfo(false);
    private static final int STORE_W = MemOp.SL.meminfo(true);
    private static final int LOAD_D = MemOp.UQ.meminfo(false);
    private static final int STORE_D = MemOp.UQ.meminfo(true);

    private static final int SWAP = 0;
    private static final int ADD = 1;
    private static final int XOR = 2;
    private static final int AND = 3;
    private static final int OR = 4;
    private static final int MIN = 5;
    private static final int MAX = 6;
    private static final int MINU = 7;
    private static final int MAXU = 8;

    private AtomicHelpers() {}

    // ---------------------------------------------------------------- LR / SC

    public static long lr_w(CpuState cpu, long addr) {
        checkAligned(addr, 4);
        long v = cpu.memory.ld32s(addr);
        VarHandle.acquireFence(); // lr.aq: nothing later moves above the load
        reserve(cpu, addr, v);
        cpu.reportAccess(addr, v, LOAD_W);
        return v;
    }

    public static long lr_d(CpuState cpu, long addr) {
        checkAligned(addr, 8);
        long v = cpu.memory.ld64(addr);
        VarHandle.acquireFence();
        reserve(cpu, addr, v);
        cpu.reportAccess(addr, v, LOAD_D);
        return v;
    }

    /** Returns 0 when the store happened, 1 when it did not. */
    public static long sc_w(CpuState cpu, long addr, long src) {
        long[] r = cpu.regs;
        long reserved = r[RiscvArch.RESERVATION_ADDR];
        r[RiscvArch.RESERVATION_ADDR] = -1;
        if (addr != reserved) {
            return 1;
        }
        int expect = (int) r[RiscvArch.RESERVATION_VALUE];
        int witness = (int) cpu.memory.cas32(addr, expect, (int) src);
        boolean stored = witness == expect;
        cpu.reportAccess(addr, witness, LOAD_W);
        cpu.reportAccess(addr, stored ? (int) src : witness, STORE_W);
        return stored ? 0 : 1;
    }

    public static long sc_d(CpuState cpu, long addr, long src) {
        long[] r = cpu.regs;
        long reserved = r[RiscvArch.RESERVATION_ADDR];
        r[RiscvArch.RESERVATION_ADDR] = -1;
        if (addr != reserved) {
            return 1;
        }
        long expect = r[RiscvArch.RESERVATION_VALUE];
        long witness = cpu.memory.cas64(addr, expect, src);
        boolean stored = witness == expect;
        cpu.reportAccess(addr, witness, LOAD_D);
        cpu.reportAccess(addr, stored ? src : witness, STORE_D);
        return stored ? 0 : 1;
    }

    // ---------------------------------------------------------------- AMOs

    public static long amoswap_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, SWAP);
    }

    public static long amoadd_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, ADD);
    }

    public static long amoxor_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, XOR);
    }

    public static long amoand_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, AND);
    }

    public static long amoor_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, OR);
    }

    public static long amomin_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, MIN);
    }

    public static long amomax_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, MAX);
    }

    public static long amominu_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, MINU);
    }

    public static long amomaxu_w(CpuState cpu, long addr, long src) {
        return rmw32(cpu, addr, (int) src, MAXU);
    }

    public static long amoswap_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, SWAP);
    }

    public static long amoadd_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, ADD);
    }

    public static long amoxor_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, XOR);
    }

    public static long amoand_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, AND);
    }

    public static long amoor_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, OR);
    }

    public static long amomin_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, MIN);
    }

    public static long amomax_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, MAX);
    }

    public static long amominu_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, MINU);
    }

    public static long amomaxu_d(CpuState cpu, long addr, long src) {
        return rmw64(cpu, addr, src, MAXU);
    }

    // ---------------------------------------------------------------- engine

    private static long rmw32(CpuState cpu, long addr, int src, int op) {
        GuestMemory m = cpu.memory;
        m.checkAtomic(addr, 4);
        int old = (int) m.ld32s(addr);
        int updated;
        while (true) {
            updated = (int) apply(op, old, src);
            int witness = (int) m.cas32(addr, old, updated);
            if (witness == old) {
                break;
            }
            old = witness;
        }
        cpu.reportAccess(addr, old, LOAD_W);
        cpu.reportAccess(addr, updated, STORE_W);
        return old;
    }

    private static long rmw64(CpuState cpu, long addr, long src, int op) {
        GuestMemory m = cpu.memory;
        m.checkAtomic(addr, 8);
        long old = m.ld64(addr);
        long updated;
        while (true) {
            updated = apply(op, old, src);
            long witness = m.cas64(addr, old, updated);
            if (witness == old) {
                break;
            }
            old = witness;
        }
        cpu.reportAccess(addr, old, LOAD_D);
        cpu.reportAccess(addr, updated, STORE_D);
        return old;
    }

    /** Word operands arrive sign-extended, so signed and unsigned order work on 64-bit values. */
    private static long apply(int op, long old, long src) {
        return switch (op) {
            case SWAP -> src;
            case ADD -> old + src;
            case XOR -> old ^ src;
            case AND -> old & src;
            case OR -> old | src;
            case MIN -> Math.min(old, src);
            case MAX -> Math.max(old, src);
            case MINU -> Long.compareUnsigned(old, src) <= 0 ? old : src;
            case MAXU -> Long.compareUnsigned(old, src) >= 0 ? old : src;
            default -> throw new IllegalArgumentException("AMO op " + op);
        };
    }

    private static void checkAligned(long addr, int size) {
        if ((addr & (size - 1)) != 0) {
            throw new GuestTrap(GuestTrap.Kind.MISALIGNED, addr);
        }
    }

    private static void reserve(CpuState cpu, long addr, long value) {
        cpu.regs[RiscvArch.RESERVATION_ADDR] = addr;
        cpu.regs[RiscvArch.RESERVATION_VALUE] = value;
    }
}
