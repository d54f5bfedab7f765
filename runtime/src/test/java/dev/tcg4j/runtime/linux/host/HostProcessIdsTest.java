package dev.tcg4j.runtime.linux.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostProcessIdsTest {
    @Test
    void procfsGivesWhatLibcGives() {
        Libc libc = new Libc();
        HostProcessIds ids = HostProcessIds.current(libc);
        assertEquals(libc.getppid(), ids.ppid());
        assertEquals((int) libc.processGroup(0, false), ids.pgid());
        assertEquals((int) libc.processGroup(0, true), ids.sid());
    }

    @Test
    void commWithSpacesAndParenthesesIsSkipped() {
        HostProcessIds ids = HostProcessIds.parseStat("4242 (a) b (c) S 17 4200 4100 34816 4242 4194560 0");
        assertEquals(new HostProcessIds(17, 4200, 4100), ids);
    }
}
