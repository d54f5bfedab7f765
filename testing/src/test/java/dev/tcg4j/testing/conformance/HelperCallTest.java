package dev.tcg4j.testing.conformance;

import static dev.tcg4j.testing.conformance.Ir.PC;
import static dev.tcg4j.testing.conformance.Ir.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.testing.AllBackends;
import dev.tcg4j.testing.BackendComparison;
import dev.tcg4j.testing.GuestState;
import dev.tcg4j.testing.Outcome;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** CALL ops: static and bound helpers of every arity, results, syncing of globals, traps. */
class HelperCallTest {
    private static final MethodType CPU_LONG_VOID = MethodType.methodType(void.class, CpuState.class, long.class);

    static final class Recorder implements TestHelpers.Tally {
        final List<Long> seen = new ArrayList<>();

        @Override
        public void add(CpuState cpu, long value) {
            seen.add(value * 1000 + cpu.vcpuIndex);
        }
    }

    private static Helper weigh(int arity, boolean takesCpu) {
        Class<?>[] params = new Class<?>[arity + (takesCpu ? 1 : 0)];
        for (int i = 0; i < params.length; i++) {
            params[i] = i == 0 && takesCpu ? CpuState.class : long.class;
        }
        return Helper.ofStatic("weigh" + arity, TestHelpers.class, "weigh" + arity,
                MethodType.methodType(long.class, params), Helper.PURE);
    }

    @Test
    void callsAStaticHelperWithTheCpuFirstAndStoresItsResult() {
        Helper mulAdd = Helper.ofStatic("mul_add", TestHelpers.class, "mulAdd",
                MethodType.methodType(long.class, CpuState.class, long.class, long.class), Helper.PURE);
        Helper fortyTwo = Helper.ofStatic("forty_two", TestHelpers.class, "fortyTwo",
                MethodType.methodType(long.class), 0);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            Temp t = e.newTemp();
            e.call(mulAdd, t, X[1], e.constant(10));
            e.addi(X[2], t, 1);
            e.call(fortyTwo, X[3]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().vcpu(3).reg(1, 7));
        assertEquals(7 * 10 + 3 + 1, o.reg(2));
        assertEquals(42, o.reg(3));
    }

    /** Arities 0 to 8, with and without the CpuState: each argument lands in its place. */
    @Test
    void passesEveryArgumentInItsPlace() {
        Helper[] helpers = {weigh(1, false), weigh(2, false), weigh(3, false), weigh(4, true), weigh(5, false),
            weigh(6, true), weigh(8, false)};
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            for (int h = 0; h < helpers.length; h++) {
                Temp[] args = new Temp[helpers[h].longArgs()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = i % 2 == 0 ? X[1 + i] : e.constant(i + 1);
                }
                e.call(helpers[h], X[20 + h], args);
            }
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        GuestState start = Ir.state().vcpu(2);
        for (int i = 0; i < 8; i += 2) {
            start.reg(1 + i, i + 1);
        }
        Outcome o = BackendComparison.run(tb, start);
        // argument i is i + 1 in every case: 1 + 20 + 300 + ...
        long[] want = {1, 21, 321, 4321 + 200_000, 54321, 654321 + 20_000_000, 87_654_321};
        for (int h = 0; h < helpers.length; h++) {
            assertEquals(want[h], o.reg(20 + h), helpers[h].name());
        }
    }

