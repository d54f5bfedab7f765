package dev.tcg4j.frontend.riscv.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedExpansionTest {
    private static final String OBJDUMP = "riscv64-linux-gnu-objdump";

    @TempDir
    Path work;

    /** Pairs assembled by riscv64-linux-gnu-as: the compressed form and its 32-bit equivalent. */
    @Test
    void commonCompressedFormsExpandToTheirThirtyTwoBitEquivalents() {
        int[][] pairs = {
            {0x1141, 0xff010113}, // c.addi sp,-16      addi sp,sp,-16
            {0xe406, 0x00113423}, // c.sdsp ra,8(sp)    sd ra,8(sp)
            {0x6402, 0x00013403}, // c.ldsp s0,0(sp)    ld s0,0(sp)
            {0x0800, 0x01010413}, // c.addi4spn s0,sp,16 addi s0,sp,16
            {0x713d, 0xfe010113}, // c.addi16sp sp,-32  addi sp,sp,-32
            {0x557d, 0xfff00513}, // c.li a0,-1         addi a0,zero,-1
            {0x8082, 0x00008067}, // c.jr ra            jalr zero,0(ra)
            {0x9782, 0x000780e7}, // c.jalr a5          jalr ra,0(a5)
            {0x852e, 0x00b00533}, // c.mv a0,a1         add a0,zero,a1
            {0x4532, 0x00c12503}, // c.lwsp a0,12(sp)   lw a0,12(sp)
            {0x2501, 0x0005051b}, // c.addiw a0,0       addiw a0,a0,0
            {0x0001, 0x00000013}, // c.nop              addi zero,zero,0
            {0x9002, 0x00100073}, // c.ebreak           ebreak
        };
        for (int[] p : pairs) {
            assertEquals(Integer.toHexString(p[1]), Integer.toHexString(Compressed.expand(p[0])),
                    "expansion of " + Integer.toHexString(p[0]));
        }
    }

    @Test
    void reservedParcelsHaveNoExpansion() {
        for (int parcel : new int[] {0x0000, 0x0010, 0x6101, 0x6001, 0x8002, 0x4002, 0x6002, 0x2001, 0x8000, 0x9c41}) {
            assertEquals(Compressed.ILLEGAL, Compressed.expand(parcel), Integer.toHexString(parcel));
        }
    }

    /**
     * objdump -M no-aliases names each parcel's compressed form ("c.lwsp a0,12(sp)"); rewriting that
     * by the RVC rules into the 32-bit form must give objdump's text for our expansion. Parcel i is at
     * address 4i in one file and its expansion at 4i in the other, so branch targets agree.
     */
    @Test
    void everyParcelExpandsToWhatObjdumpSaysItMeans() throws Exception {
        assertTrue(onPath(), "needs " + OBJDUMP + " (scripts/test installs it)");
        ByteArrayOutputStream parcels = new ByteArrayOutputStream();
        ByteArrayOutputStream expansions = new ByteArrayOutputStream();
        List<Integer> legal = new ArrayList<>();
        for (int c = 0; c < 0x10000; c++) {
            int e = (c & 3) == 3 ? Compressed.ILLEGAL : Compressed.expand(c);
            if (e == Compressed.ILLEGAL) {
                continue;
            }
            legal.add(c);
            write(parcels, c | 0x0001 << 16); // the parcel, then a c.nop to keep 4-byte slots
            write(expansions, e);
        }
        Map<Long, String> compressed = objdump(parcels.toByteArray(), "c");
        Map<Long, String> full = objdump(expansions.toByteArray(), "w");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < legal.size(); i++) {
            String want = rewrite(compressed.get(4L * i));
            String got = full.get(4L * i);
            if (!want.equals(got)) {
                mismatches.add(String.format("%04x: %s -> want [%s] got [%s]", legal.get(i), compressed.get(4L * i),
                        want, got));
            }
        }
        assertTrue(legal.size() > 45000, "legal parcels: " + legal.size());
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n"
                + String.join("\n", mismatches.subList(0, Math.min(30, mismatches.size()))));
    }

    /** The RVC expansion rules applied to objdump's no-aliases text. */
    static String rewrite(String text) {
        String[] parts = text.split("\t");
        String m = parts[0];
        String[] ops = parts.length > 1 ? parts[1].split(",") : new String[0];
        String name = m.startsWith("c.") ? m.substring(2) : m;
        return switch (name) {
            case "addi", "addiw", "andi", "srli", "srai", "slli", "sub", "xor", "or", "and", "subw", "addw", "add" ->
                    name + "\t" + ops[0] + "," + ops[0] + "," + ops[1];
            case "srli64", "srai64", "slli64" -> name.substring(0, 4) + "\t" + ops[0] + "," + ops[0] + ",0x0";
            case "li" -> "addi\t" + ops[0] + ",zero," + ops[1];
            case "mv" -> "add\t" + ops[0] + ",zero," + ops[1];
            case "addi16sp" -> "addi\tsp,sp," + ops[1];
            case "addi4spn" -> "addi\t" + ops[0] + "," + ops[1] + "," + ops[2];
            case "lui" -> "lui\t" + ops[0] + "," + ops[1];
            case "j" -> "jal\tzero," + ops[0];
            case "beqz" -> "beq\t" + ops[0] + ",zero," + ops[1];
            case "bnez" -> "bne\t" + ops[0] + ",zero," + ops[1];
            case "jr" -> "jalr\tzero,0(" + ops[0] + ")";
            case "jalr" -> "jalr\tra,0(" + ops[0] + ")";
            case "ebreak" -> "ebreak";
            case "lw", "ld", "fld", "sw", "sd", "fsd" -> name + "\t" + ops[0] + "," + ops[1];
            case "lwsp", "ldsp", "fldsp", "swsp", "sdsp", "fsdsp" ->
                    name.substring(0, name.length() - 2) + "\t" + ops[0] + "," + ops[1];
            default -> "no rule for " + text;
        };
    }

    private Map<Long, String> objdump(byte[] code, String name) throws IOException, InterruptedException {
        Path bin = work.resolve(name + ".bin");
        Files.write(bin, code);
        Path out = work.resolve(name + ".txt");
        Process p = new ProcessBuilder(OBJDUMP, "-M", "no-aliases", "-D", "-b", "binary", "-m", "riscv:rv64",
                bin.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, OBJDUMP + " failed");
        Pattern line = Pattern.compile("^\\s*([0-9a-f]+):\\t[0-9a-f]+\\s*\\t(.*)$");
        Map<Long, String> byAddress = new LinkedHashMap<>();
        for (String l : Files.readAllLines(out)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                String text = m.group(2);
                int comment = text.indexOf(" #");
                byAddress.put(Long.parseLong(m.group(1), 16), (comment >= 0 ? text.substring(0, comment) : text).strip());
            }
        }
        return byAddress;
    }

    private static void write(ByteArrayOutputStream out, int word) {
        for (int i = 0; i < 4; i++) {
            out.write(word >>> (8 * i));
        }
    }

    private static boolean onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, OBJDUMP))) {
                return true;
            }
        }
        return false;
    }
}
