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

    /** Registers plugins can read, by name, grouped by gdb XML feature, in gdb's order. */
    List<RegisterDescriptor> registers();

    /**
     * The value of a register of {@link #registers()} in {@code regs}, zero-extended from its size.
     * The default reads the register's slot; an architecture with composed registers overrides it.
     */
    default long readRegister(long[] regs, RegisterDescriptor reg) {
        long v = regs[reg.slot()];
        return reg.sizeBytes() >= 8 ? v : v & ((1L << (8 * reg.sizeBytes())) - 1);
    }

    /** Sets a register of {@link #registers()} in {@code regs}; the value is cut to the register's size. */
    default void writeRegister(long[] regs, RegisterDescriptor reg, long value) {
        regs[reg.slot()] = reg.sizeBytes() >= 8 ? value : value & ((1L << (8 * reg.sizeBytes())) - 1);
    }

    /**
     * The architectural state held in {@code regs} (a {@code CpuState.regs} layout) as a person
     * debugging reads it, in the architecture's own order, as QEMU's register dump prints it. The
     * default lists {@link #registers()}; an architecture with composed registers (a status word built
     * from several slots) or numbered names overrides it.
     */
    default List<NamedValue> registerFile(long[] regs) {
        return registers().stream().map(r -> new NamedValue(r.name(), regs[r.slot()])).toList();
    }

    /**
     * A register visible to plugins; {@code slot} indexes CpuState.regs (or, for a register composed
     * of several slots, is whatever the architecture's {@link #readRegister} makes of it).
     * {@code feature} is the gdb XML feature that holds it, for example {@code org.gnu.gdb.riscv.cpu}.
     */
    record RegisterDescriptor(String name, int slot, int sizeBytes, String feature) {
        public RegisterDescriptor(String name, int slot, int sizeBytes) {
            this(name, slot, sizeBytes, "");
        }
    }

    /** One line of a register file: a register's name and value. */
    record NamedValue(String name, long value) {}
}
