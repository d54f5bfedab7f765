package dev.tcg4j.frontend.riscv.disasm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU objdump as the independent oracle: runs it on code assembled into an object whose ELF
 * attributes enable every extension binutils 2.40 knows that tcg4j implements (without them
 * objdump decodes plain rv64gc only), or parses a saved listing.
 */
final class Objdump {
    static final String TOOL = "riscv64-linux-gnu-objdump";
    static final String ASSEMBLER = "riscv64-linux-gnu-as";
    /** The ISA of the assembled object: what objdump decodes. */
    static final String MARCH = "rv64gc_zba_zbb_zbc_zbs_zbkb_zbkx_zfh_zicbom_zicboz_zicbop_zihintpause";
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t[0-9a-f]+\\s*\\t(.*)$");
    /** A branch target in an object with symbols: {@code f002 <.text+0xf002>}. */
    private static final Pattern SYMBOLIC_TARGET = Pattern.compile("([0-9a-f]+) <[^>]*>$");

    private Objdump() {}

    static boolean available() {
        return onPath(TOOL) && onPath(ASSEMBLER);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * objdump's text for each instruction of {@code code} placed at address 0: every instruction
     * (16 or 32 bits by its low bits) becomes an {@code .insn} directive, so that objdump sees
     * code, not data, whatever the encoding.
     */
    static Map<Long, String> disassemble(byte[] code, Path workDir) throws IOException, InterruptedException {
        StringBuilder source = new StringBuilder();
        int off = 0;
        while (off + 1 < code.length) {
            int lo = (code[off] & 0xff) | (code[off + 1] & 0xff) << 8;
            if ((lo & 3) == 3) {
                int hi = (code[off + 2] & 0xff) | (code[off + 3] & 0xff) << 8;
                source.append(".insn 4, 0x").append(Integer.toHexString(lo | hi << 16)).append('\n');
                off += 4;
            } else {
                source.append(".insn 2, 0x").append(Integer.toHexString(lo)).append('\n');
                off += 2;
            }
        }
        Path asm = workDir.resolve("code.s");
        Files.writeString(asm, source);
        Path object = workDir.resolve("code.o");
        Path out = workDir.resolve("code.txt");
        run(out, ASSEMBLER, "-march=" + MARCH, asm.toString(), "-o", object.toString());
        run(out, TOOL, "-d", object.toString());
        return parse(Files.readString(out, StandardCharsets.UTF_8));
    }

    private static void run(Path out, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command[0] + " failed: " + Files.readString(out));
        }
    }

    /**
     * Address to {@code mnemonic\toperands}, without objdump's trailing {@code # ...} comments
     * (they come from tracking register values across instructions).
     */
    static Map<Long, String> parse(String listing) {
        Map<Long, String> byAddress = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String text = m.group(2);
                int comment = text.indexOf(" #");
                if (comment >= 0) {
                    text = text.substring(0, comment);
                }
                // objdump of raw code prints the target as 0x..., of an object as address <symbol>
                text = SYMBOLIC_TARGET.matcher(text.strip()).replaceFirst("0x$1");
                byAddress.put(Long.parseLong(m.group(1), 16), text);
            }
        }
        return byAddress;
    }
}
