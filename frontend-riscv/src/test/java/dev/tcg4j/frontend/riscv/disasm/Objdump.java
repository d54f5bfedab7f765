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

/** GNU objdump as the independent oracle: runs it on raw code, or parses a saved listing. */
final class Objdump {
    static final String TOOL = "riscv64-linux-gnu-objdump";
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t[0-9a-f]+\\s*\\t(.*)$");

    private Objdump() {}

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, TOOL))) {
                return true;
            }
        }
        return false;
    }

    /** objdump's text for each instruction of raw RV64GC code loaded at address 0. */
    static Map<Long, String> disassemble(byte[] code, Path workDir) throws IOException, InterruptedException {
        Path bin = workDir.resolve("code.bin");
        Files.write(bin, code);
        Path out = workDir.resolve("code.txt");
        Process p = new ProcessBuilder(TOOL, "-D", "-b", "binary", "-m", "riscv:rv64", bin.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(TOOL + " failed: " + Files.readString(out));
        }
        return parse(Files.readString(out, StandardCharsets.UTF_8));
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
                byAddress.put(Long.parseLong(m.group(1), 16), text.strip());
            }
        }
        return byAddress;
    }
}
