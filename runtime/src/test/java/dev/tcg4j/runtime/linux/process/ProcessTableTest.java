package dev.tcg4j.runtime.linux.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.runtime.linux.Errno;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private final ProcessTable table = new ProcessTable();

    @Test
    void anExitedChildIsAZombieUntilWaitReapsItWithItsStatus() throws Exception {
        table.addInit(100, 1, 100, 100);
        table.addChild(101, 100, 17);
        assertNull(table.await(100, -1, true, false), "still running: WNOHANG finds nothing");
        table.exited(101, GuestProcess.exited(7), 0);
        ProcessTable.Reaped seen = table.await(100, 101, false, true);
        assertEquals(7 << 8, seen.status(), "WNOWAIT reports it");
        ProcessTable.Reaped reaped = table.await(100, -1, false, false);
        assertEquals(101, reaped.pid());
        ProcessTable.WaitFailed none = assertThrows(ProcessTable.WaitFailed.class, () -> table.await(100, -1, true, false));
        assertEquals(-Errno.ECHILD, none.result());
    }

    @Test
    void aDeathBySignalIsTheSignalNumberInTheStatus() throws Exception {
        table.addInit(100, 1, 100, 100);
        table.addChild(102, 100, 17);
        table.exited(102, GuestProcess.killed(11), 0);
        assertEquals(11, table.await(100, 102, false, false).status());
    }

    @Test
    void orphansGoToTheFirstProcessAndItCanReapThem() throws Exception {
        table.addInit(100, 1, 100, 100);
        table.addChild(101, 100, 17);
        table.addChild(102, 101, 17);
        table.exited(101, GuestProcess.exited(0), 0);
        assertEquals(100, table.ppid(102));
        table.exited(102, GuestProcess.exited(3), 0);
        assertEquals(3 << 8, table.await(100, 102, false, false).status());
    }

    @Test
    void groupsSelectWhomWaitAndKillReach() throws Exception {
        table.addInit(100, 1, 100, 100);
        table.addChild(101, 100, 17);
        table.addChild(102, 100, 17);
        assertEquals(0, table.setpgid(100, 101, 0));
        assertEquals(0, table.setpgid(100, 102, 101));
        assertEquals(101, table.pgid(102));
        assertEquals(-Errno.EPERM, table.setpgid(100, 102, 555), "no such group in the session");
        table.exited(102, GuestProcess.exited(1), 0);
        assertEquals(102, table.await(100, -101, false, false).pid());
        assertEquals(-Errno.EPERM, table.setsid(101), "a group leader cannot make a session");
    }
}
