package dev.tcg4j.runtime.testing;

import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.BlockTooLargeException;
import dev.tcg4j.ir.spi.BlockTranslator;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.GuestFrontend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A guest and a backend for CPU-loop tests. Instructions are 4-byte words fetched from guest memory
 * (so an unmapped pc faults as a real fetch would); a word with the top bit set ends the block.
 * What a compiled block does is a script the test registers per block pc: it receives the CPU and
 * returns the exit code, setting the pc global itself.
 */
public final class ScriptedGuest {
    public static final int END_OF_BLOCK = 0x80000000;

    private static final Temp PC = Temp.global("pc", TestArch.PC);

    private final TestArch arch = new TestArch();
    private final Map<Long, ToIntFunction<CpuState>> scripts = new HashMap<>();
    /** Block pcs and instruction counts in the order the backend compiled them. */
    public final List<long[]> compiled = new ArrayList<>();
    /** For each executed block, its index in {@link #compiled}: which translation of a pc ran. */
    public final List<Integer> executed = new ArrayList<>();
    /** The backend refuses blocks with more instructions than this, as the bytecode backend's limit. */
    public int maxInsnsPerBlock = Integer.MAX_VALUE;

    public void script(long pc, ToIntFunction<CpuState> behaviour) {
        scripts.put(pc, behaviour);
    }

    /** Writes {@code n} instruction words at {@code pc}, the last one ending the block. */
    public static void writeBlock(GuestMemory m, long pc, int n) {
        for (int i = 0; i < n; i++) {
            m.writeInitial(pc + 4L * i, word(i == n - 1 ? END_OF_BLOCK : 0x13), 0, 4);
        }
    }

    private static byte[] word(int w) {
        return new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)};
    }

    public GuestFrontend frontend() {
        return new GuestFrontend() {
            @Override
            public GuestArch arch() {
                return arch;
            }

            @Override
            public BlockTranslator begin(TbBuilder b, GuestMemory code) {
                return new BlockTranslator() {
                    long next = b.pc();

                    @Override
                    public long nextPc() {
                        return next;
                    }

                    @Override
                    public Status translateInsn(TbBuilder tb) {
                        long bits = code.fetch16(next) | (long) code.fetch16(next + 2) << 16;
                        tb.recordInsn(next, 4, bits);
                        next += 4;
                        if ((bits & END_OF_BLOCK) != 0) {
                            endBlock(tb);
                            return Status.BLOCK_ENDED;
                        }
                        return Status.CONTINUE;
                    }

                    /** The IR is not what runs (the script is), but it is well formed: it exits. */
                    @Override
                    public void endBlock(TbBuilder tb) {
                        tb.movi(PC, next);
                        tb.exitTb(ExitCodes.LOOKUP);
                    }
                };
            }

            @Override
            public Disassembler disassembler() {
                return insn -> String.format("word\t0x%x", insn.bits());
            }
        };
    }

    public Backend backend() {
        return new Backend() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public ExecutableBlock compile(TranslationBlock tb) {
                if (tb.insnCount() > maxInsnsPerBlock) {
                    throw new BlockTooLargeException(tb.pc(), tb.insnCount(), "scripted limit " + maxInsnsPerBlock);
                }
                int index = compiled.size();
                compiled.add(new long[] {tb.pc(), tb.insnCount()});
                ToIntFunction<CpuState> script = scripts.get(tb.pc());
                if (script == null) {
                    throw new IllegalStateException("no script for block 0x" + Long.toHexString(tb.pc()));
                }
                return new ExecutableBlock() {
                    @Override
                    public int execute(CpuState cpu) {
                        executed.add(index);
                        return script.applyAsInt(cpu);
                    }
                };
            }
        };
    }
}
