package dev.tcg4j.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.testing.ScriptedGuest;
import dev.tcg4j.runtime.testing.TestArch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuLoopTest {
    static final long A = 0x10000;
    static final long B = 0x10100;
    static final long C = 0x11000;
    static final int PC = TestArch.PC;

    private final GuestMemory memory = new FlatGuestMemory(24);
    private final ScriptedGuest guest = new ScriptedGuest();
    private final TbCache cache = new TbCache();
    private final CpuState cpu = new CpuState(72, 0, memory);
    private final List<String> events = new ArrayList<>();

    /** Thrown by the test's syscall handler to leave the loop. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final GuestEvents recorder = new GuestEvents() {
        @Override
        public void syscall(CpuState c) {
            events.add("syscall@" + Long.toHexString(c.regs[PC]));
            throw new Stop();
        }

        @Override
        public void trap(CpuState c, GuestTrap t, long pc) {
            events.add("trap " + t.kind() + "@" + Long.toHexString(pc));
            throw new Stop();
        }

        @Override
        public void interrupt(CpuState c) {
            events.add("interrupt");
        }
    };

    CpuLoopTest() {
        memory.map(A, 0x2000, GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC);
        memory.setCodeWriteListener(cache);
        ScriptedGuest.writeBlock(memory, A, 2);
        ScriptedGuest.writeBlock(memory, B, 3);
        ScriptedGuest.writeBlock(memory, C, 1);
    }

    private CpuLoop loop(ExecOptions options) {
        return new CpuLoop(guest.frontend(), guest.backend(), cache, TranslatorHooks.NONE, options,
                new BlockLog(guest.frontend().disassembler(), SymbolLookup.NONE, a -> true), recorder);
    }

    /** A at slot 0 to B, B at slot 1 back to A, ten rounds, then a system call. */
    private void scriptPingPong(int rounds) {
        int[] left = {rounds};
        guest.script(A, c -> {
            c.regs[PC] = B;
            return 0;
        });
        guest.script(B, c -> {
            if (--left[0] == 0) {
                c.regs[PC] = B + 8;
                return ExitCodes.SYSCALL;
            }
            c.regs[PC] = A;
            return 1;
        });
    }

    @Test
    void chainedExitsFollowLinksWithoutLookingUp() {
        scriptPingPong(10);
        CpuLoop loop = loop(ExecOptions.defaults());
        cpu.regs[PC] = A;
        assertThrows(Stop.class, () -> loop.run(cpu));
        // looked up: the entry to A, the first A->B and the first B->A; the other 17 exits are chained
        assertEquals(3, loop.lookups());
        assertEquals(2, loop.translations());
        assertEquals(List.of("syscall@10108"), events);
    }

    @Test
    void withoutChainingEveryExitLooksUp() {
        scriptPingPong(10);
        CpuLoop loop = loop(new ExecOptions(128, false, a -> true));
        cpu.regs[PC] = A;
        assertThrows(Stop.class, () -> loop.run(cpu));
        assertEquals(20, loop.lookups());
        assertEquals(2, loop.translations());
    }

    @Test
    void aWriteToACodePageDropsItsBlocksAndTheLinksToThemAreNotFollowed() {
        int[] rounds = {0};
        guest.script(A, c -> {
            c.regs[PC] = B;
            return 0;
        });
        guest.script(B, c -> {
            rounds[0]++;
            if (rounds[0] == 2) {
                c.memory.st32(B + 4, 0x13); // self-modifying code: B's page is written
            }
            if (rounds[0] == 4) {
                c.regs[PC] = B + 8;
                return ExitCodes.SYSCALL;
            }
            c.regs[PC] = A;
            return 1;
        });
        CpuLoop loop = loop(ExecOptions.defaults());
        cpu.regs[PC] = A;
        assertThrows(Stop.class, () -> loop.run(cpu));
        // the write dropped A and B (same page): both translated again
        assertEquals(4, loop.translations());
        // executions: A0 B1 A0 B1(writes) then only the new translations A2 B3 A2 B3
        assertEquals(List.of(0, 1, 0, 1, 2, 3, 2, 3), guest.executed);
    }

    @Test
    void invalidatingAPageDropsOnlyTheBlocksOnIt() {
        guest.script(A, c -> ExitCodes.LOOKUP);
        guest.script(C, c -> ExitCodes.LOOKUP);
        CpuLoop loop = loop(ExecOptions.defaults());
        CachedBlock a = loop.translate(memory, A);
        CachedBlock c = loop.translate(memory, C);
        cache.onCodeWrite(C);
        assertEquals(false, c.isValid());
        assertEquals(true, a.isValid());
        assertSame(a, cache.get(A));
        assertEquals(null, cache.get(C));
    }

    @Test
    void aBlockTooLargeForTheBackendIsRetranslatedWithHalfTheInstructions() {
        ScriptedGuest.writeBlock(memory, B, 40);
        guest.maxInsnsPerBlock = 12;
        guest.script(B, c -> ExitCodes.LOOKUP);
        CpuLoop loop = loop(ExecOptions.defaults());
        CachedBlock b = loop.translate(memory, B);
        // 40 refused, then 20 refused, then 10 accepted
        assertEquals(10 * 4, b.guestSize());
        assertEquals(1, guest.compiled.size());
    }

    @Test
    void oneInstructionPerBlockStopsAfterTheFirst() {
        guest.script(B, c -> ExitCodes.LOOKUP);
        CachedBlock b = loop(new ExecOptions(1, true, a -> true)).translate(memory, B);
        assertEquals(4, b.guestSize());
    }

    @Test
    void aFaultFetchingTheFirstInstructionIsATrapAtThatPc() {
        CpuLoop loop = loop(ExecOptions.defaults());
        cpu.regs[PC] = 0x400000;
        assertThrows(Stop.class, () -> loop.run(cpu));
        assertEquals(List.of("trap UNMAPPED@400000"), events);
    }

    @Test
    void aTrapExitHandsTheRecordedTrapAndPcOver() {
        guest.script(A, c -> {
            c.trap = new GuestTrap(GuestTrap.Kind.ILLEGAL_INSTRUCTION, A + 4);
            c.trapPc = A + 4;
            return ExitCodes.TRAP;
        });
        cpu.regs[PC] = A;
        assertThrows(Stop.class, () -> loop(ExecOptions.defaults()).run(cpu));
        assertEquals(List.of("trap ILLEGAL_INSTRUCTION@10004"), events);
        assertEquals(null, cpu.trap, "the trap is consumed");
    }

    @Test
    void anExitRequestStopsAtTheNextBlockBoundary() {
        guest.script(A, c -> {
            c.exitRequested = true;
            c.regs[PC] = B;
            return 0;
        });
        guest.script(B, c -> {
            c.regs[PC] = B + 8;
            return ExitCodes.SYSCALL;
        });
        cpu.regs[PC] = A;
        assertThrows(Stop.class, () -> loop(ExecOptions.defaults()).run(cpu));
        assertEquals(List.of("interrupt", "syscall@10108"), events);
    }
}
