package dev.tcg4j.frontend.riscv.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.frontend.riscv.decode.Extension;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.ir.GuestInsn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiscvDisassemblerTest {
    /** Extensions that objdump 2.40 prints as {@code .4byte}: checked against newer binutils' syntax below. */
    private static final Set<Extension> NEWER_THAN_BINUTILS_2_40 = EnumSet.of(Extension.ZICOND, Extension.ZFA);

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
            if (NEWER_THAN_BINUTILS_2_40.contains(insn.extension())) {
                continue;
            }
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

    /**
     * Zicond and Zfa, which binutils 2.40 does not know, in the syntax of binutils 2.41 and later
     * (opcodes/riscv-opc.c: czero "d,s,t"; fli "D,Wfv", printing riscv_fli_symval or C's %a of
     * riscv_fli_numval; fround "D,S" for rm = dyn, else "D,S,m"; fcvtmod.w.d "d,S,m").
     */
    @Test
    void printsZicondAndZfaAsNewerBinutilsDoes() {
        int a0 = 10;
        int a1 = 11;
        int a2 = 12;
        assertEquals("czero.eqz\ta0,a1,a2", text(Insn.CZERO_EQZ, a0, a1, a2, 0));
        assertEquals("czero.nez\ta0,zero,a2", text(Insn.CZERO_NEZ, a0, 0, a2, 0));
        assertEquals("fli.s\tfa0,min", text(Insn.FLI_S, a0, 1, 0, 0));
        assertEquals("fli.d\tft0,-0x1p+0", text(Insn.FLI_D, 0, 0, 0, 0));
        assertEquals("fli.h\tfa1,0x1p-16", text(Insn.FLI_H, a1, 2, 0, 0));
        assertEquals("fli.s\tfa0,0x1.4p-2", text(Insn.FLI_S, a0, 9, 0, 0));
        assertEquals("fli.d\tfa0,0x1p+16", text(Insn.FLI_D, a0, 29, 0, 0));
        assertEquals("fli.s\tfa0,inf", text(Insn.FLI_S, a0, 30, 0, 0));
        assertEquals("fli.h\tfa0,nan", text(Insn.FLI_H, a0, 31, 0, 0));
        assertEquals("fminm.s\tfa0,fa1,fa2", text(Insn.FMINM_S, a0, a1, a2, 0));
        assertEquals("fmaxm.h\tfa0,fa1,fa2", text(Insn.FMAXM_H, a0, a1, a2, 0));
        assertEquals("fround.s\tfa0,fa1", text(Insn.FROUND_S, a0, a1, 0, 7));
        assertEquals("froundnx.d\tfa0,fa1,rtz", text(Insn.FROUNDNX_D, a0, a1, 0, 1));
        assertEquals("fround.h\tfa0,fa1,rmm", text(Insn.FROUND_H, a0, a1, 0, 4));
        assertEquals("fcvtmod.w.d\ta0,fa1,rtz", text(Insn.FCVTMOD_W_D, a0, a1, 0, 1));
        assertEquals("fleq.d\ta0,fa1,fa2", text(Insn.FLEQ_D, a0, a1, a2, 0));
        assertEquals("fltq.s\ta0,fa1,fa2", text(Insn.FLTQ_S, a0, a1, a2, 0));
    }

    private String text(Insn insn, int rd, int rs1, int rs2, int rm) {
        int bits = insn.match() | rd << 7 | rm << 12 | rs1 << 15 | rs2 << 20;
        assertTrue(insn.matches(bits), insn + " fields");
        return disassembler.disassemble(new GuestInsn(0, 4, bits & 0xffffffffL));
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
                + String.join("\n", mismatches.subList(0, Math.min(Integer.getInteger("disasm.shown", 40), mismatches.size()))));
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
