package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.Temp;
import java.util.List;

/**
 * What the runtime needs to know of a guest architecture, and what plugins may see of its registers.
 */
public interface GuestArch {
    /**
     * The architecture's name.
     *
     * @return qemu's target name, for example "riscv64"
     */
    String name();

    /**
     * The ELF machine of its programs.
     *
     * @return their {@code e_machine}
     */
    int elfMachine();

    /**
     * The size of the register file.
     *
     * @return the length of {@code CpuState.regs}
     */
    int stateSlots();

    /**
     * The IR globals.
     *
     * @return the globals, each bound to a slot of {@code CpuState.regs}
     */
    List<Temp> globals();

    /**
     * Where the pc is.
     *
     * @return its slot of {@code CpuState.regs}
     */
    int pcSlot();

    /**
     * Where the stack pointer is.
     *
     * @return its slot of {@code CpuState.regs}
     */
    int stackPointerSlot();

    /**
     * Where the system call number is.
     *
     * @return its slot of {@code CpuState.regs}
     */
    int syscallNumberSlot();

    /**
     * Where the system call arguments are.
     *
     * @return their slots of {@code CpuState.regs}, in order
     */
    int[] syscallArgSlots();

    /**
     * Where a system call's result goes.
     *
     * @return its slot of {@code CpuState.regs}
     */
    int syscallReturnSlot();

    /**
     * The length of the system call instruction: the runtime resumes after it.
     *
     * @return its length in bytes
     */
    int syscallInsnSize();

    /**
     * The registers plugins can read.
     *
     * @return them, by name, grouped by gdb XML feature, in gdb's order
     */
    List<RegisterDescriptor> registers();

    /**
     * The value of a register of {@link #registers()} in {@code regs}, zero-extended from its size.
     * The default reads the register's slot; an architecture with composed registers overrides it.
     * Called on the thread of the vCPU that owns {@code regs}.
     *
     * @param regs a {@code CpuState.regs}
     * @param reg the register
     * @return its value
     */
    default long readRegister(long[] regs, RegisterDescriptor reg) {
        long v = regs[reg.slot()];
        return reg.sizeBytes() >= 8 ? v : v & ((1L << (8 * reg.sizeBytes())) - 1);
    }

    /**
     * Sets a register of {@link #registers()} in {@code regs}; the value is cut to the register's size.
     * Called on the thread of the vCPU that owns {@code regs}.
     *
     * @param regs a {@code CpuState.regs}
     * @param reg the register
     * @param value its new value
     */
    default void writeRegister(long[] regs, RegisterDescriptor reg, long value) {
        regs[reg.slot()] = reg.sizeBytes() >= 8 ? value : value & ((1L << (8 * reg.sizeBytes())) - 1);
    }

    /**
     * The architectural state held in {@code regs} (a {@code CpuState.regs} layout) as a person
     * debugging reads it, in the architecture's own order, as QEMU's register dump prints it. The
     * default lists {@link #registers()}; an architecture with composed registers (a status word built
     * from several slots) or numbered names overrides it.
     *
     * @param regs a {@code CpuState.regs}
     * @return the registers' names and values
     */
    default List<NamedValue> registerFile(long[] regs) {
        return registers().stream().map(r -> new NamedValue(r.name(), regs[r.slot()])).toList();
    }

    /**
     * A register visible to plugins; {@code slot} indexes CpuState.regs (or, for a register composed
     * of several slots, is whatever the architecture's {@link #readRegister} makes of it).
     * {@code feature} is the gdb XML feature that holds it, for example {@code org.gnu.gdb.riscv.cpu}.
     *
     * @param name the register's gdb name
     * @param slot its slot of {@code CpuState.regs}
     * @param sizeBytes its width in bytes
     * @param feature the gdb XML feature that holds it
     */
    record RegisterDescriptor(String name, int slot, int sizeBytes, String feature) {
        /**
         * A register of no particular feature.
         *
         * @param name the register's gdb name
         * @param slot its slot
         * @param sizeBytes its width in bytes
         */
        public RegisterDescriptor(String name, int slot, int sizeBytes) {
            this(name, slot, sizeBytes, "");
        }
    }

    /**
     * One line of a register file: a register's name and value.
     *
     * @param name the register's name
     * @param value its value
     */
    record NamedValue(String name, long value) {}
}