    @Test
    void aVoidHelperRunsForItsEffect() {
        Helper record = Helper.ofStatic("record", TestHelpers.class, "record", CPU_LONG_VOID, 0);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(record, null, X[1]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        assertEquals(-5, BackendComparison.run(tb, Ir.state().reg(1, -5)).reg(35));
    }

    @ParameterizedTest
    @AllBackends
    void callsABoundHelperOnItsReceiver(Backend backend) {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Helper a = Helper.bound("cb_a", TestHelpers.Tally.class, "add", CPU_LONG_VOID, 0, first);
        Helper b = Helper.bound("cb_b", TestHelpers.Tally.class, "add", CPU_LONG_VOID, 0, second);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(a, null, X[1]);
            e.call(b, null, e.constant(5));
            e.call(a, null, e.constant(6));
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        CpuState cpu = Ir.state().vcpu(2).reg(1, 4).newCpu();
        ExecutableBlock block = backend.compile(tb);
        block.execute(cpu);
        block.execute(cpu);
        assertEquals(List.of(4002L, 6002L, 4002L, 6002L), first.seen);
        assertEquals(List.of(5002L, 5002L), second.seen);
    }

    @ParameterizedTest
    @AllBackends
    void aHelperMayBeALambdaBoundToAPublicInterface(Backend backend) {
        List<Long> seen = new ArrayList<>();
        TestHelpers.Tally lambda = (cpu, v) -> seen.add(v);
        Helper bound = Helper.bound("lambda_cb", TestHelpers.Tally.class, "add", CPU_LONG_VOID, 0, lambda);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(bound, null, X[2]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        backend.compile(tb).execute(Ir.state().reg(2, 42).newCpu());
        assertEquals(List.of(42L), seen);
    }

    /** What a helper throws that is not a guest trap (a plugin failure) leaves the block as it is. */
    @ParameterizedTest
    @AllBackends
    void anExceptionFromAHelperPropagatesUnchanged(Backend backend) {
        IllegalStateException boom = new IllegalStateException("boom");
        TestHelpers.Tally crashing = (cpu, v) -> {
            throw boom;
        };
        Helper bound = Helper.bound("crash", TestHelpers.Tally.class, "add", CPU_LONG_VOID, Helper.MAY_TRAP, crashing);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(bound, null, X[2]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        ExecutableBlock block = backend.compile(tb);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> block.execute(Ir.state().newCpu())));
        // and the backend still runs blocks afterwards on this thread
        TranslationBlock plain = Ir.block(0x2000, e -> {
            e.insnStart(0x2000);
            e.movi(X[1], 5);
            e.movi(PC, 0x2004);
            e.exitTb(0);
        });
        CpuState cpu = Ir.state().newCpu();
        assertEquals(0, backend.compile(plain).execute(cpu));
        assertEquals(5, cpu.regs[1]);
    }

    @Test
    void writesGlobalsBackBeforeAHelperThatReadsThem() {
        Helper readX5 = Helper.ofStatic("read_x5", TestHelpers.class, "readX5",
                MethodType.methodType(long.class, CpuState.class), Helper.READS_GLOBALS);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[5], 555);
            e.call(readX5, X[8]);
            e.movi(X[5], 556);
            e.call(readX5, X[9]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state());
        assertEquals(555, o.reg(8));
        assertEquals(556, o.reg(9));
    }

    @Test
    void reloadsGlobalsAfterAHelperThatWritesThemWithoutLosingTheBlocksOwnWrites() {
        Helper writeX6 = Helper.ofStatic("write_x6", TestHelpers.class, "writeX6", CPU_LONG_VOID,
                Helper.WRITES_GLOBALS);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.movi(X[5], 5);      // dirty when the helper runs
            e.addi(X[6], X[6], 1); // x6 is written by the block and then by the helper
            e.call(writeX6, null, e.constant(99));
            e.mov(X[7], X[6]);
            e.movi(PC, 0x1004);
            e.exitTb(0);
        });
        Outcome o = BackendComparison.run(tb, Ir.state().reg(6, 10));
        assertEquals(99, o.reg(7), "the block saw the helper's x6");
        assertEquals(99, o.reg(6), "the exit did not overwrite the helper's x6 with a stale copy");
        assertEquals(5, o.reg(5), "the block's x5 survived the reload");
    }

    @Test
    void keepsTheGlobalsAHelperWroteBeforeTrapping() {
        Helper csr = Helper.ofStatic("csr", TestHelpers.class, "writeX6ThenTrap", CPU_LONG_VOID,
                Helper.WRITES_GLOBALS | Helper.MAY_TRAP);
        Helper ebreak = Helper.ofStatic("ebreak", TestHelpers.class, "raise",
                MethodType.methodType(void.class, long.class), Helper.MAY_TRAP);
        TranslationBlock tb = Ir.block(0x1000, e -> {
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
        Outcome o = BackendComparison.run(tb, Ir.state());
        assertEquals(ExitCodes.TRAP, o.exit());
        assertEquals(0x1004, o.cpu().trapPc);
        assertEquals(99, o.reg(6), "the helper's write won over the block's cached x6");
        assertEquals(5, o.reg(5));

        // in the same instruction, a trap from a helper that writes nothing still writes globals back
        Outcome other = BackendComparison.run(tb, Ir.state().reg(1, 1));
        assertEquals(ExitCodes.TRAP, other.exit());
        assertEquals(0x1004, other.cpu().trapPc);
        assertEquals(6, other.reg(5));
        assertEquals(1, other.reg(6));
    }

    @Test
    void refusesAHelperWhoseMethodDoesNotExist() {
        Helper wrong = Helper.ofStatic("nope", TestHelpers.class, "noSuchHelper",
                MethodType.methodType(long.class, long.class), 0);
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(wrong, X[1], X[1]);
            e.exitTb(0);
        });
        assertInstanceOf(IllegalArgumentException.class, BackendComparison.run(tb, Ir.state()).thrown());
    }

    @Test
    void refusesABoundHelperWhoseTypeIsNotItsMethods() {
        // Tally.add takes the CpuState first
        Helper wrong = Helper.bound("not_bound", TestHelpers.Tally.class, "add",
                MethodType.methodType(void.class, long.class), 0, new Recorder());
        TranslationBlock tb = Ir.block(0x1000, e -> {
            e.insnStart(0x1000);
            e.call(wrong, null, X[1]);
            e.exitTb(0);
        });
        assertInstanceOf(IllegalArgumentException.class, BackendComparison.run(tb, Ir.state()).thrown());
    }
}
