package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code -d unimp}: the illegal_insn guest's all-zero parcel is an encoding no table decodes, so
 * tcg4j logs it with its pc, once, before the SIGILL (qemu 7.2's RISC-V translator logs nothing
 * there; the wording is that of QEMU's other translators). The pc comes from objdump's listing of
 * the guest's main.
 */
class UnimpLogTest {
    /** The guest's {@code .word 0}: objdump shows it as data, tcg4j fetches its first parcel, 0x0000. */
    private static final Pattern ZERO_WORD_IN_MAIN =
            Pattern.compile("(?s)<main>:.*?\\n\\s*([0-9a-f]+):\\s+00000000\\s+\\.word");

    @Test
    void logsTheUnknownEncodingWithItsPcOnce() throws IOException, InterruptedException {
        GuestRunner runner = GuestRunner.create();
        Path program = runner.guest("illegal_insn");
        Process objdump = new ProcessBuilder("riscv64-linux-gnu-objdump", "-d", "--disassemble=main", program.toString())
                .redirectErrorStream(true).start();
        String listing = new String(objdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(objdump.waitFor(60, TimeUnit.SECONDS));
        Matcher m = ZERO_WORD_IN_MAIN.matcher(listing);
        assertTrue(m.find(), "no .word 0 in main:\n" + listing);
        long pc = Long.parseLong(m.group(1), 16);

        Path log = Files.createTempFile("unimp", ".log");
        try {
            RunResult run = runner.runTcg4j(Invocation.of(program).withOptions("-d", "unimp", "-D", log.toString()));
            assertEquals(128 + 4, run.exitStatus(), run::describe);
            List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("unknown opcode")).toList();
            assertEquals(List.of(String.format("Error: unknown opcode. %016x: 0x0000", pc)), lines);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
