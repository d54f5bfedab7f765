package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.Temp;
import java.util.List;

/**
 * What the runtime needs to know of a guest architecture, and what plugins may see of its registers.
 */
public interface GuestArch {
    /** As qemu's target name, for example "riscv64". */
    String name();

    /** ELF e_machine of its programs. */
    int elfMachine();

    /** Size of {@code CpuState.regs}. */
    int stateSlots();

    /** The IR globals, each bound to a slot. */
    List<Temp> globals();

    int pcSlot();

    int stackPointerSlot();

    /** Slot of the syscall number register. */
    int syscallNumberSlot();

    /** Slots of the syscall argument registers, in order. */
    int[] syscallArgSlots();

    int syscallReturnSlot();

    /** Length of the syscall instruction: the runtime resumes after it. */
    int syscallInsnSize();

    /** Registers plugins can read, by name. */
    List<RegisterDescriptor> registers();

    /**
     * The architectural state held in {@code regs} (a {@code CpuState.regs} layout) as a person
     * debugging reads it, in the architecture's own order, as QEMU's register dump prints it. The
     * default lists {@link #registers()}; an architecture with composed registers (a status word built
     * from several slots) or numbered names overrides it.
     */
    default List<NamedValue> registerFile(long[] regs) {
        return registers().stream().map(r -> new NamedValue(r.name(), regs[r.slot()])).toList();
    }

    /** A register visible to plugins; {@code slot} indexes CpuState.regs. */
    record RegisterDescriptor(String name, int slot, int sizeBytes) {}

    /** One line of a register file: a register's name and value. */
    record NamedValue(String name, long value) {}
}
