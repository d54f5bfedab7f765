package dev.tcg4j.runtime.testing;

import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.spi.GuestArch;
import java.util.List;

/**
 * A guest architecture for runtime tests with riscv64's state layout and Linux ABI (x0-x31 in slots
 * 0-31, f0-f31 in 32-63, pc 64, fflags 65, frm 66; a7 holds the syscall number, a0-a5 the
 * arguments), written out here so that the tests do not depend on the frontend module.
 */
public final class TestArch implements GuestArch {
    public static final int PC = 64;
    public static final int SP = 2;
    public static final int RA = 1;
    public static final int A0 = 10;
    public static final int A7 = 17;
    public static final int FFLAGS = 65;
    public static final int FRM = 66;

    @Override
    public String name() {
        return "riscv64";
    }

    @Override
    public int elfMachine() {
        return 243;
    }

    @Override
    public int stateSlots() {
        return 72;
    }

    @Override
    public List<Temp> globals() {
        return List.of(Temp.global("pc", PC));
    }

    @Override
    public int pcSlot() {
        return PC;
    }

    @Override
    public int stackPointerSlot() {
        return SP;
    }

    @Override
    public int syscallNumberSlot() {
        return A7;
    }

    @Override
    public int[] syscallArgSlots() {
        return new int[] {A0, A0 + 1, A0 + 2, A0 + 3, A0 + 4, A0 + 5};
    }

    @Override
    public int syscallReturnSlot() {
        return A0;
    }

    @Override
    public int syscallInsnSize() {
        return 4;
    }

    @Override
    public List<RegisterDescriptor> registers() {
        return List.of(new RegisterDescriptor("pc", PC, 8));
    }
}
