package dev.tcg4j.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Compares two execution traces in the oracle format (one event per line:
 * {@code I <vaddr hex> <size> [disassembly]} for an executed instruction, then
 * {@code M <vaddr hex> <bytes> <r|w>} for each of its memory accesses) and finds the first event
 * where they differ. Disassembly text is informative and not compared, so a trace from an
 * emulator that does not disassemble can be compared with QEMU's.
 */
public final class TraceDiff {

    private TraceDiff() {}

    /**
     * Where two traces part.
     *
     * @param line 1-based line number of the first differing event
     * @param instructionIndex 0-based index of the instruction at or containing the divergence
     * @param lastCommonInstruction the last instruction line both traces agree on, or "" if none
     * @param expected the expected trace's event there, or "<end of trace>"
     * @param actual the actual trace's event there, or "<end of trace>"
     */
    public record Divergence(long line, long instructionIndex, String lastCommonInstruction, String expected,
            String actual) {

        public String describe() {
            return "traces diverge at line " + line + " (instruction #" + instructionIndex + ")"
                    + "\n  last common instruction: " + (lastCommonInstruction.isEmpty() ? "(none)" : lastCommonInstruction)
                    + "\n  expected: " + expected
                    + "\n  actual:   " + actual;
        }
    }

    public static Optional<Divergence> firstDivergence(Path expected, Path actual) {
        try (BufferedReader a = Files.newBufferedReader(expected, StandardCharsets.UTF_8);
                BufferedReader b = Files.newBufferedReader(actual, StandardCharsets.UTF_8)) {
            return firstDivergence(a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Divergence> firstDivergence(BufferedReader expected, BufferedReader actual)
            throws IOException {
        long line = 0;
        long instructions = 0;
        String lastCommon = "";
        while (true) {
            String e = expected.readLine();
            String a = actual.readLine();
            line++;
            if (e == null && a == null) {
                return Optional.empty();
            }
            boolean eInsn = e != null && e.startsWith("I ");
            boolean aInsn = a != null && a.startsWith("I ");
            if (e == null || a == null || !key(e).equals(key(a))) {
                long index = (eInsn || aInsn) ? instructions : Math.max(0, instructions - 1);
                return Optional.of(new Divergence(line, index, lastCommon, e == null ? "<end of trace>" : e,
                        a == null ? "<end of trace>" : a));
            }
            if (eInsn) {
                instructions++;
                lastCommon = e.length() >= a.length() ? e : a; // prefer the side that has disassembly
            }
        }
    }

    /** The compared part of an event: kind, address and size (and r/w for accesses). */
    static String key(String event) {
        String[] words = event.strip().split("\\s+");
        if (words.length >= 3 && words[0].equals("I")) {
            return "I " + normalizeHex(words[1]) + " " + words[2];
        }
        if (words.length >= 4 && words[0].equals("M")) {
            return "M " + normalizeHex(words[1]) + " " + words[2] + " " + words[3];
        }
        return event.strip();
    }

    private static String normalizeHex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        digits = digits.toLowerCase(java.util.Locale.ROOT).replaceFirst("^0+(?=.)", "");
        return digits;
    }
}
