package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
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

/**
 * How the generated code calls helpers: directly when it can name them (invokestatic, or
 * invokeinterface on the receiver loaded as a class-data constant), else through a constant method
 * handle. What the calls do is the backend contract, tested on every backend in tcg4j-testing.
 */
class HelperLinkingTest {
    private static final MethodType CPU_LONG_VOID = MethodType.methodType(void.class, CpuState.class, long.class);

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
    void callsStaticHelpersItCanNameWithInvokestatic() {
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
        assertEquals(List.of("static dev/tcg4j/backend/bytecode/TestHelpers.mulAdd",
                "static dev/tcg4j/backend/bytecode/TestHelpers.fortyTwo"), calls(tb));
    }

    @Test
    void callsABoundHelperOnItsReceiverLoadedAsAConstant() {
        List<Long> seen = new ArrayList<>();
        TestHelpers.Tally tally = (cpu, v) -> seen.add(v);
        Helper a = Helper.bound("cb_a", TestHelpers.Tally.class, "add", CPU_LONG_VOID, 0, tally);
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(a, null, X[1]);
            e.call(a, null, e.constant(5));
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 4;
        Harness.compile(tb).execute(cpu);
        assertEquals(List.of(4L, 5L), seen);
        String type = "dev/tcg4j/backend/bytecode/TestHelpers$Tally";
        assertEquals(List.of("ldc dynamic L" + type + ";", "interface " + type + ".add",
                "ldc dynamic L" + type + ";", "interface " + type + ".add"), calls(tb));
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
}
