package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.it.harness.QemuContribPlugins;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contrib plugins cache and drcov against QEMU 7.2's own libcache.so and libdrcov.so, on the
 * same guest with the same arguments. cache: the statistics table is equal byte for byte; each
 * top-instruction table lists the same miss counts in the same order, and the same instructions
 * (address, symbol, count) wherever a count is not tied at the table's cut-off (QEMU orders ties by
 * glib's hash-table layout; the disassembly column is each emulator's own disassembler). drcov: the
 * same header and module, and the same set of block entries.
 */
class CacheDrcovVsQemuTest {
    private static final Pattern TOP_LINE = Pattern.compile("^0x([0-9a-f]+)(?: \\((.*)\\))?, (\\d+), .*$");

    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    private static String qemuLog(Invocation inv, Path log) throws IOException {
        RunResult run = runner.runQemu(inv.withOptions("-d", "plugin", "-D", log.toString()));
        assertEquals(0, run.exitStatus(), run::describe);
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private static String tcg4jLog(Invocation inv, Path log) throws IOException {
        RunResult run = runner.runTcg4j(inv.withOptions("-D", log.toString()).withTimeout(Duration.ofMinutes(10)));
        assertFalse(run.timedOut(), run::describe);
        assertEquals(0, run.exitStatus(), run::describe);
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** guest|arguments: small caches so that eviction decides the counts, and cache.c's defaults. */
    @ParameterizedTest
    @ValueSource(strings = {
        "call_tree|dcachesize=1024,dassoc=2,icachesize=1024,iassoc=4,evict=lru",
        "call_tree|dcachesize=1024,dassoc=4,icachesize=512,iassoc=2,dblksize=32,evict=fifo",
        "strings|dcachesize=2048,dassoc=4,icachesize=2048,iassoc=4,l2cachesize=8192,l2assoc=4,l2blksize=128,evict=lru",
        "strings|dcachesize=2048,dassoc=2,icachesize=1024,iassoc=2,l2=on,l2cachesize=4096,l2assoc=2,evict=fifo,limit=20",
        "strings|"})
    void cacheStatisticsAndTopInstructionsEqualQemus(String guestAndArgs, @TempDir Path dir) throws IOException {
        String guest = guestAndArgs.substring(0, guestAndArgs.indexOf('|'));
        String args = guestAndArgs.substring(guestAndArgs.indexOf('|') + 1);
        Invocation inv = Invocation.of(runner.guest(guest));
        String suffix = args.isEmpty() ? "" : "," + args;
        String qemu = qemuLog(inv.withOptions("-plugin", QemuContribPlugins.plugin("cache") + suffix), dir.resolve("q"));
        // the qemu spelling of the plugin's name works unchanged
        String ours = tcg4jLog(inv.withOptions("-plugin", "libcache.so" + suffix), dir.resolve("t"));
        List<String> qemuSections = Arrays.asList(qemu.split("\n\n"));
        List<String> ourSections = Arrays.asList(ours.split("\n\n"));
        assertEquals(qemuSections.size(), ourSections.size(), ours);
        assertEquals(qemuSections.get(0), ourSections.get(0), "statistics table");
        assertTrue(ourSections.get(0).lines().count() == 2, ours);
        for (int i = 1; i < qemuSections.size(); i++) {
            compareTopTable(qemuSections.get(i), ourSections.get(i));
        }
    }

    private record TopLine(String address, String symbol, long count) {}

    private static List<TopLine> topLines(String table) {
        List<TopLine> lines = new ArrayList<>();
        table.lines().skip(1).forEach(l -> {
            Matcher m = TOP_LINE.matcher(l);
            assertTrue(m.matches(), l);
            lines.add(new TopLine(m.group(1), m.group(2), Long.parseLong(m.group(3))));
        });
        return lines;
    }

    private static void compareTopTable(String qemu, String ours) {
        assertEquals(qemu.lines().findFirst(), ours.lines().findFirst(), "table title");
        List<TopLine> q = topLines(qemu);
        List<TopLine> t = topLines(ours);
        assertEquals(q.stream().map(TopLine::count).toList(), t.stream().map(TopLine::count).toList(),
                "miss counts of " + qemu.lines().findFirst().orElseThrow() + "\nqemu:\n" + qemu + "\ntcg4j:\n" + ours);
        long cutOff = q.isEmpty() ? 0 : q.get(q.size() - 1).count();
        assertEquals(Set.copyOf(q.stream().filter(l -> l.count() > cutOff).toList()),
                Set.copyOf(t.stream().filter(l -> l.count() > cutOff).toList()), "qemu:\n" + qemu + "\ntcg4j:\n" + ours);
    }

    /** A drcov file: its text lines up to and with the BB table line, and the block entries. */
    private record Drcov(List<String> header, Set<String> blocks, int count) {}

    private static Drcov readDrcov(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<String> header = new ArrayList<>();
        int at = 0;
        while (header.isEmpty() || !header.get(header.size() - 1).startsWith("BB Table: ")) {
            int nl = at;
            while (data[nl] != '\n') {
                nl++;
            }
            header.add(new String(data, at, nl - at, StandardCharsets.UTF_8));
            at = nl + 1;
        }
        Matcher m = Pattern.compile("BB Table: (\\d+) bbs").matcher(header.get(header.size() - 1));
        assertTrue(m.matches(), header.toString());
        int n = Integer.parseInt(m.group(1));
        assertEquals(at + 8L * n, data.length, "the file ends after " + n + " entries of 8 bytes");
        ByteBuffer entries = ByteBuffer.wrap(data, at, 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        Set<String> blocks = new HashSet<>();
        for (int i = 0; i < n; i++) {
            long start = entries.getInt() & 0xffffffffL;
            int size = entries.getShort() & 0xffff;
            int module = entries.getShort() & 0xffff;
            assertEquals(0, module, "module id");
            assertTrue(size > 0, "block size");
            blocks.add(Long.toHexString(start) + "+" + size);
        }
        return new Drcov(header, blocks, n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"call_tree", "strings"})
    void drcovWritesQemusModuleAndBlocks(String guest, @TempDir Path dir) throws IOException {
        Invocation inv = Invocation.of(runner.guest(guest));
        Path qemuFile = dir.resolve("qemu.drcov");
        Path ourFile = dir.resolve("tcg4j.drcov");
        qemuLog(inv.withOptions("-plugin", QemuContribPlugins.plugin("drcov") + ",filename=" + qemuFile),
                dir.resolve("q"));
        tcg4jLog(inv.withOptions("-plugin", "drcov,filename=" + ourFile), dir.resolve("t"));
        Drcov qemu = readDrcov(qemuFile);
        Drcov ours = readDrcov(ourFile);
        assertEquals(qemu.header().subList(0, 5), ours.header().subList(0, 5), "version, flavor, module table");
        assertTrue(ours.blocks().size() > 50, "blocks");
        assertEquals(qemu.blocks(), ours.blocks(), "blocks as (start, size)");
    }

    /**
     * Blocks begin and end where QEMU's do (after CSR instructions, before an instruction at a page's
     * last halfword), so bb counts equal libbb.so's; drcov, bbv and hotblocks rely on it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"strings", "call_tree", "malloc_heavy", "fp_modes"})
    void blockCountsEqualQemusLibbb(String guest, @TempDir Path dir) throws IOException {
        Invocation inv = Invocation.of(runner.guest(guest));
        String qemu = qemuLog(inv.withOptions("-plugin", QemuContribPlugins.plugin("bb").toString()), dir.resolve("q"));
        String ours = tcg4jLog(inv.withOptions("-plugin", "bb"), dir.resolve("t"));
        assertTrue(qemu.matches("bb's: \\d+, insns: \\d+\n"), qemu);
        assertEquals(qemu, ours);
    }
}
