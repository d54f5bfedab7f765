package dev.tcg4j.frontend.riscv.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.ir.GuestInsn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiscvDisassemblerTest {
    private final RiscvDisassembler disassembler = new RiscvDisassembler();

    @TempDir
    Path work;

    @Test
    void printsTheCommittedSampleAsObjdumpDid() throws IOException {
        byte[] code = resource("sample.bin");
        Map<Long, String> expected = Objdump.parse(new String(resource("sample.objdump"), StandardCharsets.UTF_8));
        List<String> mismatches = compare(code, expected);
        assertTrue(expected.size() > 100, "sample too small: " + expected.size());
        assertEquals(List.of(), mismatches);
    }

    @Test
    void printsEverySixteenBitParcelAsObjdumpDoes() throws Exception {
        assertTrue(Objdump.available(), "needs " + Objdump.TOOL + " (scripts/test installs it)");
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        for (int c = 0; c < 0x10000; c++) {
            if ((c & 3) != 3) {
                code.write(c);
                code.write(c >>> 8);
            }
        }
        assertNoMismatches(code.toByteArray());
    }

    @Test
    void printsRandomOperandsOfEveryTableEntryAsObjdumpDoes() throws Exception {
        assertTrue(Objdump.available(), "needs " + Objdump.TOOL + " (scripts/test installs it)");
        Random random = new Random(20240611);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        for (Insn insn : Insn.values()) {
            for (int i = 0; i < 200; i++) {
                int operands = random.nextInt();
                if (i < 20) {
                    // small registers and immediates exercise the aliases (x0, imm 0, rs1 == rs2)
                    operands &= 0x0110_8180 | (random.nextBoolean() ? 0 : 0x0020_0000);
                }
                writeWord(code, (operands & ~insn.mask()) | insn.match());
            }
        }
        assertNoMismatches(code.toByteArray());
    }

    @Test
    void printsBranchTargetsAsAbsoluteAddresses() {
        // beq a0,a1,-8 at 0x1000 and c.j +4 at 0x2000
        assertEquals("beq\ta0,a1,0xff8", disassembler.disassemble(new GuestInsn(0x1000, 4, 0xfeb50ce3L)));
        assertEquals("j\t0x2004", disassembler.disassemble(new GuestInsn(0x2000, 2, 0xa011)));
    }

    private void assertNoMismatches(byte[] code) throws Exception {
        Map<Long, String> expected = Objdump.disassemble(code, work);
        List<String> mismatches = compare(code, expected);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first ones:\n"
                + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
    }

    private List<String> compare(byte[] code, Map<Long, String> expected) {
        List<String> mismatches = new ArrayList<>();
        int off = 0;
        while (off + 1 < code.length) {
            int lo = (code[off] & 0xff) | (code[off + 1] & 0xff) << 8;
            int size = (lo & 3) == 3 ? 4 : 2;
            long bits = lo;
            if (size == 4) {
                bits |= (long) ((code[off + 2] & 0xff) | (code[off + 3] & 0xff) << 8) << 16;
            }
            String want = expected.get((long) off);
            String got = disassembler.disassemble(new GuestInsn(off, size, bits));
            if (!got.equals(want)) {
                mismatches.add(String.format("%08x: want [%s] got [%s]", bits, want, got));
            }
            off += size;
        }
        return mismatches;
    }

    private static void writeWord(ByteArrayOutputStream out, int w) {
        for (int i = 0; i < 4; i++) {
            out.write(w >>> (8 * i));
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RiscvDisassemblerTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
