package dev.tcg4j.runtime.linux.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostIgnoredSignalsTest {
    @Test
    void theStatusFilesSigIgnLineIsAMaskOfBitNMinusOneForSignalN() {
        String status = "Name:\tjava\nSigPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n"
                + "SigIgn:\t0000000000000006\nSigCgt:\t2000000101005ccf\n";
        assertEquals((1L << 1) | (1L << 2), HostIgnoredSignals.parseStatus(status), "SIGINT (2) and SIGQUIT (3)");
    }

    @Test
    void theLaunchersMaskIsHexAndAnythingElseCountsAsNothing() {
        assertEquals(0x4000L, HostIgnoredSignals.fromLauncher("0000000000004000"));
        assertEquals(0, HostIgnoredSignals.fromLauncher(""));
        assertEquals(0, HostIgnoredSignals.fromLauncher(null));
        assertEquals(0, HostIgnoredSignals.fromLauncher("not hex"));
    }
}
