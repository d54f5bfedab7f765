package dev.tcg4j.frontend.riscv;

import dev.tcg4j.frontend.riscv.helpers.SystemHelpers;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.spi.GuestArch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * RV64GC as the runtime and plugins see it: the layout of {@code CpuState.regs} and the Linux
 * syscall ABI.
 *
 * <p>Slots 0-31 hold x0-x31 (x0 is never written, so it reads 0), 32-63 hold f0-f31 as raw 64-bit
 * patterns (singles NaN-boxed), then the pc, the accrued FP exception flags, the dynamic rounding
 * mode and the LR/SC reservation. fflags and frm are separate slots so that FP helpers update flags
 * without read-modify-write of fcsr; fcsr is composed from them.
 */
public final class RiscvArch implements GuestArch {
    public static final int X0 = 0;
    public static final int F0 = 32;
    public static final int PC = 64;
    /** Accrued exception flags, fcsr[4:0]: NV=16 DZ=8 OF=4 UF=2 NX=1. */
    public static final int FFLAGS = 65;
    /** Dynamic rounding mode, fcsr[7:5]. */
    public static final int FRM = 66;
    /** Address reserved by the last LR, or -1 when there is no reservation. */
    public static final int RESERVATION_ADDR = 67;
    /** Value loaded by the last LR, compared by SC. */
    public static final int RESERVATION_VALUE = 68;
    public static final int SLOTS = 72;

    public static final int ELF_MACHINE_RISCV = 243;

    /** The gdb XML features of the registers plugins see, as QEMU's gdb-xml/riscv-64bit-*.xml. */
    public static final String FEATURE_CPU = "org.gnu.gdb.riscv.cpu";
    public static final String FEATURE_FPU = "org.gnu.gdb.riscv.fpu";
    public static final String FEATURE_CSR = "org.gnu.gdb.riscv.csr";
    /** fcsr has no slot of its own: it is read from and written to FFLAGS and FRM. */
    private static final int FCSR_COMPOSED = -1;
    /** cycle, time and instret: read-only counters a user reads, host ticks in user mode (as rdcycle). */
    private static final int COUNTER = -2;

    private static final String[] X_ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",
        "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9",
        "s10", "s11", "t3", "t4", "t5", "t6"};
    private static final String[] F_ABI = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0",
        "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6",
        "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

    private final List<Temp> globals;
    private final Temp[] x = new Temp[32];
    private final Temp[] f = new Temp[32];
    private final Temp pc;
    private final List<RegisterDescriptor> registers;

    public RiscvArch() {
        List<Temp> g = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            x[i] = Temp.global(X_ABI[i], X0 + i);
            f[i] = Temp.global(F_ABI[i], F0 + i);
        }
        for (int i = 1; i < 32; i++) {
            g.add(x[i]);
        }
        g.addAll(List.of(f));
        pc = Temp.global("pc", PC);
        g.add(pc);
        globals = Collections.unmodifiableList(g);
        List<RegisterDescriptor> regs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            // gdb's riscv-64bit-cpu.xml calls x8 "fp"
            regs.add(new RegisterDescriptor(i == 8 ? "fp" : X_ABI[i], X0 + i, 8, FEATURE_CPU));
        }
        regs.add(new RegisterDescriptor("pc", PC, 8, FEATURE_CPU));
        for (int i = 0; i < 32; i++) {
            regs.add(new RegisterDescriptor(F_ABI[i], F0 + i, 8, FEATURE_FPU));
        }
        regs.add(new RegisterDescriptor("fflags", FFLAGS, 4, FEATURE_FPU));
        regs.add(new RegisterDescriptor("frm", FRM, 4, FEATURE_FPU));
        regs.add(new RegisterDescriptor("fcsr", FCSR_COMPOSED, 4, FEATURE_FPU));
        for (String counter : List.of("cycle", "time", "instret")) {
            regs.add(new RegisterDescriptor(counter, COUNTER, 8, FEATURE_CSR));
        }
        registers = List.copyOf(regs);
    }

    public static String xName(int i) {
        return X_ABI[i];
    }

    public static String fName(int i) {
        return F_ABI[i];
    }

    /** The global of x{@code i}; x0 has none (it reads as the constant 0). */
    public Temp x(int i) {
        if (i == 0) {
            throw new IllegalArgumentException("x0 is not a global: use the constant 0");
        }
        return x[i];
    }

    public Temp f(int i) {
        return f[i];
    }

    public Temp pc() {
        return pc;
    }

    @Override
    public String name() {
        return "riscv64";
    }

    @Override
    public int elfMachine() {
        return ELF_MACHINE_RISCV;
    }

    @Override
    public int stateSlots() {
        return SLOTS;
    }

    @Override
    public List<Temp> globals() {
        return globals;
    }

    @Override
    public int pcSlot() {
        return PC;
    }

    @Override
    public int stackPointerSlot() {
        return X0 + 2;
    }

    @Override
    public int syscallNumberSlot() {
        return X0 + 17;
    }

    @Override
    public int[] syscallArgSlots() {
        return new int[] {X0 + 10, X0 + 11, X0 + 12, X0 + 13, X0 + 14, X0 + 15};
    }

    @Override
    public int syscallReturnSlot() {
        return X0 + 10;
    }

    @Override
    public int syscallInsnSize() {
        return 4;
    }

    @Override
    public List<RegisterDescriptor> registers() {
        return registers;
    }

    /**
     * fcsr is composed of frm and fflags; x0 reads 0 and ignores writes; fflags and frm keep their
     * bits; the counters read what rdcycle, rdtime and rdinstret read, and ignore writes.
     */
    @Override
    public long readRegister(long[] regs, RegisterDescriptor reg) {
        if (reg.slot() == FCSR_COMPOSED) {
            return (regs[FRM] << 5) | regs[FFLAGS];
        }
        if (reg.slot() == COUNTER) {
            return SystemHelpers.hostTicks();
        }
        return GuestArch.super.readRegister(regs, reg);
    }

    @Override
    public void writeRegister(long[] regs, RegisterDescriptor reg, long value) {
        switch (reg.slot()) {
            case FCSR_COMPOSED -> {
                regs[FFLAGS] = value & 0x1f;
                regs[FRM] = (value >>> 5) & 0x7;
            }
            case FFLAGS -> regs[FFLAGS] = value & 0x1f;
            case FRM -> regs[FRM] = value & 0x7;
            case X0, COUNTER -> { }
            default -> GuestArch.super.writeRegister(regs, reg, value);
        }
    }

    /**
     * pc, x0-x31 and f0-f31 each with its number and ABI name ({@code x10/a0}), fcsr composed from
     * fflags and frm, then the LR/SC reservation: what QEMU's riscv_cpu_dump_state prints, and the
     * reservation that SC depends on.
     */
    @Override
    public List<NamedValue> registerFile(long[] regs) {
        List<NamedValue> file = new ArrayList<>(68);
        file.add(new NamedValue("pc", regs[PC]));
        for (int i = 0; i < 32; i++) {
            file.add(new NamedValue("x" + i + "/" + X_ABI[i], regs[X0 + i]));
        }
        for (int i = 0; i < 32; i++) {
            file.add(new NamedValue("f" + i + "/" + F_ABI[i], regs[F0 + i]));
        }
        file.add(new NamedValue("fcsr", (regs[FRM] << 5) | regs[FFLAGS]));
        file.add(new NamedValue("reservation", regs[RESERVATION_ADDR]));
        file.add(new NamedValue("reserved value", regs[RESERVATION_VALUE]));
        return file;
    }
}
