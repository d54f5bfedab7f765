package dev.tcg4j.runtime.linux.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * riscv_hwprobe as Linux's sys_hwprobe.c answers it: known keys get their values, unknown keys
 * come back as key -1 value 0, a cpu set must name an online cpu, unknown flags are EINVAL, and
 * WHICH_CPUS keeps the set only when every pair matches.
 */
class HwprobeSyscallTest {
    private static final long PAIRS = 0x10000;
    private static final long CPUS = 0x11000;

    private final GuestMemory memory = new FlatGuestMemory(20);
    private final HwprobeSyscall call = new HwprobeSyscall(memory, Map.of(3L, 1L, 4L, 0b1011L), 1);

    HwprobeSyscallTest() {
        memory.map(PAIRS, 2 * GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
    }

    private void pair(int i, long key, long value) {
        memory.st64(PAIRS + 16L * i, key);
        memory.st64(PAIRS + 16L * i + 8, value);
    }

    @Test
    void knownKeysGetTheirValuesAndUnknownKeysBecomeMinusOne() {
        pair(0, 4, 77);
        pair(1, 99, 77);
        pair(2, 7, 0);
        assertEquals(0, call.hwprobe(PAIRS, 3, 0, 0, 0));
        assertEquals(4, memory.ld64(PAIRS));
        assertEquals(0b1011, memory.ld64(PAIRS + 8));
        assertEquals(-1, memory.ld64(PAIRS + 16));
        assertEquals(0, memory.ld64(PAIRS + 24));
        assertEquals((1L << 20) - 1, memory.ld64(PAIRS + 40), "HIGHEST_VIRT_ADDRESS: the top of guest memory");
    }

    @Test
    void aCpuSetMustNameAnOnlineCpuAndUnknownFlagsAreInvalid() {
        pair(0, 3, 0);
        memory.st64(CPUS, 0b10);
        assertEquals(-Errno.EINVAL, call.hwprobe(PAIRS, 1, 8, CPUS, 0));
        memory.st64(CPUS, 0b1);
        assertEquals(0, call.hwprobe(PAIRS, 1, 8, CPUS, 0));
        assertEquals(1, memory.ld64(PAIRS + 8));
        assertEquals(-Errno.EINVAL, call.hwprobe(PAIRS, 1, 0, 0, 2));
    }

    @Test
    void whichCpusKeepsTheSetOnlyWhenEveryPairMatches() {
        memory.st64(CPUS, 1);
        pair(0, 4, 0b0011);
        assertEquals(0, call.hwprobe(PAIRS, 1, 8, CPUS, 1));
        assertEquals(1, memory.ld64(CPUS), "a subset of IMA_EXT_0 matches");
        pair(0, 4, 0b0100);
        assertEquals(0, call.hwprobe(PAIRS, 1, 8, CPUS, 1));
        assertEquals(0, memory.ld64(CPUS), "a bit the hart lacks empties the set");
    }
}
