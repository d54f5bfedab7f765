package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.PC_SLOT;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.testing.AllBackends;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.Outcome;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** A block run many times, and a block whose goto_tb jumps to its own start. */
class LoopsTest {
    /**
     * A loop body as the runtime would chain it: x1 counts down, x2 accumulates; goto_tb 0 back to
     * the start while x1 is not zero, goto_tb 1 after it. With static targets, or without.
     */
    private static TranslationBlock countdown(boolean staticTargets) {
        return Ir.block(0x2000, e -> {
            e.insnStart(0x2000);
            e.add(X[2], X[2], X[1]);
            e.insnStart(0x2004);
            e.addi(X[1], X[1], -1);
            e.insnStart(0x2008);
            Label done = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), done);
            e.movi(PC, 0x2000);
            if (staticTargets) {
                e.gotoTb(0, 0x2000);
            } else {
                e.gotoTb(0);
            }
            e.setLabel(done);
            e.movi(PC, 0x200c);
            if (staticTargets) {
                e.gotoTb(1, 0x200c);
            } else {
                e.gotoTb(1);
            }
        });
    }

    /** Run until it leaves; the JIT may compile the backend's code meanwhile. */
    @ParameterizedTest
    @AllBackends
    void runsALoopBlockManyTimes(Backend backend) {
        ExecutableBlock block = backend.compile(countdown(false));
        long n = 300_000;
        CpuState cpu = Ir.state().reg(1, n).newCpu();
        long runs = 0;
        int exit;
        do {
            exit = block.execute(cpu);
            runs++;
        } while (exit == 0);
        assertEquals(1, exit);
        assertEquals(n, runs);
        assertEquals(n * (n + 1) / 2, cpu.regs[2]);
        assertEquals(0x200c, cpu.regs[PC_SLOT]);
    }

    @Test
    void blockJumpingToItsOwnStartLoopsWithoutLeaving() {
        long n = 300_000;
        Outcome o = BackendComparison.run(countdown(true), Ir.state().reg(1, n));
        assertEquals(1, o.exit(), "one execute runs every iteration and leaves by the fall-through slot");
        assertEquals(n * (n + 1) / 2, o.reg(2));
        assertEquals(0, o.reg(1));
        assertEquals(0x200c, o.reg(PC_SLOT));
    }

    @Test
    void selfLoopLeavesThroughItsSlotWhenAStopIsRequested() {
        Outcome o = BackendComparison.run(countdown(true), Ir.state().reg(1, 10).stopRequested());
        assertEquals(0, o.exit());
        assertEquals(10, o.reg(2), "exactly one iteration ran");
        assertEquals(9, o.reg(1));
        assertEquals(0x2000, o.reg(PC_SLOT));
    }

    /** Another thread asks the vCPU to stop while the block loops: it leaves at its back edge. */
    @ParameterizedTest
    @AllBackends
    void selfLoopSeesAStopRequestedWhileItRuns(Backend backend) throws InterruptedException {
        AtomicLong iterations = new AtomicLong();
        TestHelpers.Tally counter = (cpu, v) -> iterations.incrementAndGet();
        Helper count = Helper.bound("count", TestHelpers.Tally.class, "add",
                MethodType.methodType(void.class, CpuState.class, long.class), 0, counter);
        TranslationBlock forever = Ir.block(0x2000, e -> {
            e.insnStart(0x2000);
            e.addi(X[2], X[2], 1);
            e.call(count, null, X[2]);
            e.movi(PC, 0x2000);
            e.gotoTb(0, 0x2000);
        });
        ExecutableBlock block = backend.compile(forever);
        CpuState cpu = Ir.state().newCpu();
        int[] exit = {-1};
        Thread vcpu = new Thread(() -> exit[0] = block.execute(cpu));
        vcpu.start();
        while (iterations.get() < 1000 && vcpu.isAlive()) {
            Thread.onSpinWait();
        }
        cpu.exitRequested = true;
        vcpu.join();
        assertEquals(0, exit[0]);
        assertEquals(0x2000, cpu.regs[PC_SLOT]);
        assertEquals(iterations.get(), cpu.regs[2], "every iteration's x2 reached CpuState");
    }
}
