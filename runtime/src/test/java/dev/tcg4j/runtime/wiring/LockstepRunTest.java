package dev.tcg4j.runtime.wiring;

import static dev.tcg4j.runtime.testing.RiscvAsm.A0;
import static dev.tcg4j.runtime.testing.RiscvAsm.A1;
import static dev.tcg4j.runtime.testing.RiscvAsm.A2;
import static dev.tcg4j.runtime.testing.RiscvAsm.A7;
import static dev.tcg4j.runtime.testing.RiscvAsm.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.backend.bytecode.BytecodeBackendModule;
import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.backend.lockstep.BlockCopy;
import dev.tcg4j.backend.lockstep.LockstepBackendModule;
import dev.tcg4j.backend.lockstep.LockstepReference;
import dev.tcg4j.backend.lockstep.LockstepSubject;
import dev.tcg4j.frontend.riscv.RiscvFrontendModule;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.runtime.elf.ProgramHeader;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.linux.riscv64.Riscv64LinuxModule;
import dev.tcg4j.runtime.testing.ElfImage;
import dev.tcg4j.runtime.testing.RiscvAsm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code -backend lockstep} over a whole run, with the production pair and with a deliberately wrong subject. */
class LockstepRunTest {
    static final long ENTRY = 0x10000;
    /** getpid, then 5 + 3 into a2 and exit_group(a2): the add is the fifth instruction. */
    static final RiscvAsm PROGRAM = new RiscvAsm().addi(A7, ZERO, 172).ecall()
            .addi(A0, ZERO, 5).addi(A1, ZERO, 3).add(A2, A0, A1).exitWith(A2);
    static final long ADD_PC = ENTRY + 16;

    /** Compiles with the bytecode backend, ADD ops turned into SUB in the instruction at {@link #ADD_PC}. */
    static final class AddBecomesSub implements Backend {
        private final Backend delegate = new BytecodeBackend();

        @Override
        public String name() {
            return "add-becomes-sub";
        }

        @Override
        public ExecutableBlock compile(TranslationBlock tb) {
            boolean[] atAdd = {false};
            return delegate.compile(BlockCopy.copy(tb, op -> {
                if (op.opcode() == Opcode.INSN_START) {
                    atAdd[0] = op.constArg() == ADD_PC;
                }
                return atAdd[0] && op.opcode() == Opcode.ADD ? Op.full(Opcode.SUB, new Temp[] {op.out(0)},
                        new Temp[] {op.in(0), op.in(1)}, 0, null, null, null, null) : op;
            }));
        }
    }

    /** The production reference, the interpreter, against the broken subject. */
    @Module
    interface BrokenPairModule {
        @Provides
        @LockstepReference
        static Backend reference() {
            return new InterpreterBackend();
        }

        @Provides
        @LockstepSubject
        static Backend subject() {
            return new AddBecomesSub();
        }
    }

    @Singleton
    @Component(modules = {RiscvFrontendModule.class, Riscv64LinuxModule.class, BytecodeBackendModule.class,
        LockstepBackendModule.class, BrokenPairModule.class, RuntimeModule.class})
    interface BrokenLockstepEmulator {
        Emulator emulator();
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path program() throws Exception {
        return Files.write(dir.resolve("prog"), new ElfImage().entry(ENTRY).segment(ProgramHeader.PT_LOAD,
                ProgramHeader.PF_R | ProgramHeader.PF_X, ENTRY, PROGRAM.bytes(), PROGRAM.size()).build());
    }

    private int run(Emulator emulator, String backend) throws Exception {
        String program = program().toString();
        return emulator.run(new RunRequest(program, List.of(program), List.of(), backend, ExecOptions.defaults(),
                1 << 20, List.of(), s -> { }, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    @Test
    void theProductionPairRunsTheProgramToItsEnd() throws Exception {
        assertEquals(8, run(EmulatorComponent.create().emulator(), "lockstep"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongSubjectStopsTheRunAtTheWrongInstructionWithAReportAndStatus1() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger("tcg4j.lockstep");
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        log.addAppender(reports);
        try {
            assertEquals(1, run(DaggerLockstepRunTest_BrokenLockstepEmulator.create().emulator(), "lockstep"));
        } finally {
            log.detachAppender(reports);
        }
        assertEquals("tcg4j-riscv64: lockstep: add-becomes-sub diverges from interpreter at 0x10010 (add\ta2,a0,a1): "
                + "x12/a2: 0x8 != 0x2\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(1, reports.list.size());
        String report = reports.list.get(0).getFormattedMessage();
        assertTrue(report.startsWith("lockstep: add-becomes-sub (subject) diverges from interpreter (reference) in the"
                + " block at 0x10008, 6 instructions:\n  0x0000000000010008:  00500513  li\ta0,5\n"), report);
        assertTrue(report.contains("first diverging instruction, the block re-run one instruction at a time from the"
                + " same state:\n  0x0000000000010010:  00b50633  add\ta2,a0,a1\n"), report);
        assertTrue(report.contains("  x12/a2           0x0000000000000000 0x0000000000000008 0x0000000000000002  <<"),
                report);
        assertTrue(report.contains("  fcsr             0x"), report);
    }
}
