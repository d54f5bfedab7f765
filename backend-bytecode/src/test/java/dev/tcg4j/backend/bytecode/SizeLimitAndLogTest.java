package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Harness.PC;
import static dev.tcg4j.backend.bytecode.Harness.PC_SLOT;
import static dev.tcg4j.backend.bytecode.Harness.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The size limits that keep blocks and regions JIT-compilable, and the -d backend log. */
class SizeLimitAndLogTest {
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

    private static CpuState runStraightLine(ExecutableBlock block, int n) {
        CpuState cpu = Harness.cpu();
        cpu.regs[1] = 1;
        cpu.regs[2] = 2;
        cpu.regs[3] = 3;
        assertEquals(0, block.execute(cpu));
        long[] want = straightLineInJava(n, 1, 2, 3);
        assertEquals(want[0], cpu.regs[1]);
        assertEquals(want[1], cpu.regs[2]);
        assertEquals(want[2], cpu.regs[3]);
        assertEquals(want[3], cpu.regs[4]);
        assertEquals(0x10000 + 4L * n, cpu.regs[PC_SLOT]);
        return cpu;
    }

    @Test
    void compilesABlockOverTheBytecodeLimitAsPartsThatRunAsOneBlock() {
        TranslationBlock tb = straightLine(400);
        assertThrows(BytecodeTooLargeException.class, () -> Harness.BACKEND.classBytes(tb));
        ExecutableBlock block = Harness.BACKEND.compile(tb);
        assertInstanceOf(ChainedBlock.class, block);
        runStraightLine(block, 400);
        assertEquals(400, tb.insnCount(), "the block itself is left whole");
    }

    @Test
    void honoursASmallerLimitGivenToTheBackend() {
        BytecodeBackend tight = new BytecodeBackend(200);
        assertThrows(BytecodeTooLargeException.class, () -> tight.classBytes(straightLine(20)));
        runStraightLine(tight.compile(straightLine(20)), 20);
        assertInstanceOf(ChainedBlock.class, tight.compile(straightLine(20)));
        tight.classBytes(straightLine(2));
    }

    @Test
    void refusesABlockNoInstructionBoundaryOfWhichCanBeCutSoThatTheRuntimeRetriesWithFewerInstructions() {
        BytecodeBackend tight = new BytecodeBackend(200);
        // a temp written by the first instruction and read by the last is live across every boundary
        TbBuilder e = Harness.builder(0x10000);
        Temp carried = e.newTemp();
        for (int i = 0; i < 20; i++) {
            long pc = 0x10000 + 4L * i;
            e.insnStart(pc);
            e.recordInsn(pc, 4, 0x13);
            if (i == 0) {
                e.addi(carried, X[1], 5);
            }
            e.add(X[1], X[1], X[2]);
            e.xor(X[3], X[3], X[1]);
        }
        e.mov(X[5], carried);
        e.movi(PC, 0x10000 + 4L * 20);
        e.gotoTb(0);
        BytecodeTooLargeException thrown = assertThrows(BytecodeTooLargeException.class, () -> tight.compile(e.build()));
        assertEquals(20, thrown.insnCount());
        assertThrows(BytecodeTooLargeException.class, () -> new BytecodeBackend(20).compile(straightLine(1)));
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

    /** n instructions of four ALU ops each at pc, continuing to next. */
    private static TranslationBlock straightLine(long pc, int n, long next) {
        TbBuilder e = Harness.builder(pc);
        for (int i = 0; i < n; i++) {
            long insn = pc + 4L * i;
            e.insnStart(insn);
            e.recordInsn(insn, 4, 0x13);
            e.add(X[1], X[1], X[2]);
            e.xor(X[3], X[3], X[1]);
            e.binaryImm(dev.tcg4j.ir.Opcode.SAR, X[4], X[3], 1);
            e.addi(X[2], X[2], 1);
        }
        e.movi(PC, next);
        e.gotoTb(0, next);
        return e.build();
    }

    @Test
    void refusesARegionWhoseWholeMethodIsOverTheLimit() {
        // each member alone is far under the limit: its own block compiles
        int n = 40;
        TranslationBlock first = straightLine(0x10000, n, 0x20000);
        TranslationBlock second = straightLine(0x20000, n, 0x30000);
        TranslationBlock third = straightLine(0x30000, n, 0x40000);
        Harness.compile(third);
        BytecodeTooLargeException e = assertThrows(BytecodeTooLargeException.class,
                () -> Harness.BACKEND.compileRegion(List.of(first, second, third)));
        assertEquals(0x10000, e.pc());
        assertEquals(3 * n, e.insnCount());
        assertTrue(e.codeSize() > BytecodeTooLargeException.REGION_LIMIT, () -> "size " + e.codeSize());

        // fewer members fit, and run through both
        CpuState cpu = Harness.cpu();
        cpu.regs[2] = 1;
        assertEquals(ExitCodes.regionExit(0), Harness.compileRegion(List.of(first, second)).execute(cpu));
        long[] want = straightLineInJava(2 * n, 0, 1, 0);
        assertEquals(want[0], cpu.regs[1]);
        assertEquals(want[2], cpu.regs[3]);
        assertEquals(want[3], cpu.regs[4]);
        assertEquals(0x30000, cpu.regs[PC_SLOT]);
    }
}
