package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** CALL ops: static and bound helpers, direct and through method handles, and global syncing. */
class HelperCallTest {
    private static final MethodType CPU_LONG_VOID = MethodType.methodType(void.class, CpuState.class, long.class);

    static final class Recorder implements TestHelpers.Tally {
        final List<Long> seen = new ArrayList<>();

        @Override
        public void add(CpuState cpu, long value) {
            seen.add(value * 1000 + cpu.vcpuIndex);
        }
    }

    /** Package-private: the generated class cannot name it, so it is called through a method handle. */
    interface HiddenTally {
        void add(CpuState cpu, long value);
    }

    static final class HiddenHelpers {
        public static long twice(long v) {
            return 2 * v;
        }
    }

    private static List<String> calls(TranslationBlock tb) {
        ClassNode cn = new ClassNode();
        new ClassReader(Harness.BACKEND.classBytes(tb)).accept(cn, 0);
        List<String> out = new ArrayList<>();
        for (MethodNode m : cn.methods) {
            if (!m.name.equals("execute")) {
                continue;
            }
            for (AbstractInsnNode i : m.instructions) {
                if (i instanceof MethodInsnNode mi) {
                    out.add(switch (mi.getOpcode()) {
                        case Opcodes.INVOKESTATIC -> "static ";
                        case Opcodes.INVOKEINTERFACE -> "interface ";
                        default -> "virtual ";
                    } + mi.owner + "." + mi.name);
                } else if (i instanceof LdcInsnNode ldc && ldc.cst instanceof org.objectweb.asm.ConstantDynamic) {
                    out.add("ldc dynamic " + ((org.objectweb.asm.ConstantDynamic) ldc.cst).getDescriptor());
                }
            }
        }
        return out;
    }

    @Test
    void callsAStaticHelperWithTheCpuFirstAndStoresItsResult() {
        Helper mulAdd = Helper.ofStatic("mul_add", TestHelpers.class, "mulAdd",
                MethodType.methodType(long.class, CpuState.class, long.class, long.class), Helper.PURE);
        Helper fortyTwo = Helper.ofStatic("forty_two", TestHelpers.class, "fortyTwo",
                MethodType.methodType(long.class), 0);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp t = e.newTemp();
            e.call(mulAdd, t, X[1], e.constant(10));
            e.addi(X[2], t, 1);
            e.call(fortyTwo, X[3]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = new CpuState(Harness.SLOTS, 3, Harness.MEMORY);
        cpu.regs[1] = 7;
        Harness.compile(tb).execute(cpu);
        assertEquals(7 * 10 + 3 + 1, cpu.regs[2]);
        assertEquals(42, cpu.regs[3]);
        assertEquals(List.of("static dev/tcg4j/backend/bytecode/TestHelpers.mulAdd",
                "static dev/tcg4j/backend/bytecode/TestHelpers.fortyTwo"), calls(tb));
    }

    @Test
    void callsABoundHelperOnItsReceiverLoadedAsAConstant() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Helper a = Helper.bound("cb_a", TestHelpers.Tally.class, "add", CPU_LONG_VOID, 0, first);
        Helper b = Helper.bound("cb_b", TestHelpers.Tally.class, "add", CPU_LONG_VOID, 0, second);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(a, null, X[1]);
            e.call(b, null, e.constant(5));
            e.call(a, null, e.constant(6));
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = new CpuState(Harness.SLOTS, 2, Harness.MEMORY);
        cpu.regs[1] = 4;
        var block = Harness.compile(tb);
        block.execute(cpu);
        block.execute(cpu);
        assertEquals(List.of(4002L, 6002L, 4002L, 6002L), first.seen);
        assertEquals(List.of(5002L, 5002L), second.seen);
        String tally = "dev/tcg4j/backend/bytecode/TestHelpers$Tally";
        assertEquals(List.of("ldc dynamic L" + tally + ";", "interface " + tally + ".add",
                "ldc dynamic L" + tally + ";", "interface " + tally + ".add",
                "ldc dynamic L" + tally + ";", "interface " + tally + ".add"), calls(tb));
    }

