package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.testing.AllBackends;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;

/** One compiled block run by several vCPU threads at once, and a block run from inside another's helper. */
class ConcurrencyTest {
    /** x3 = x1 * (x1 + 1) / 2 by a loop inside the block, through a TB temp and a constant. */
    private static TranslationBlock triangle() {
        return Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp i = e.newTbTemp();
            e.mov(i, X[1]);
            e.movi(X[3], 0);
            Label loop = e.newLabel();
            Label done = e.newLabel();
            e.setLabel(loop);
            e.brcond(Cond.EQ, i, e.constant(0), done);
            e.add(X[3], X[3], i);
            e.addi(i, i, -1);
            e.br(loop);
            e.setLabel(done);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
    }

    @ParameterizedTest
    @AllBackends
    void threadsRunningOneBlockAtOnceEachGetTheirOwnResult(Backend backend) throws InterruptedException {
        ExecutableBlock block = backend.compile(triangle());
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> vcpus = new ArrayList<>();
        long[][] results = new long[threads][];
        for (int t = 0; t < threads; t++) {
            int id = t;
            vcpus.add(new Thread(() -> {
                long[] mine = new long[2000];
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < mine.length; k++) {
                    CpuState cpu = Ir.state().vcpu(id).reg(1, 1000L * id + k).newCpu();
                    block.execute(cpu);
                    mine[k] = cpu.regs[3];
                }
                results[id] = mine;
            }));
        }
        vcpus.forEach(Thread::start);
        start.countDown();
        for (Thread t : vcpus) {
            t.join();
        }
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < results[t].length; k++) {
                long n = 1000L * t + k;
                assertEquals(n * (n + 1) / 2, results[t][k], "thread " + t + " run " + k);
            }
        }
    }

    /** Runs a block from inside a helper of another (or the same) block, on the same thread. */
    public interface Nested {
        long run(CpuState cpu, long n);
    }

    /** Runs its block again from inside it, one level deep: the inner run's helper returns 0. */
    private static final class SelfCaller implements Nested {
        ExecutableBlock block;
        private int depth;

        @Override
        public long run(CpuState cpu, long n) {
            if (depth++ > 0) {
                return 0;
            }
            CpuState other = Ir.state().reg(1, n + 1).newCpu();
            block.execute(other);
            return other.regs[5] + 1000;
        }
    }

    @ParameterizedTest
    @AllBackends
    void aHelperMayRunABlockWhileItsOwnBlockRuns(Backend backend) {
        ExecutableBlock inner = backend.compile(triangle());
        Nested nested = (cpu, n) -> {
            CpuState other = Ir.state().reg(1, n).newCpu();
            inner.execute(other);
            return other.regs[3];
        };
        Helper call = Helper.bound("nested", Nested.class, "run",
                MethodType.methodType(long.class, CpuState.class, long.class), 0, nested);
        TranslationBlock outer = Ir.block(0x2000, e -> {
            e.insnStart(0x2000);
            e.addi(X[2], X[1], 7);
            e.call(call, X[4], X[1]);
            e.add(X[5], X[4], X[2]); // the outer block's own values survived the inner run
            e.movi(PC, 0x2004);
            e.exitTb(0);
        });
        ExecutableBlock block = backend.compile(outer);
        for (long n : new long[] {10, 20}) {
            CpuState cpu = Ir.state().reg(1, n).newCpu();
            inner.execute(Ir.state().reg(1, 3).newCpu()); // the inner block's frame is this thread's already
            block.execute(cpu);
            assertEquals(n * (n + 1) / 2, cpu.regs[4]);
            assertEquals(n * (n + 1) / 2 + n + 7, cpu.regs[5]);
        }
        // and a block running itself from its own helper, once
        SelfCaller self = new SelfCaller();
        Helper selfCall = Helper.bound("self", Nested.class, "run",
                MethodType.methodType(long.class, CpuState.class, long.class), 0, self);
        TranslationBlock recursive = Ir.block(0x3000, e -> {
            e.insnStart(0x3000);
            e.addi(X[2], X[1], 1);
            e.call(selfCall, X[4], X[1]);
            e.add(X[5], X[2], X[4]);
            e.movi(PC, 0x3004);
            e.exitTb(0);
        });
        ExecutableBlock r = backend.compile(recursive);
        self.block = r;
        CpuState cpu = Ir.state().reg(1, 5).newCpu();
        r.execute(cpu);
        // inner run: x1 = 6, x2 = 7, x4 = 0, x5 = 7; outer: x2 = 6, x4 = 7 + 1000, x5 = 6 + 1007
        assertEquals(1007, cpu.regs[4]);
        assertEquals(1013, cpu.regs[5]);
        assertEquals(6, cpu.regs[2], "the outer block's x2 survived the inner run of the same block");
    }
}
