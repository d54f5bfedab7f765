package dev.tcg4j.runtime.linux.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The signal left to HotSpot follows its reading of _JAVA_SR_SIGNUM (os_posix.cpp's SR_initialize). */
class HostSignalsTest {
    @Test
    void hotspotKeepsSigusr2WithoutAValidChoice() {
        assertEquals(SignalNames.SIGUSR2, HostSignals.jvmSuspendSignal(null));
        assertEquals(SignalNames.SIGUSR2, HostSignals.jvmSuspendSignal("not a number"));
        // SIGPIPE and below, and NSIG and above, are refused
        assertEquals(SignalNames.SIGUSR2, HostSignals.jvmSuspendSignal("13"));
        assertEquals(SignalNames.SIGUSR2, HostSignals.jvmSuspendSignal("65"));
    }

    @Test
    void aValidChoiceMovesIt() {
        assertEquals(63, HostSignals.jvmSuspendSignal("63"));
        assertEquals(14, HostSignals.jvmSuspendSignal(" 14 "));
    }
}
