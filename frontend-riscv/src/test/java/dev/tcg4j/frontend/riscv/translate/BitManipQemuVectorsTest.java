package dev.tcg4j.frontend.riscv.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.decode.Format;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TranslationBlock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replays qemu-vectors-bitmanip.txt through the translator: every Zba, Zbb, Zbc, Zbs, Zbkb and
 * Zbkx instruction, on operands qemu-riscv64 7.2 ran it on, translated to IR and evaluated (the
 * PURE helpers called), must give qemu's result. See make-qemu-vectors-rva22.sh.
 */
class BitManipQemuVectorsTest {
    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A2 = 12;

    private final Blocks blocks = new Blocks();

    @Test
    void everyBitManipulationInstructionMatchesQemu() throws IOException {
        List<String> failures = new ArrayList<>();
        Set<Insn> seen = EnumSet.noneOf(Insn.class);
        int lines = 0;
        try (InputStream in = getClass().getResourceAsStream("qemu-vectors-bitmanip.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                long a = Long.parseUnsignedLong(f[1], 16);
                long b = Long.parseUnsignedLong(f[2], 16);
                long expected = Long.parseUnsignedLong(f[3], 16);
                Insn insn = insn(f[0]);
                seen.add(insn);
                long got = run(encode(insn, f[0]), a, b);
                if (got != expected && failures.size() < 20) {
                    failures.add(String.format("%s: got %x", line, got));
                }
                lines++;
            }
        }
        assertTrue(lines > 1300, "fixture too short: " + lines);
        assertEquals(List.of(), failures);
        for (Insn insn : Insn.values()) {
            switch (insn.extension()) {
                case ZBA, ZBB, ZBC, ZBS, ZBKB, ZBKX -> assertTrue(seen.contains(insn), "no vectors for " + insn);
                default -> { }
            }
        }
    }

    /**
     * ctzw counts the trailing zeros of the low word, 32 when it is zero (ISA manual, Zbb). qemu
     * 7.2 counts on into the upper word there, so its vectors avoid such operands and the ISA
     * decides.
     */
    @Test
    void ctzwOfAZeroLowWordIsThirtyTwo() {
        int ctzw = Insn.CTZW.match() | A0 << 7 | A1 << 15;
        assertEquals(32, run(ctzw, 0x12_0000_0000L, 0));
        assertEquals(32, run(ctzw, 0x8000_0000_0000_0000L, 0));
        assertEquals(4, run(ctzw, 0xffff_ffff_0000_0010L, 0));
    }

    /** {@code slli_uw_5} is slli.uw with shamt 5; {@code sext_b} is sext.b. */
    private static Insn insn(String op) {
        String name = op.toUpperCase(Locale.ROOT);
        for (Insn insn : Insn.values()) {
            if (insn.name().equals(name) || name.startsWith(insn.name() + "_") && isShift(insn)
                    && name.substring(insn.name().length() + 1).chars().allMatch(Character::isDigit)) {
                return insn;
            }
        }
        throw new IllegalArgumentException("no instruction " + op);
    }

    private static boolean isShift(Insn insn) {
        return insn.format() == Format.SHIFT64 || insn.format() == Format.SHIFT32;
    }

    private static int encode(Insn insn, String op) {
        int word = insn.match() | A0 << 7 | A1 << 15;
        if (isShift(insn)) {
            return word | Integer.parseInt(op.substring(op.lastIndexOf('_') + 1)) << 20;
        }
        return insn.format() == Format.UNARY ? word : word | A2 << 20;
    }

    private long run(int word, long rs1, long rs2) {
        TranslationBlock tb = blocks.block(word & 0xffffffffL);
        long[] regs = new long[RiscvArch.SLOTS];
        regs[A1] = rs1;
        regs[A2] = rs2;
        Op stop = new StraightLineEvaluator(regs).run(tb.ops());
        assertEquals(Opcode.GOTO_TB, stop.opcode(), "straight-line code up to the fall-through exit");
        return regs[A0];
    }
}
