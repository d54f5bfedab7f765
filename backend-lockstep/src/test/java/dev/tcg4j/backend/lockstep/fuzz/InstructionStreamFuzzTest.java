package dev.tcg4j.backend.lockstep.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.backend.lockstep.BlockCopy;
import dev.tcg4j.backend.lockstep.LockstepBackend;
import dev.tcg4j.backend.lockstep.LockstepDivergence;
import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.RiscvFrontend;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.ir.spi.TranslatorLoop;
import dev.tcg4j.memory.FlatGuestMemory;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two production backends as each other's oracle: seeded random and mutated RISC-V
 * instruction streams (see {@link InstructionStreams}) run block by block under lockstep, the
 * interpreter as reference and the bytecode backend as subject, from random registers, half of
 * them pointing into a data area. A guest fault or an ecall skips the instruction and goes on, as a
 * handler would; a fetch fault or a budget of blocks ends the program. Any divergence, and any
 * exception other than a guest fault, fails the campaign with the seed, the program and the report.
 *
 * <p>The suite runs a short campaign per seed; {@value #PROGRAMS_PROPERTY} sets its length and
 * {@value #SEED_PROPERTY} adds a seed, for long runs:
 * {@code mvn -pl backend-lockstep test -Dtest=InstructionStreamFuzzTest -Dtcg4j.fuzz.programs=20000}.
 */
class InstructionStreamFuzzTest {
    static final String PROGRAMS_PROPERTY = "tcg4j.fuzz.programs";
    static final String SEED_PROPERTY = "tcg4j.fuzz.seed";
    private static final long CODE = 0x10000;
    private static final long DATA = 0x40000;
    private static final int DATA_SIZE = 0x10000;
    private static final int INSNS_PER_PROGRAM = 32;
    private static final int BLOCK_BUDGET = 300;

    private static int programs() {
        return Integer.getInteger(PROGRAMS_PROPERTY, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomStreamsRunAlikeOnBothBackends(long seed) {
        campaign(Long.getLong(SEED_PROPERTY, seed), false, new BytecodeBackend());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void mutatedStreamsRunAlikeOnBothBackends(long seed) {
        campaign(Long.getLong(SEED_PROPERTY, seed), true, new BytecodeBackend());
    }

    @Test
    void aCampaignCatchesASubjectWithOneWrongOpcode() {
        Backend xorBecomesOr = new Backend() {
            private final Backend bytecode = new BytecodeBackend();

            @Override
            public String name() {
                return "xor-becomes-or";
            }

            @Override
            public ExecutableBlock compile(TranslationBlock tb) {
                return bytecode.compile(BlockCopy.copy(tb, op -> op.opcode() != Opcode.XOR ? op
                        : Op.full(Opcode.OR, new Temp[] {op.out(0)}, new Temp[] {op.in(0), op.in(1)},
                                op.constArg(), op.cond(), op.label(), op.memOp(), op.aux())));
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> campaign(1, false, xorBecomesOr));
        assertTrue(e.getMessage().contains("diverges from interpreter"), e.getMessage());
    }

    private static void campaign(long seed, boolean mutated, Backend subject) {
        InstructionStreams streams = new InstructionStreams(seed);
        RiscvFrontend frontend = new RiscvFrontend();
        LockstepBackend lockstep = new LockstepBackend(new InterpreterBackend(), subject, frontend);
        byte[] parent = streams.program(INSNS_PER_PROGRAM);
        for (int n = 0; n < programs(); n++) {
            byte[] program = mutated ? streams.mutate(parent) : streams.program(INSNS_PER_PROGRAM);
            if (mutated && n % 8 == 7) {
                parent = streams.program(INSNS_PER_PROGRAM);
            }
            long registersSeed = streams.random().nextLong();
            try {
                run(program, new InstructionStreams(registersSeed), frontend, lockstep);
            } catch (LockstepDivergence d) {
                fail("seed " + seed + ", program " + n + " diverges: " + d.getMessage() + "\n"
                        + describe(program, registersSeed) + "\n" + d.report());
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", program " + n + ": " + e + "\n"
                        + describe(program, registersSeed), e);
            }
        }
    }

    private static String describe(byte[] program, long registersSeed) {
        return "code at 0x" + Long.toHexString(CODE) + ": " + HexFormat.of().formatHex(program)
                + "\nregisters from InstructionStreams(" + registersSeed + "L)";
    }

    private static void run(byte[] program, InstructionStreams values, RiscvFrontend frontend,
            LockstepBackend lockstep) {
        try (GuestMemory memory = new FlatGuestMemory(32)) {
            memory.map(CODE, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.EXEC);
            memory.writeInitial(CODE, program, 0, program.length);
            memory.map(DATA, DATA_SIZE, GuestMemory.READ | GuestMemory.WRITE);
            CpuState cpu = new CpuState(RiscvArch.SLOTS, 0, memory);
            for (int r = 1; r < 32; r++) {
                cpu.regs[RiscvArch.X0 + r] = values.registerValue(DATA, DATA_SIZE);
                cpu.regs[RiscvArch.F0 + r] = values.fpValue();
            }
            cpu.regs[RiscvArch.F0] = values.fpValue();
            cpu.regs[RiscvArch.FRM] = values.random().nextInt(8);
            cpu.regs[RiscvArch.PC] = CODE;
            TranslatorLoop translator = new TranslatorLoop(frontend);
            Map<Long, ExecutableBlock> blocks = new HashMap<>();
            for (int executed = 0; executed < BLOCK_BUDGET; executed++) {
                long pc = cpu.regs[RiscvArch.PC];
                ExecutableBlock block = blocks.get(pc);
                if (block == null) {
                    try {
                        memory.markCode(pc, 1); // as the runtime's CPU loop does, wherever the pc went
                        block = lockstep.compile(translator.translate(memory, pc, 0, 32, TranslatorHooks.NONE));
                    } catch (GuestTrap fetchFault) {
                        return; // the program left its code
                    }
                    blocks.put(pc, block);
                }
                int exit = block.execute(cpu);
                cpu.exitRequested = false;
                if (exit == ExitCodes.TRAP || exit == ExitCodes.SYSCALL) {
                    long at = exit == ExitCodes.TRAP ? cpu.trapPc : cpu.regs[RiscvArch.PC];
                    if (at - CODE >= program.length - 1) {
                        return; // into the zeros after the program: c.unimp to the end of the page
                    }
                    cpu.trap = null;
                    cpu.memListener = null;
                    cpu.regs[RiscvArch.PC] = at + ((memory.ld8u(at) & 3) == 3 ? 4 : 2);
                }
            }
        }
    }
}
