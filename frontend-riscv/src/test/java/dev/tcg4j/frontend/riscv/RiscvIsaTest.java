package dev.tcg4j.frontend.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reports against Linux's definitions: AT_HWCAP bit {@code letter - 'a'} per single-letter
 * extension (arch/riscv/kernel/cpufeature.c), riscv_hwprobe bits and keys from the uapi
 * asm/hwprobe.h. The expected sets are the extensions the encoding tables hold.
 */
class RiscvIsaTest {
    private static long bit(int n) {
        return 1L << n;
    }

    @Test
    void hwcapHasTheSingleLetterExtensionsImafdc() {
        long letters = 0;
        for (char c : "imafdc".toCharArray()) {
            letters |= 1L << (c - 'a');
        }
        assertEquals(0x112d, letters);
        assertEquals(letters, RiscvIsa.hwcap());
    }

    @Test
    void imaExt0ReportsExactlyTheImplementedExtensions() {
        long expected = bit(0) /* IMA_FD */ | bit(1) /* IMA_C */ | bit(3) /* ZBA */ | bit(4) /* ZBB */
                | bit(5) /* ZBS */ | bit(6) /* ZICBOZ */ | bit(7) /* ZBC */ | bit(8) /* ZBKB */ | bit(10) /* ZBKX */
                | bit(27) /* ZFH */ | bit(28) /* ZFHMIN */ | bit(29) /* ZIHINTNTL */ | bit(32) /* ZFA */
                | bit(35) /* ZICOND */ | bit(36) /* ZIHINTPAUSE */ | bit(43) /* ZCA */ | bit(45) /* ZCD */
                | bit(50) /* ZICNTR */ | bit(55) /* ZICBOM */ | bit(56) /* ZAAMO */ | bit(57) /* ZALRSC */
                | bit(59) /* ZICBOP */;
        Map<Long, Long> pairs = RiscvIsa.hwprobe();
        assertEquals(expected, pairs.get(4L), () -> Long.toBinaryString(pairs.get(4L)));
        // not implemented: V, Zbkc, the scalar crypto, Zvfh, Zacas, Zawrs, Zcb
        for (int missing : new int[] {2, 9, 11, 12, 13, 14, 15, 16, 30, 34, 44, 48}) {
            assertEquals(0, pairs.get(4L) & bit(missing), "bit " + missing);
        }
    }

    @Test
    void otherKeysDescribeABaseImaHartWithSixtyFourByteBlocks() {
        Map<Long, Long> pairs = RiscvIsa.hwprobe();
        assertEquals(1L, pairs.get(3L), "BASE_BEHAVIOR_IMA");
        assertEquals(64L, pairs.get(6L), "ZICBOZ_BLOCK_SIZE");
        assertEquals(64L, pairs.get(12L), "ZICBOM_BLOCK_SIZE");
        assertEquals(64L, pairs.get(15L), "ZICBOP_BLOCK_SIZE");
        assertEquals(4L, pairs.get(10L), "MISALIGNED_VECTOR_UNSUPPORTED without V");
        assertEquals(1_000_000_000L, pairs.get(8L), "rdtime counts nanoseconds");
        assertFalse(pairs.containsKey(7L), "the highest address is the runtime's to report");
        assertFalse(pairs.containsKey(16L), "keys past 15 are unknown");
    }
}
