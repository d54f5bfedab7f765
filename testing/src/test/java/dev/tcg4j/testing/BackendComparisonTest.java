package dev.tcg4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.ir.spi.TranslatorHooks;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The fixture itself: the shipped backends are found, and a backend that differs is caught. */
class BackendComparisonTest {
    private static final Temp X1 = Temp.global("x1", 1);
    private static final Temp X2 = Temp.global("x2", 2);
    private static final Temp PC = Temp.global("pc", 3);

    /** The interpreter, with something wrong done after each run. */
    private record Broken(String name, Consumer<CpuState> damage) implements Backend {
        @Override
        public ExecutableBlock compile(TranslationBlock tb) {
            ExecutableBlock good = new InterpreterBackend().compile(tb);
            return new ExecutableBlock() {
                @Override
                public int execute(CpuState cpu) {
                    int exit = good.execute(cpu);
                    damage.accept(cpu);
                    return exit;
                }
            };
        }
    }

    private static TranslationBlock storeX1PlusOne() {
        TbBuilder e = new TbBuilder(0x1000, 0, TranslatorHooks.NONE);
        e.insnStart(0x1000);
        e.addi(X2, X1, 1);
        e.qemuSt(X2, e.constant(0x2000), MemOp.UQ);
        e.movi(PC, 0x1004);
        e.exitTb(0);
        return e.build();
    }

    private static GuestState start() {
        return GuestState.withSlots(4).reg(1, 41).map(0x2000, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
    }

    private static String differenceWith(Backend broken) {
        Backend good = new InterpreterBackend();
        TranslationBlock tb = storeX1PlusOne();
        List<Outcome> outcomes = BackendComparison.runEach(List.of(good, broken), start(), b -> b.compile(tb));
        return assertThrows(AssertionFailedError.class, () -> BackendComparison.compare(outcomes)).getMessage();
    }

    @Test
    void theShippedBackendsAreAvailable() {
        assertEquals(List.of("bytecode", "interpreter"), Backends.available().stream().map(Backend::name).toList());
        assertEquals("interpreter", Backends.named("interpreter").name());
    }

    @Test
    void agreeingBackendsGiveTheirCommonOutcome() {
        Outcome o = BackendComparison.run(storeX1PlusOne(), start());
        assertEquals(0, o.exit());
        assertEquals(42, o.reg(2));
        assertEquals(42, o.cpu().memory.ld64(0x2000));
    }

    @Test
    void namesARegisterThatDiffers() {
        String message = differenceWith(new Broken("off-by-one", cpu -> cpu.regs[2]++));
        assertTrue(message.contains("backends 'interpreter' and 'off-by-one' differ: regs[2] 0x2a vs 0x2b"), message);
    }

    @Test
    void namesMemoryThatDiffers() {
        String message = differenceWith(new Broken("scribbler", cpu -> cpu.memory.st8(0x2010, 1)));
        assertTrue(message.contains("memory of mapping 0: byte 16"), message);
    }

    @Test
    void namesATrapThatOnlyOneBackendTook() {
        String message = differenceWith(new Broken("trapper", cpu -> {
            cpu.trap = new dev.tcg4j.ir.cpu.GuestTrap(dev.tcg4j.ir.cpu.GuestTrap.Kind.UNMAPPED, 8);
            cpu.trapPc = 0x1000;
        }));
        assertTrue(message.contains("trap none vs UNMAPPED at 0x8, pc 0x1000"), message);
    }

    @Test
    void aBackendThatThrowsDiffersFromOneThatRuns() {
        String message = differenceWith(new Broken("thrower", cpu -> {
            throw new IllegalStateException("no");
        }));
        assertTrue(message.contains("threw nothing (exit 0) vs java.lang.IllegalStateException: no"), message);
    }

    @Test
    void eachRunStartsFromTheSameStateOnItsOwnMemory() {
        GuestState s = start().write64(0x2000, 7);
        CpuState first = s.newCpu();
        first.memory.st64(0x2000, 9);
        first.regs[1] = 0;
        CpuState second = s.newCpu();
        assertEquals(7, second.memory.ld64(0x2000));
        assertEquals(41, second.regs[1]);
    }

    @Test
    void restrictsTheBackendsToTheSelectedOnes() {
        String before = System.getProperty(Backends.SELECT_PROPERTY);
        try {
            System.setProperty(Backends.SELECT_PROPERTY, "interpreter");
            assertEquals(List.of("interpreter"), Backends.available().stream().map(Backend::name).toList());
            System.setProperty(Backends.SELECT_PROPERTY, "nonesuch");
            assertInstanceOf(IllegalArgumentException.class, assertThrows(RuntimeException.class, Backends::available));
        } finally {
            if (before == null) {
                System.clearProperty(Backends.SELECT_PROPERTY);
            } else {
                System.setProperty(Backends.SELECT_PROPERTY, before);
            }
        }
    }
}
