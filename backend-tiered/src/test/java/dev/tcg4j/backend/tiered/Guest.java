package dev.tcg4j.backend.tiered;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.RiscvFrontend;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.ir.spi.TranslatorLoop;
import dev.tcg4j.memory.FlatGuestMemory;

/** RISC-V code at {@link #CODE}, a data page at {@link #DATA} that t0 points at, and a vCPU at the code. */
final class Guest {
    static final long CODE = 0x10000;
    static final long DATA = 0x20000;

    final RiscvFrontend frontend = new RiscvFrontend();
    final GuestMemory memory = new FlatGuestMemory(32);
    final CpuState cpu = new CpuState(RiscvArch.SLOTS, 0, memory);

    Guest(Rv code) {
        byte[] bytes = code.bytes();
        memory.map(CODE, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.EXEC);
        memory.writeInitial(CODE, bytes, 0, bytes.length);
        memory.map(DATA, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
        cpu.regs[RiscvArch.PC] = CODE;
        cpu.regs[Rv.T0] = DATA;
    }

    TranslationBlock blockAtPc() {
        return blockAt(cpu.regs[RiscvArch.PC]);
    }

    TranslationBlock blockAt(long pc) {
        return new TranslatorLoop(frontend).translate(memory, pc, 0, 128, TranslatorHooks.NONE);
    }

    /** Puts the vCPU back at the code with {@code a1} set and the other registers the tests use cleared. */
    void reset(long a1) {
        java.util.Arrays.fill(cpu.regs, 0);
        cpu.regs[RiscvArch.PC] = CODE;
        cpu.regs[Rv.T0] = DATA;
        cpu.regs[RiscvArch.X0 + Rv.A1] = a1;
        cpu.exitRequested = false;
        cpu.trap = null;
    }

    /** Translates the block at the pc, compiles it with {@code backend} and runs it once; returns the exit code. */
    int runBlock(Backend backend) {
        return backend.compile(blockAtPc()).execute(cpu);
    }

    long x(int reg) {
        return cpu.regs[RiscvArch.X0 + reg];
    }
}
