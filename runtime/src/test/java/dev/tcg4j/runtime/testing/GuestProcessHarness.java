package dev.tcg4j.runtime.testing;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.riscv64.Riscv64LinuxAbi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A guest process without a program: a 4 GiB address space, a heap, a scratch page for system call
 * arguments, and a CPU whose registers the test sets before each {@link #syscall}.
 */
public final class GuestProcessHarness {
    public static final long SCRATCH = 0x20000;
    public static final long HEAP = 0x100000;
    public static final long SYSCALL_PC = 0x10000;

    public final GuestMemory memory = new FlatGuestMemory(32);
    public final AddressSpace space = new AddressSpace(memory);
    public final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    public final LinuxProcess process;
    public final CpuState cpu;
    private long scratchNext = SCRATCH;

    public GuestProcessHarness(String programPath) {
        space.mapFixed(SYSCALL_PC, 0x1000, GuestMemory.READ | GuestMemory.EXEC);
        space.mapFixed(SCRATCH, 0x10000, GuestMemory.READ | GuestMemory.WRITE);
        space.initBrk(HEAP);
        space.mapStack();
        process = new LinuxProcess(new TestArch(), space, new Libc(), new Riscv64LinuxAbi(), programPath,
                "tcg4j-riscv64", new PrintStream(stderr, true, StandardCharsets.UTF_8), true);
        process.mapSignalTrampoline();
        cpu = new CpuState(72, 0, memory);
        cpu.regs[TestArch.SP] = space.stackTop() - 256;
    }

    /** Performs system call {@code nr} as if an ecall at {@link #SYSCALL_PC}; returns a0. */
    public long syscall(int nr, long... args) {
        cpu.regs[TestArch.PC] = SYSCALL_PC;
        cpu.regs[TestArch.A7] = nr;
        for (int i = 0; i < 6; i++) {
            cpu.regs[TestArch.A0 + i] = i < args.length ? args[i] : 0;
        }
        process.syscall(cpu);
        return cpu.regs[TestArch.A0];
    }

    /** Scratch guest memory of {@code n} bytes, 16-byte aligned, zeroed. */
    public long alloc(int n) {
        long a = scratchNext;
        scratchNext = (scratchNext + n + 15) & ~15L;
        memory.write(a, new byte[n]);
        return a;
    }

    /** A NUL-terminated copy of {@code s} in guest memory. */
    public long cString(String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        long a = alloc(b.length);
        memory.write(a, b);
        return a;
    }

    public String stderrText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
