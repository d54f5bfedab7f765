package dev.tcg4j.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionParserTest {
    private static Options parse(String... args) throws UsageException {
        return OptionParser.parse(List.of(args));
    }

    @Test
    void optionsEndAtTheProgramAndTheRestIsTheGuests() throws Exception {
        Options o = parse("-strace", "-d", "in_asm,op", "./prog", "-d", "x");
        assertEquals("./prog", o.program());
        assertEquals(List.of("-d", "x"), o.args());
        assertEquals(Set.of("strace", "in_asm", "op"), o.logItems());
        assertTrue(o.strace());
        assertEquals(List.of("./prog", "-d", "x"), o.guestArgv());
    }

    @Test
    void acceptsDoubleDashSpellingsAndTheSinglestepAlias() throws Exception {
        Options o = parse("--one-insn-per-tb", "--D", "log.txt", "p");
        assertTrue(o.oneInsnPerTb());
        assertEquals("log.txt", o.logFile());
        assertTrue(parse("-singlestep", "p").oneInsnPerTb());
        assertEquals("-x", parse("--", "-x").program());
    }

    @Test
    void environmentIsBuiltAsQemusEnvlistHeadFirst() throws Exception {
        // observed with qemu-riscv64 7.2: env -i A=1 B=2 C=3 qemu-riscv64 -E D=4 -E A=9 -U B prints A=9 D=4 C=3
        Map<String, String> base = new LinkedHashMap<>();
        base.put("A", "1");
        base.put("B", "2");
        base.put("C", "3");
        assertEquals(List.of("C=3", "B=2", "A=1"), parse("p").guestEnvironment(base));
        Options o = parse("-E", "D=4", "-E", "A=9", "-U", "B", "p");
        assertEquals(List.of("A=9", "D=4", "C=3"), o.guestEnvironment(base));
        assertEquals(List.of("Y=x=y", "X=1"), parse("-E", "X=1,Y=x=y", "p").guestEnvironment(Map.of()));
    }

    @Test
    void pluginsRepeatAndKeepTheirOrder() throws Exception {
        Options o = parse("-plugin", "insn,inline=on", "-plugin", "bb", "-L", "/usr/riscv64", "p");
        assertEquals(List.of("insn,inline=on", "bb"), o.plugins());
        assertEquals("/usr/riscv64", o.ldPrefix());
    }

    @Test
    void helpAndVersionNeedNoProgram() throws Exception {
        assertEquals(Options.Action.HELP, parse("-h").action());
        assertEquals(Options.Action.HELP, parse("-help").action());
        assertEquals(Options.Action.VERSION, parse("-version").action());
        assertEquals(Options.Action.LIST_BACKENDS, parse("-backend", "help").action());
    }

    @Test
    void badUsageIsReported() {
        assertThrows(UsageException.class, () -> parse());
        assertThrows(UsageException.class, () -> parse("-nosuch", "p"));
        assertThrows(UsageException.class, () -> parse("-d"));
        assertThrows(UsageException.class, () -> parse("-d", "bogus", "p"));
        assertThrows(UsageException.class, () -> parse("-E", "NOEQUALS", "p"));
        assertThrows(UsageException.class, () -> parse("-dfilter", "0x10", "p"));
        assertThrows(UsageException.class, () -> parse("-s", "lots", "p"));
    }

    @Test
    void qemuLogItemsTcg4jDoesNotImplementAreAccepted() throws Exception {
        Options o = parse("-d", "cpu,guest_errors,exec", "p");
        assertEquals(Set.of("exec"), o.logItems());
        assertFalse(o.strace());
    }

    @Test
    void stackSizeTakesSuffixes() throws Exception {
        assertEquals(16L << 20, parse("-s", "16M", "p").stackSize());
        assertEquals(512L << 10, parse("-s", "512k", "p").stackSize());
    }

    @Test
    void backendIsBytecodeUnlessNamed() throws Exception {
        assertEquals("bytecode", parse("p").backend());
        assertEquals("lockstep", parse("-backend", "lockstep", "p").backend());
        assertEquals("interpreter", parse("--backend", "interpreter", "p", "-backend", "x").backend());
        UsageException e = assertThrows(UsageException.class, () -> parse("-backend"));
        assertEquals("option '-backend' needs an argument", e.getMessage());
    }
}
