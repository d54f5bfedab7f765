package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.testing.GuestProcessHarness;
import dev.tcg4j.runtime.testing.TestArch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProcessAndSignalSyscallsTest {
    static final int EXIT_GROUP = 94;
    static final int KILL = 129;
    static final int TGKILL = 131;
    static final int RT_SIGACTION = 134;
    static final int RT_SIGPROCMASK = 135;
    static final int RT_SIGPENDING = 136;
    static final int RT_SIGRETURN = 139;
    static final int UNAME = 160;
    static final int GETPID = 172;
    static final int CLOCK_GETTIME = 113;
    static final int FUTEX = 98;
    static final int SIGABRT = 6;
    static final int SIGUSR1 = 10;
    static final int SIGSEGV = 11;
    static final long HANDLER = 0x10800;

    private final GuestProcessHarness h = new GuestProcessHarness("/prog");

    private long sigaction(int sig, long handler, long flags, long mask) {
        long act = h.alloc(24);
        h.memory.st64(act, handler);
        h.memory.st64(act + 8, flags);
        h.memory.st64(act + 16, mask);
        return h.syscall(RT_SIGACTION, sig, act, 0, 8);
    }

    @Test
    void exitGroupEndsTheProcessWithTheLowByteOfItsStatus() {
        GuestExit e = assertThrows(GuestExit.class, () -> h.syscall(EXIT_GROUP, 0x1ff));
        assertEquals(0xff, e.status());
    }

    @Test
    void robustListIsDeclinedAsQemuDoesButRecordedAndReadBack() {
        long head = h.alloc(24);
        assertEquals(-Errno.ENOSYS, h.syscall(99, head, 24));
        assertEquals(-Errno.EINVAL, h.syscall(99, h.alloc(24), 8));
        long headOut = h.alloc(8);
        long lenOut = h.alloc(8);
        assertEquals(0, h.syscall(100, 0, headOut, lenOut));
        assertEquals(head, h.memory.ld64(headOut));
        assertEquals(24, h.memory.ld64(lenOut));
        assertEquals(-Errno.ESRCH, h.syscall(100, 0x7ffffff0, headOut, lenOut));
    }

    @Test
    void unameReportsARiscv64LinuxMachine() {
        long buf = h.alloc(390);
        assertEquals(0, h.syscall(UNAME, buf));
        assertEquals("Linux", h.memory.readCString(buf, 65));
        assertEquals("riscv64", h.memory.readCString(buf + 4 * 65, 65));
    }

    @Test
    void clockGettimeIsTheHostsRealtime() {
        long ts = h.alloc(16);
        long before = System.currentTimeMillis() / 1000;
        assertEquals(0, h.syscall(CLOCK_GETTIME, 0, ts));
        long sec = h.memory.ld64(ts);
        assertTrue(sec >= before && sec <= before + 5, "seconds " + sec);
        assertTrue(h.memory.ld64(ts + 8) < 1_000_000_000L);
    }

    @Test
    void futexWaitOnAChangedWordReturnsEagainAndWakeFindsNoWaiter() {
        long word = h.alloc(8);
        h.memory.st32(word, 5);
        assertEquals(-Errno.EAGAIN, h.syscall(FUTEX, word, 128, 4, 0));
        assertEquals(0, h.syscall(FUTEX, word, 128 | 1, 1));
    }

    @Test
    void unknownSystemCallsFailWithEnosysAndAreReportedOnce() {
        Logger unimp = (Logger) LoggerFactory.getLogger("tcg4j.unimp");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        unimp.addAppender(seen);
        Level old = unimp.getLevel();
        unimp.setLevel(Level.DEBUG);
        try {
            assertEquals(-Errno.ENOSYS, h.syscall(400));
            assertEquals(-Errno.ENOSYS, h.syscall(400));
            assertEquals(-Errno.ENOSYS, h.syscall(401));
            assertEquals(2, seen.list.size());
            assertEquals("Unsupported syscall: 400", seen.list.getFirst().getFormattedMessage());
        } finally {
            unimp.detachAppender(seen);
            unimp.setLevel(old);
        }
    }

    @Test
    void killWithTheDefaultActionOfSigabrtEndsTheProcessWith134() {
        long pid = h.syscall(GETPID);
        GuestExit e = assertThrows(GuestExit.class, () -> h.syscall(KILL, pid, SIGABRT));
        assertEquals(128 + SIGABRT, e.status());
        assertTrue(h.stderrText().contains("uncaught target signal 6 (Aborted) - core dumped"), h.stderrText());
    }

    @Test
    void rtSigactionReturnsThePreviousAction() {
        assertEquals(0, sigaction(SIGUSR1, HANDLER, 4, 0x200));
        long old = h.alloc(24);
        assertEquals(0, h.syscall(RT_SIGACTION, SIGUSR1, 0, old, 8));
        assertEquals(HANDLER, h.memory.ld64(old));
        assertEquals(4, h.memory.ld64(old + 8));
        assertEquals(0x200, h.memory.ld64(old + 16));
        assertEquals(-Errno.EINVAL, sigaction(9, HANDLER, 0, 0), "SIGKILL cannot be caught");
    }

    @Test
    void aHandledSignalEntersTheHandlerAndSigreturnRestoresTheContext() {
        assertEquals(0, sigaction(SIGUSR1, HANDLER, 4 /* SA_SIGINFO */, 0));
        long pid = h.syscall(GETPID);
        long sp = h.cpu.regs[TestArch.SP];
        h.cpu.regs[5] = 0x5555; // t0, must survive the handler
        h.syscall(TGKILL, pid, pid, SIGUSR1);
        long[] r = h.cpu.regs;
        assertEquals(HANDLER, r[TestArch.PC]);
        assertEquals(SIGUSR1, r[TestArch.A0]);
        long info = r[TestArch.A0 + 1];
        assertEquals(SIGUSR1, h.memory.ld32s(info), "si_signo");
        assertEquals(-6, h.memory.ld32s(info + 8), "si_code SI_TKILL");
        assertEquals(pid, h.memory.ld32s(info + 16), "si_pid");
        assertTrue(r[TestArch.SP] < sp && r[TestArch.SP] % 16 == 0);
        long uc = r[TestArch.A0 + 2];
        assertEquals(GuestProcessHarness.SYSCALL_PC + 4, h.memory.ld64(uc + 176), "saved pc: after the ecall");
        assertTrue(h.memory.isMapped(r[TestArch.RA]), "returns through the sigreturn trampoline");
        assertEquals(0x08b00893L, h.memory.ld32u(r[TestArch.RA]), "li a7, 139");
        assertEquals(0x73L, h.memory.ld32u(r[TestArch.RA] + 4), "ecall");

        long blocked = h.alloc(8);
        h.syscall(RT_SIGPROCMASK, 0, 0, blocked, 8);
        assertEquals(1L << (SIGUSR1 - 1), h.memory.ld64(blocked), "the signal is blocked in its handler");

        h.cpu.regs[5] = 0;
        h.cpu.regs[TestArch.A7] = RT_SIGRETURN;
        h.cpu.regs[TestArch.PC] = r[TestArch.RA] + 4;
        h.process.syscall(h.cpu);
        assertEquals(GuestProcessHarness.SYSCALL_PC + 4, r[TestArch.PC]);
        assertEquals(0, r[TestArch.A0], "tgkill's result");
        assertEquals(0x5555, r[5]);
        assertEquals(sp, r[TestArch.SP]);
        h.syscall(RT_SIGPROCMASK, 0, 0, blocked, 8);
        assertEquals(0, h.memory.ld64(blocked), "the mask is restored");
    }

    @Test
    void aBlockedSignalStaysPendingUntilUnblocked() {
        assertEquals(0, sigaction(SIGUSR1, HANDLER, 0, 0));
        long set = h.alloc(8);
        h.memory.st64(set, 1L << (SIGUSR1 - 1));
        assertEquals(0, h.syscall(RT_SIGPROCMASK, 0, set, 0, 8));
        long pid = h.syscall(GETPID);
        h.syscall(KILL, pid, SIGUSR1);
        assertEquals(GuestProcessHarness.SYSCALL_PC + 4, h.cpu.regs[TestArch.PC], "not delivered while blocked");
        long pending = h.alloc(8);
        h.syscall(RT_SIGPENDING, pending, 8);
        assertEquals(1L << (SIGUSR1 - 1), h.memory.ld64(pending));
        h.syscall(RT_SIGPROCMASK, 1, set, 0, 8);
        assertEquals(HANDLER, h.cpu.regs[TestArch.PC], "delivered when unblocked");
        long info = h.cpu.regs[TestArch.A0 + 1];
        assertEquals(0, h.memory.ld32s(info + 8), "si_code SI_USER from kill");
    }

    @Test
    void aFaultWithoutHandlerKillsWithSigsegv() {
        GuestExit e = assertThrows(GuestExit.class,
                () -> h.process.trap(h.cpu, new GuestTrap(GuestTrap.Kind.UNMAPPED, 0), 0x10004));
        assertEquals(139, e.status());
        assertEquals("tcg4j-riscv64: uncaught target signal 11 (Segmentation fault) - core dumped\n",
                h.stderrText().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aFaultWithAHandlerDeliversTheFaultingAddress() {
        assertEquals(0, sigaction(SIGSEGV, HANDLER, 4, 0));
        h.process.trap(h.cpu, new GuestTrap(GuestTrap.Kind.PROTECTION, 0x1234), 0x10008);
        assertEquals(HANDLER, h.cpu.regs[TestArch.PC]);
        long info = h.cpu.regs[TestArch.A0 + 1];
        assertEquals(SIGSEGV, h.memory.ld32s(info));
        assertEquals(2, h.memory.ld32s(info + 8), "SEGV_ACCERR");
        assertEquals(0x1234, h.memory.ld64(info + 16), "si_addr");
        long uc = h.cpu.regs[TestArch.A0 + 2];
        assertEquals(0x10008, h.memory.ld64(uc + 176), "the saved pc is the faulting instruction");
    }

    @Test
    void ignoredSignalsAreDropped() {
        assertEquals(0, sigaction(SIGUSR1, 1 /* SIG_IGN */, 0, 0));
        long pid = h.syscall(GETPID);
        assertEquals(0, h.syscall(KILL, pid, SIGUSR1));
        assertEquals(GuestProcessHarness.SYSCALL_PC + 4, h.cpu.regs[TestArch.PC]);
        assertEquals(-Errno.ESRCH, h.syscall(KILL, pid + 100000, SIGUSR1), "other processes are not visible");
        assertTrue(new String(h.stderr.toByteArray(), StandardCharsets.UTF_8).isEmpty());
    }
}
