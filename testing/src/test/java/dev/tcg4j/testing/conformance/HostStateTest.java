package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.MemAccessListener;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.testing.AllBackends;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** HOST_LD/HOST_ST on scoreboard arrays, the vCPU index, CpuState slots and the mem listener. */
class HostStateTest {
    private static TranslationBlock countPerVcpu(long[] scoreboard) {
        return Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            // entry = vcpu * 2 + 1, as an inline op addresses base + index * size + offset
            Temp idx = e.newTemp();
            e.ldVcpuIndex(idx);
            e.binaryImm(Opcode.MUL, idx, idx, 2);
            e.addi(idx, idx, 1);
            Temp v = e.newTemp();
            e.hostLd(v, scoreboard, idx);
            e.addi(v, v, 1);
            e.hostSt(scoreboard, idx, v);
            e.hostSt(scoreboard, e.constant(0), X[1]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
    }

    @Test
    void updatesAPerVcpuScoreboardEntryInPlace() {
        long[] scoreboard = {0, 1, 2, 3, 4, 5, 6, 7};
        Outcome o = BackendComparison.run(countPerVcpu(scoreboard),
                Ir.state().vcpu(2).reg(1, -9).hostArray(scoreboard));
        assertArrayEquals(new long[] {-9, 1, 2, 3, 4, 6, 6, 7}, o.hostArray(0));
    }

    @ParameterizedTest
    @AllBackends
    void incrementsTheRowOfEachVcpuThatRuns(Backend backend) {
        long[] scoreboard = new long[8];
        ExecutableBlock block = backend.compile(countPerVcpu(scoreboard));
        CpuState vcpu2 = Ir.state().vcpu(2).reg(1, -9).newCpu();
        block.execute(vcpu2);
        block.execute(vcpu2);
        block.execute(Ir.state().newCpu());
        assertArrayEquals(new long[] {0, 1, 0, 0, 0, 2, 0, 0}, scoreboard);
    }

    @Test
    void readsTheVcpuIndex() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.ldVcpuIndex(X[4]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        assertEquals(5, BackendComparison.run(tb, Ir.state().vcpu(5)).reg(4));
    }

    @Test
    void loadsAndStoresCpuStateSlotsThatAreNotGlobals() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
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
        Outcome o = BackendComparison.run(tb, Ir.state().reg(35, 41));
        assertEquals(42, o.reg(36));
        assertEquals(-3, o.reg(37));
        assertEquals(-3, o.reg(1));
    }

    @Test
    void refusesStateAccessToTheSlotOfACachedGlobal() {
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.stState(1, e.constant(3));
            e.mov(X[2], X[1]);
            e.exitTb(0);
        });
        assertInstanceOf(IllegalArgumentException.class, BackendComparison.run(tb, Ir.state()).thrown());
    }

    @Test
    void publishesAndClearsTheMemListener() {
        MemAccessListener listener = (cpu, vaddr, value, meminfo) -> { };
        TranslationBlock publish = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.setMemListener(listener);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        TranslationBlock clear = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.setMemListener(listener);
            e.setMemListener(null);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        assertSame(listener, BackendComparison.run(publish, Ir.state()).cpu().memListener);
        assertNull(BackendComparison.run(clear, Ir.state()).cpu().memListener);
    }
}
