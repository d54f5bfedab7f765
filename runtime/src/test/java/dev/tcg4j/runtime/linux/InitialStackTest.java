package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.SymbolLookup;
import dev.tcg4j.memory.FlatGuestMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parses the stack back as a C runtime's _start does (System V ABI / Linux create_elf_tables). */
class InitialStackTest {
    private final AddressSpace space = new AddressSpace(new FlatGuestMemory(37));
    private final LoadedProgram program = new LoadedProgram(0x10abc, 0x10040, 56, 9, 0, 0x10000, 0x80000, SymbolLookup.NONE);
    private final byte[] random = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private final List<String> argv = List.of("./prog", "first", "with space", "");
    private final List<String> envp = List.of("HOME=/root", "GREETING=héllo", "EMPTY=");

    private InitialStack.Layout build() {
        space.mapStack();
        return InitialStack.build(space.memory(), space.stackTop(), argv, envp, "./prog", program, 0x112d,
                new InitialStack.Ids(1000, 1001, 1002, 1003), random);
    }

    @Test
    void putsArgcArgvAndEnvpAtTheAlignedStackPointer() {
        InitialStack.Layout l = build();
        GuestMemory m = space.memory();
        assertEquals(0, l.sp() % 16, "sp must be 16-byte aligned");
        assertEquals(argv.size(), m.ld64(l.sp()));
        List<String> args = new ArrayList<>();
        long p = l.sp() + 8;
        for (long a; (a = m.ld64(p)) != 0; p += 8) {
            args.add(m.readCString(a, 4096));
        }
        assertEquals(argv, args);
        p += 8;
        List<String> env = new ArrayList<>();
        for (long e; (e = m.ld64(p)) != 0; p += 8) {
            env.add(m.readCString(e, 4096));
        }
        assertEquals(envp, env);
        assertEquals(l.auxv(), p + 8);
    }

    private Map<Long, Long> auxv(InitialStack.Layout l) {
        Map<Long, Long> aux = new LinkedHashMap<>();
        GuestMemory m = space.memory();
        for (long p = l.auxv(); ; p += 16) {
            long key = m.ld64(p);
            aux.put(key, m.ld64(p + 8));
            if (key == 0) {
                return aux;
            }
        }
    }

    @Test
    void auxiliaryVectorHoldsWhatTheCRuntimeReads() {
        InitialStack.Layout l = build();
        Map<Long, Long> aux = auxv(l);
        assertEquals(0x10040L, aux.get(3L), "AT_PHDR");
        assertEquals(56L, aux.get(4L), "AT_PHENT");
        assertEquals(9L, aux.get(5L), "AT_PHNUM");
        assertEquals(4096L, aux.get(6L), "AT_PAGESZ");
        assertEquals(0L, aux.get(7L), "AT_BASE");
        assertEquals(0L, aux.get(8L), "AT_FLAGS");
        assertEquals(0x10abcL, aux.get(9L), "AT_ENTRY");
        assertEquals(1000L, aux.get(11L), "AT_UID");
        assertEquals(1001L, aux.get(12L), "AT_EUID");
        assertEquals(1002L, aux.get(13L), "AT_GID");
        assertEquals(1003L, aux.get(14L), "AT_EGID");
        assertEquals(0x112dL, aux.get(16L), "AT_HWCAP");
        assertEquals(100L, aux.get(17L), "AT_CLKTCK");
        assertEquals(0L, aux.get(23L), "AT_SECURE");
        assertEquals(0L, aux.get(0L), "AT_NULL ends it");
        assertArrayEquals(random, space.memory().read(aux.get(25L), 16), "AT_RANDOM");
        assertEquals("./prog", space.memory().readCString(aux.get(31L), 4096), "AT_EXECFN");
    }

    @Test
    void stringsSitAboveThePointersInArgvEnvpExecfnOrder() {
        InitialStack.Layout l = build();
        GuestMemory m = space.memory();
        long argv0 = m.ld64(l.argv());
        long env0 = m.ld64(l.envp());
        assertTrue(argv0 > l.auxv(), "strings lie above the vectors");
        assertTrue(env0 > argv0, "environment strings follow the argument strings");
        assertTrue(l.execfn() > env0, "AT_EXECFN is the highest string");
        assertEquals(0, m.ld64(space.stackTop() - 8), "the top word is zero");
        assertEquals("GREETING=héllo", m.readCString(m.ld64(l.envp() + 8), 4096));
    }
}
