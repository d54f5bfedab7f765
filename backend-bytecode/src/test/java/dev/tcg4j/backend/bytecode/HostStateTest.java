package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.MemAccessListener;
import org.junit.jupiter.api.Test;

/** HOST_LD/HOST_ST on scoreboard arrays, the vCPU index, CpuState slots and the mem listener. */
class HostStateTest {
    @Test
    void incrementsAPerVcpuScoreboardEntryInPlace() {
        long[] scoreboard = new long[8];
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            // entry = vcpu * 2 + 1, as an inline op addresses base + index * size + offset
            Temp idx = e.newTemp();
            e.ldVcpuIndex(idx);
            e.binaryImm(dev.tcg4j.ir.Opcode.MUL, idx, idx, 2);
            e.addi(idx, idx, 1);
            Temp v = e.newTemp();
            e.hostLd(v, scoreboard, idx);
            e.addi(v, v, 1);
            e.hostSt(scoreboard, idx, v);
            e.hostSt(scoreboard, e.constant(0), X[1]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        var block = Harness.compile(tb);
        CpuState vcpu2 = new CpuState(Harness.SLOTS, 2, Harness.MEMORY);
        vcpu2.regs[1] = -9;
        block.execute(vcpu2);
        block.execute(vcpu2);
        block.execute(new CpuState(Harness.SLOTS, 0, Harness.MEMORY));
        assertArrayEquals(new long[] {0, 1, 0, 0, 0, 2, 0, 0}, scoreboard);
    }

    @Test
    void readsTheVcpuIndex() {
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.ldVcpuIndex(X[4]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = new CpuState(Harness.SLOTS, 5, Harness.MEMORY);
        Harness.compile(tb).execute(cpu);
        assertEquals(5, cpu.regs[4]);
    }

    @Test
    void loadsAndStoresCpuStateSlotsThatAreNotGlobals() {
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp t = e.newTemp();
            e.ldState(t, 35);
            e.addi(t, t, 1);
            e.stState(36, t);
            e.stState(37, e.constant(-3));
            e.ldState(X[1], 37);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        cpu.regs[35] = 41;
        Harness.compile(tb).execute(cpu);
        assertEquals(42, cpu.regs[36]);
        assertEquals(-3, cpu.regs[37]);
        assertEquals(-3, cpu.regs[1]);
    }

    @Test
    void refusesStateAccessToTheSlotOfACachedGlobal() {
        TranslationBlock tb = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.stState(1, e.constant(3));
            e.mov(X[2], X[1]);
            e.exitTb(0);
        });
        assertThrows(IllegalArgumentException.class, () -> Harness.BACKEND.compile(tb));
    }

    @Test
    void publishesAndClearsTheMemListener() {
        MemAccessListener listener = (cpu, vaddr, value, meminfo) -> { };
        TranslationBlock publish = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.setMemListener(listener);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        TranslationBlock clear = Harness.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.setMemListener(null);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Harness.cpu();
        Harness.compile(publish).execute(cpu);
        assertSame(listener, cpu.memListener);
        Harness.compile(clear).execute(cpu);
        assertNull(cpu.memListener);
    }
}
