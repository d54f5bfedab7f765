package dev.tcg4j.plugins.contrib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.plugins.contrib.UftracePlugin.Kind;
import org.junit.jupiter.api.Test;

/** Encodings from riscv64-linux-gnu-as (binutils 2.40); the assembly is in each comment. */
class UftracePluginTest {
    @Test
    void linkingToRaIsACall() {
        assertEquals(Kind.CALL, UftracePlugin.kind(word(0x010000ef))); // jal ra,.+16
        assertEquals(Kind.CALL, UftracePlugin.kind(word(0x000780e7))); // jalr ra,0(a5)
        assertEquals(Kind.CALL, UftracePlugin.kind(half(0x9782))); // c.jalr a5
    }

    @Test
    void jumpingThroughRaWithoutLinkingIsAReturn() {
        assertEquals(Kind.RETURN, UftracePlugin.kind(word(0x00008067))); // jalr zero,0(ra)
        assertEquals(Kind.RETURN, UftracePlugin.kind(half(0x8082))); // c.jr ra (ret)
    }

    @Test
    void tailCallsJumpsAndMillicodeAreNeither() {
        assertEquals(Kind.OTHER, UftracePlugin.kind(word(0x0100006f))); // j .+16
        assertEquals(Kind.OTHER, UftracePlugin.kind(half(0x8302))); // c.jr t1 (tail call)
        assertEquals(Kind.OTHER, UftracePlugin.kind(word(0x010002ef))); // jal t0,.+16 (millicode)
        assertEquals(Kind.OTHER, UftracePlugin.kind(half(0x9002))); // c.ebreak
        assertEquals(Kind.OTHER, UftracePlugin.kind(word(0x00150513))); // addi a0,a0,1
    }

    private static byte[] word(int w) {
        return new byte[] {(byte) w, (byte) (w >> 8), (byte) (w >> 16), (byte) (w >> 24)};
    }

    private static byte[] half(int h) {
        return new byte[] {(byte) h, (byte) (h >> 8)};
    }
}
