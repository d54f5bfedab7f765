package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.ir.cpu.MemAccessListener;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.testing.AllBackends;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** HOST_LD/HOST_ST on the running vCPU's scoreboard rows, the vCPU index, CpuState slots and the mem listener. */
class HostStateTest {
    /** Entry 1 of the running vCPU's row counts the runs; entry 0 gets x1. */
    private static TranslationBlock countRuns(HostRow row) {
        return Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp v = e.newTemp();
            e.hostLd(v, row, e.constant(1));
            e.addi(v, v, 1);
            e.hostSt(row, e.constant(1), v);
            e.hostSt(row, e.constant(0), X[1]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
    }

    @Test
    void updatesTheRunningVcpusRowInPlace() {
        long[] row = {0, 1, 2, 3};
        Outcome o = BackendComparison.run(countRuns(new HostRow(vcpu -> row, "row")),
                Ir.state().vcpu(2).reg(1, -9).hostArray(row));
        assertArrayEquals(new long[] {-9, 2, 2, 3}, o.hostArray(0));
    }

    @ParameterizedTest
    @AllBackends
    void eachVcpuUpdatesItsOwnRowWhichItAsksForOnce(Backend backend) {
        Map<Integer, long[]> rows = new HashMap<>();
        List<Integer> asked = new ArrayList<>();
        HostRow row = new HostRow(vcpu -> {
            asked.add(vcpu);
            return rows.computeIfAbsent(vcpu, v -> new long[2]);
        }, "row");
        ExecutableBlock block = backend.compile(countRuns(row));
        CpuState vcpu300 = Ir.state().vcpu(300).reg(1, -9).newCpu();
        block.execute(vcpu300);
        block.execute(vcpu300);
        block.execute(Ir.state().newCpu());
        assertArrayEquals(new long[] {-9, 2}, rows.get(300));
        assertArrayEquals(new long[] {0, 1}, rows.get(0));
        assertEquals(List.of(300, 0), asked);
    }

    /**
     * An inline add (load, sum, store back) that the interpreter runs as one instruction: the temps
     * keep their values after it, and a load whose value is read again is not folded into the sum.
     */
    @Test
    void aScoreboardAddLeavesItsTempsAsTheThreeOpsWould() {
        long[] row = {10, 20, 30};
        HostRow host = new HostRow(vcpu -> row, "row");
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp sum = e.newTemp();
            e.hostLd(sum, host, e.constant(0));
            e.addi(sum, sum, 5);
            e.hostSt(host, e.constant(0), sum);
            e.mov(X[1], sum);
            Temp loaded = e.newTemp();
            Temp other = e.newTemp();
            e.hostLd(loaded, host, e.constant(1));
            e.add(other, loaded, X[3]);
            e.hostSt(host, e.constant(1), other);
            e.mov(X[2], loaded);
            e.hostLd(loaded, host, e.constant(2));
            e.add(other, loaded, X[3]);
            e.hostSt(host, e.constant(1), other);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(3, 100).hostArray(row));
        assertEquals(15, o.reg(1));
        assertEquals(20, o.reg(2));
        assertArrayEquals(new long[] {15, 130, 30}, o.hostArray(0));
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
