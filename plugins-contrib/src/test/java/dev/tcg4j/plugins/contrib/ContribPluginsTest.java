package dev.tcg4j.plugins.contrib;

import static dev.tcg4j.plugins.contrib.FakeEmulator.install;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugins.contrib.FakeEmulator.Access;
import dev.tcg4j.plugins.contrib.FakeEmulator.Block;
import dev.tcg4j.plugins.contrib.FakeEmulator.Insn;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Arguments and output of insn, mem and bb, checked against the lines QEMU's versions print. */
class ContribPluginsTest {
    private static final Insn LD = new Insn(0x1000, "ld a0,0(a1)", new Access(0x8000, 3, false, 7));
    private static final Insn ADDI = new Insn(0x1004, "addi a0,a0,1");
    private static final Insn SD = new Insn(0x1008, "sd a0,0(a1)", new Access(0x8000, 3, true, 8));
    private static final Insn ADD = new Insn(0x100c, "add a2,a0,a1");

    @Test
    void registersTheContribPluginsForServiceLoader() {
        List<String> names = ServiceLoader.load(Plugin.class).stream().map(p -> p.get().name()).sorted().toList();
        assertEquals(List.of("bb", "bbv", "cache", "callgrind", "cflow", "drcov", "execlog", "hotblocks", "hotpages",
                "howvec", "insn", "mem", "stoptrigger", "syscall", "timeline", "traps", "uftrace"), names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inline=on", "inline=off"})
    void insnCountsPerVcpuAndInTotal(String inline) {
        FakeEmulator e = install(new InsnPlugin(), inline);
        Block b = e.translate(LD, ADDI, SD);
        b.execute(0);
        b.execute(1);
        b.execute(1);
        assertEquals("cpu 0 insns: 3\ncpu 1 insns: 6\ntotal insns: 9\n", e.exit());
    }

    @Test
    void insnReportsMatchedInstructionsWithTheirHits() {
        FakeEmulator e = install(new InsnPlugin(), "match=add", "match=sd");
        Block b = e.translate(LD, ADDI, SD, ADD);
        b.execute(0);
        b.execute(0);
        assertEquals("""
                Created record for: 1004 addi a0,a0,1
                Created record for: 1008 sd a0,0(a1)
                Created record for: 100c add a2,a0,a1
                cpu 0 insns: 8
                total insns: 8
                Match: add, hits 4
                  1004: addi a0,a0,1 (hits 2)
                  100c: add a2,a0,a1 (hits 2)
                Match: sd, hits 2
                  1008: sd a0,0(a1) (hits 2)
                """, e.exit());
    }

    @Test
    void insnTraceGivesTheDistanceSinceTheLastMatch() {
        FakeEmulator e = install(new InsnPlugin(), "match=sd", "trace=on");
        Block b = e.translate(LD, ADDI, SD, ADD);
        b.execute(0);
        b.execute(0);
        String out = e.exit();
        // first hit: 3 instructions counted so far; second: 4 more
        assertEquals(List.of(
                "0x1008, 'sd a0,0(a1)', 1 hits , cpu 0, 1 match hits, Δ+3 since last match, 3 avg insns/match",
                "0x1008, 'sd a0,0(a1)', 2 hits , cpu 0, 2 match hits, Δ+4 since last match, 3 avg insns/match"),
                out.lines().filter(l -> l.startsWith("0x")).toList());
    }

    @Test
    void insnSizesCountsTranslatedInstructionsByLength() {
        FakeEmulator e = install(new InsnPlugin(), "sizes=on");
        e.translate(LD, new Insn(0x1004, 2, "c.addi a0,1", List.of()), SD);
        assertEquals("len 2 bytes: 1 insns\nlen 4 bytes: 2 insns\n", e.exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inline", "callback"})
    void memCountsTrackedAccesses(String how) {
        for (String[] track : new String[][] {{"rw", "2"}, {"r", "1"}, {"w", "1"}}) {
            FakeEmulator e = install(new MemPlugin(), how + "=on", "track=" + track[0]);
            Block b = e.translate(LD, ADDI, SD);
            b.execute(0);
            assertEquals(how + " mem accesses: " + track[1] + "\n", e.exit(), "track=" + track[0]);
        }
    }

    @Test
    void memPrintsEachAccessAsCsv() {
        FakeEmulator e = install(new MemPlugin(), "print-accesses=on");
        e.translate(LD, SD).execute(0);
        assertEquals("""
                insn_vaddr,insn_symbol,mem_vaddr,mem_hwaddr,access_size,access_type,mem_value
                0x1000,main,0x8000,0x0,64,load,0x0000000000000007
                0x1008,main,0x8000,0x0,64,store,0x0000000000000008
                """, e.exit());
    }

    @Test
    void memRegionSummaryWarnsOnAValueItNeverSawWritten() {
        FakeEmulator e = install(new MemPlugin(), "region-summary=on");
        Insn far = new Insn(0x1010, "sw a0,0(a2)", new Access(0x20000, 2, true, 1));
        // loads 7 where nothing was written (un-instrumented), then stores 8 and reads it back
        e.translate(LD, SD, LD, far).execute(0);
        assertEquals("""
                Warning: 0x0000000000008000:0 read an un-instrumented value
                Region Base, Reads, Writes, Seen all
                0x0000000000008000, 2, 1, false
                0x0000000000020000, 0, 1, true
                """, e.exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inline=on", "inline=off"})
    void bbCountsBlocksAndTheirInstructionsOverAllVcpus(String inline) {
        FakeEmulator e = install(new BbPlugin(), inline);
        Block b1 = e.translate(LD, ADDI, SD);
        Block b2 = e.translate(ADD);
        b1.execute(0);
        b2.execute(0);
        b2.execute(2);
        assertEquals("bb's: 3, insns: 5\n", e.exit());
    }

    @Test
    void rejectsUnknownArgumentsNamingThem() {
        assertEquals("option parsing failed: colour=red",
                assertThrows(PluginArgumentException.class, () -> install(new InsnPlugin(), "colour=red")).getMessage());
        assertEquals("option parsing failed: sizes=on",
                assertThrows(PluginArgumentException.class, () -> install(new BbPlugin(), "sizes=on")).getMessage());
        assertEquals("option parsing failed: match=ld",
                assertThrows(PluginArgumentException.class, () -> install(new MemPlugin(), "match=ld")).getMessage());
    }

    @Test
    void rejectsMalformedBooleansAndTrackValues() {
        String msg = assertThrows(PluginArgumentException.class, () -> install(new BbPlugin(), "inline=maybe")).getMessage();
        assertEquals(true, msg.startsWith("boolean argument parsing failed: inline=maybe"), msg);
        assertEquals("invalid value for argument track: track=x",
                assertThrows(PluginArgumentException.class, () -> install(new MemPlugin(), "track=x")).getMessage());
    }

    @Test
    void memCountsInlineAndByCallbackAtOnceOnSeparateLines() {
        FakeEmulator e = install(new MemPlugin(), "inline=on", "callback=on", "track=rw");
        Block b = e.translate(LD, ADDI, SD);
        b.execute(0);
        b.execute(1);
        assertEquals("inline mem accesses: 4\ncallback mem accesses: 4\n", e.exit());
    }

    @Test
    void laterArgumentsOverrideEarlierOnes() {
        FakeEmulator e = install(new MemPlugin(), "inline=on", "inline=off", "callback=on");
        e.translate(LD).execute(0);
        assertEquals("callback mem accesses: 1\n", e.exit());
    }
}
