package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.PC_SLOT;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.spi.ExecutableBlock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The size limit that keeps blocks JIT-compilable, the -d log, and a block run many times. */
class BlockSizeAndLoopTest {
    /** n guest instructions of four ALU ops each: x1 += x2; x3 ^= x1; x4 = x3 >> 1; x2 += 1. */
    private static TranslationBlock straightLine(int n) {
        TbBuilder e = Harness.builder(0x10000);
        for (int i = 0; i < n; i++) {
            long pc = 0x10000 + 4L * i;
            e.insnStart(pc);
            e.recordInsn(pc, 4, 0x13);
            e.add(X[1], X[1], X[2]);
            e.xor(X[3], X[3], X[1]);
            e.binaryImm(dev.tcg4j.ir.Opcode.SAR, X[4], X[3], 1);
            e.addi(X[2], X[2], 1);
        }
        e.movi(PC, 0x10000 + 4L * n);
        e.gotoTb(0);
        return e.build();
    }

    /** The same computation in plain Java, the oracle for the blocks above. */
    private static long[] straightLineInJava(int n, long x1, long x2, long x3) {
        long x4 = 0;
        for (int i = 0; i < n; i++) {
            x1 += x2;
            x3 ^= x1;
            x4 = x3 >> 1;
            x2 += 1;
        }
        return new long[] {x1, x2, x3, x4};
    }

    @Test
    void refusesABlockOverTheBytecodeLimitSoThatTheRuntimeRetriesWithFewerInstructions() {
        BytecodeTooLargeException e = assertThrows(BytecodeTooLargeException.class,
                () -> Harness.BACKEND.compile(straightLine(400)));
        assertEquals(0x10000, e.pc());
        assertEquals(400, e.insnCount());
        assertTrue(e.codeSize() > BytecodeTooLargeException.LIMIT, () -> "size " + e.codeSize());

        ExecutableBlock half = Harness.compile(straightLine(200));
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 1;
        cpu.regs[2] = 2;
        cpu.regs[3] = 3;
        assertEquals(0, half.execute(cpu));
        long[] want = straightLineInJava(200, 1, 2, 3);
        assertEquals(want[0], cpu.regs[1]);
        assertEquals(want[1], cpu.regs[2]);
        assertEquals(want[2], cpu.regs[3]);
        assertEquals(want[3], cpu.regs[4]);
        assertEquals(0x10000 + 4 * 200, cpu.regs[PC_SLOT]);
    }

    @Test
    void honoursASmallerLimitGivenToTheBackend() {
        BytecodeBackend tight = new BytecodeBackend(200);
        assertThrows(BytecodeTooLargeException.class, () -> tight.compile(straightLine(20)));
        tight.compile(straightLine(2));
    }

    @Test
    void logsTheGeneratedClassSizeAtDebugOnTheBackendLogger() {
        Logger logger = (Logger) LoggerFactory.getLogger("tcg4j.backend");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        try {
            Harness.BACKEND.compile(straightLine(3));
        } finally {
            logger.setLevel(before);
            logger.setAdditive(true);
            logger.detachAppender(events);
        }
        assertEquals(1, events.list.size());
        String msg = events.list.get(0).getFormattedMessage();
        assertTrue(msg.startsWith("block 0x10000: 3 insns,") && msg.contains("bytes of bytecode"), msg);
    }

    /**
     * A loop body as the runtime would chain it: x1 counts down, x2 accumulates; goto_tb 0 back to
     * itself while x1 is not zero. Run it until it leaves; the JIT may compile it meanwhile.
     */
    @Test
    void runsASimpleLoopBlockManyTimes() {
        TranslationBlock tb = Harness.block(0x2000, e -> {
            e.insnStart(0x2000);
            e.add(X[2], X[2], X[1]);
            e.insnStart(0x2004);
            e.addi(X[1], X[1], -1);
            e.insnStart(0x2008);
            dev.tcg4j.ir.Label done = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), done);
            e.movi(PC, 0x2000);
            e.gotoTb(0);
            e.setLabel(done);
            e.movi(PC, 0x200c);
            e.gotoTb(1);
        });
        ExecutableBlock block = Harness.compile(tb);
        CpuState cpu = Harness.cpu();
        long n = 300_000;
        cpu.regs[1] = n;
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

    private static TranslationBlock countdownLoop() {
        return Harness.block(0x2000, e -> {
            e.insnStart(0x2000);
            e.add(X[2], X[2], X[1]);
            e.insnStart(0x2004);
            e.addi(X[1], X[1], -1);
            e.insnStart(0x2008);
            dev.tcg4j.ir.Label done = e.newLabel();
            e.brcond(Cond.EQ, X[1], e.constant(0), done);
            e.movi(PC, 0x2000);
            e.gotoTb(0, 0x2000);
            e.setLabel(done);
            e.movi(PC, 0x200c);
            e.gotoTb(1, 0x200c);
        });
    }

    @Test
    void blockJumpingToItsOwnStartLoopsWithoutLeaving() {
        ExecutableBlock block = Harness.compile(countdownLoop());
        CpuState cpu = Harness.cpu();
        long n = 300_000;
        cpu.regs[1] = n;
        assertEquals(1, block.execute(cpu), "one execute runs every iteration and leaves by the fall-through slot");
        assertEquals(n * (n + 1) / 2, cpu.regs[2]);
        assertEquals(0, cpu.regs[1]);
        assertEquals(0x200c, cpu.regs[PC_SLOT]);
    }

    @Test
    void selfLoopLeavesThroughItsSlotWhenAStopIsRequested() {
        ExecutableBlock block = Harness.compile(countdownLoop());
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 10;
        cpu.exitRequested = true;
        assertEquals(0, block.execute(cpu));
        assertEquals(10, cpu.regs[2], "exactly one iteration ran");
        assertEquals(9, cpu.regs[1]);
        assertEquals(0x2000, cpu.regs[PC_SLOT]);
    }
}
