package dev.tcg4j.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceDiffTest {

    private static Optional<TraceDiff.Divergence> diff(String expected, String actual) throws IOException {
        return TraceDiff.firstDivergence(new BufferedReader(new StringReader(expected)),
                new BufferedReader(new StringReader(actual)));
    }

    @Test
    void ignoresDisassemblyTextAndHexSpelling() throws IOException {
        String qemu = "I 10144 4 00001597 auipc a1,4096\nI 10148 4 addi a1,a1,44\nM 11170 8 r\n";
        String other = "I 0x10144 4\nI 0x0010148 4\nM 0x11170 8 r\n";
        assertEquals(Optional.empty(), diff(qemu, other));
    }

    @Test
    void namesTheFirstDifferingInstruction() throws IOException {
        String qemu = "I 100 4 addi a0,a0,1\nI 104 4 ld t0,0(a1)\nM 2000 8 r\nI 108 2 c.add\n";
        String other = "I 100 4\nI 104 4\nM 2000 8 r\nI 10c 2\n";
        TraceDiff.Divergence d = diff(qemu, other).orElseThrow();
        assertEquals(4, d.line());
        assertEquals(2, d.instructionIndex());
        assertEquals("I 104 4 ld t0,0(a1)", d.lastCommonInstruction());
        assertEquals("I 108 2 c.add", d.expected());
        assertEquals("I 10c 2", d.actual());
        assertTrue(d.describe().contains("instruction #2"), d.describe());
    }

    @Test
    void reportsAMemoryAccessOfTheWrongKind() throws IOException {
        TraceDiff.Divergence d = diff("I 100 4 sd a0,0(a1)\nM 2000 8 w\n", "I 100 4\nM 2000 8 r\n").orElseThrow();
        assertEquals(2, d.line());
        assertEquals(0, d.instructionIndex(), "the access belongs to instruction #0");
        assertEquals("M 2000 8 w", d.expected());
    }

    @Test
    void reportsATraceThatEndsEarly() throws IOException {
        TraceDiff.Divergence d = diff("I 100 4\nI 104 4\n", "I 100 4\n").orElseThrow();
        assertEquals("<end of trace>", d.actual());
        assertEquals(1, d.instructionIndex());
    }
}