    @Test
    void callsHelpersItCannotNameThroughConstantMethodHandles() {
        List<Long> seen = new ArrayList<>();
        HiddenTally receiver = (cpu, v) -> seen.add(v);
        Helper bound = Helper.bound("hidden_cb", HiddenTally.class, "add", CPU_LONG_VOID, 0, receiver);
        Helper twice = Helper.ofStatic("twice", HiddenHelpers.class, "twice",
                MethodType.methodType(long.class, long.class), Helper.PURE);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(twice, X[2], X[1]);
            e.call(bound, null, X[2]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 21;
        Harness.compile(tb).execute(cpu);
        assertEquals(42, cpu.regs[2]);
        assertEquals(List.of(42L), seen);
        assertTrue(calls(tb).contains("virtual java/lang/invoke/MethodHandle.invokeExact"), calls(tb)::toString);
    }

    @Test
    void writesGlobalsBackBeforeAHelperThatReadsThem() {
        Helper readX5 = Helper.ofStatic("read_x5", TestHelpers.class, "readX5",
                MethodType.methodType(long.class, CpuState.class), Helper.READS_GLOBALS);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[5], 555);
            e.call(readX5, X[8]);
            e.movi(X[5], 556);
            e.call(readX5, X[9]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        Harness.compile(tb).execute(cpu);
        assertEquals(555, cpu.regs[8]);
        assertEquals(556, cpu.regs[9]);
    }

    @Test
    void reloadsGlobalsAfterAHelperThatWritesThemWithoutLosingTheBlocksOwnWrites() {
        Helper writeX6 = Helper.ofStatic("write_x6", TestHelpers.class, "writeX6", CPU_LONG_VOID,
                Helper.WRITES_GLOBALS);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[5], 5);      // dirty in its local when the helper runs
            e.addi(X[6], X[6], 1); // x6 is written by the block and then by the helper
            e.call(writeX6, null, e.constant(99));
            e.mov(X[7], X[6]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[6] = 10;
        Harness.compile(tb).execute(cpu);
        assertEquals(99, cpu.regs[7], "the block saw the helper's x6");
        assertEquals(99, cpu.regs[6], "the exit did not overwrite the helper's x6 with a stale copy");
        assertEquals(5, cpu.regs[5], "the block's x5 survived the reload");
    }

    @Test
    void keepsTheGlobalsAHelperWroteBeforeTrapping() {
        Helper csr = Helper.ofStatic("csr", TestHelpers.class, "writeX6ThenTrap", CPU_LONG_VOID,
                Helper.WRITES_GLOBALS | Helper.MAY_TRAP);
        Helper ebreak = Helper.ofStatic("ebreak", GuestMemoryAndTrapsTest.class, "raise",
                MethodType.methodType(void.class, long.class), Helper.MAY_TRAP);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[6], 1);
            e.movi(X[5], 5);
            e.insnStart(0x1004);
            Label other = e.newLabel();
            e.brcond(Cond.NE, X[1], e.constant(0), other);
            e.movi(X[6], 2);
            e.call(csr, null, e.constant(99));
            e.movi(PC, 0x1008);
            e.exitTb(0);
            e.setLabel(other);
            e.movi(X[5], 6);
            e.call(ebreak, null, e.constant(0));
            e.movi(PC, 0x1008);
            e.exitTb(0);
        });
        var block = Harness.compile(tb);
        CpuState cpu = Harness.cpu();
        assertEquals(ExitCodes.TRAP, block.execute(cpu));
        assertEquals(0x1004, cpu.trapPc);
        assertEquals(99, cpu.regs[6], "the helper's write won over the block's cached x6");
        assertEquals(5, cpu.regs[5]);

        // in the same instruction, a trap from a helper that writes nothing still writes globals back
        CpuState other = Harness.cpu();
        other.regs[1] = 1;
        assertEquals(ExitCodes.TRAP, block.execute(other));
        assertEquals(0x1004, other.trapPc);
        assertEquals(6, other.regs[5]);
        assertEquals(1, other.regs[6]);
    }

    @Test
    void refusesAHelperWhoseMethodDoesNotExist() {
        Helper wrong = Helper.ofStatic("nope", TestHelpers.class, "noSuchHelper",
                MethodType.methodType(long.class, long.class), 0);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(wrong, X[1], X[1]);
            e.exitTb(0);
        });
        assertThrows(IllegalArgumentException.class, () -> Harness.BACKEND.compile(tb));
    }

    @Test
    void guestMemoryOfTheCpuIsTheOneUsed() {
        GuestMemory own = new FlatGuestMemory(20);
        own.map(0x1000, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
        own.st64(0x1000, 77);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.qemuLd(X[2], e.constant(0x1000), dev.tcg4j.ir.MemOp.UQ);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = new CpuState(Harness.SLOTS, 0, own);
        Harness.compile(tb).execute(cpu);
        assertEquals(77, cpu.regs[2]);
    }
}
