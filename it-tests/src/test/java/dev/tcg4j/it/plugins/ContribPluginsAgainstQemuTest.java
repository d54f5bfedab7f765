package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.it.harness.QemuContribPlugins;
import dev.tcg4j.plugins.contrib.HowvecPlugin;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contrib plugins of issue 10 against QEMU 7.2's own plugins (the C sources of Debian's qemu
 * 7.2+dfsg, built as {@code lib*.so} by {@code build-qemu-plugins.sh}, found by {@link QemuContribPlugins}): the same guest runs under qemu-riscv64 with the C plugin and under
 * tcg4j with the Java one, and the outputs are compared, exactly where QEMU's is deterministic. Where
 * QEMU sorts by a count, its order among equal counts follows its hash table: there the rows are
 * compared as sets within each run of equal counts (and the last run, cut by the row limit, by size).
 *
 * <p>The plugins 7.2 lacks (cflow, stoptrigger, traps) and howvec's RISC-V classes are checked against
 * what QEMU's execlog (every instruction executed, in order) and syscall plugins say.
 */
class ContribPluginsAgainstQemuTest {
    private static final Path QEMU_PLUGINS = QemuContribPlugins.dir();
    /** One line of QEMU's (and tcg4j's) execlog: vCPU, address, opcode, disassembly, then accesses. */
    private static final Pattern EXECLOG_LINE = Pattern.compile("^(\\d+), 0x([0-9a-f]+), 0x([0-9a-f]+), \"(.*)\"(.*)$");

    private static GuestRunner runner;
    private static final Map<String, List<Executed>> TRACES = new HashMap<>();

    /** One executed instruction of a QEMU execlog trace. */
    record Executed(long vaddr, int opcode, String disas) {
        int size() {
            return (opcode & 3) == 3 ? 4 : 2;
        }
    }

    /** The plugin output of the same run under both emulators. */
    record Outputs(String qemu, String tcg4j, RunResult qemuRun, RunResult tcg4jRun) {}

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
        if (!Files.isRegularFile(QEMU_PLUGINS.resolve("libhotblocks.so"))) {
            fail("QEMU 7.2's plugins are not in " + QEMU_PLUGINS + " (it-tests/build-qemu-plugins.sh builds them from"
                    + " Debian's qemu 7.2 source)");
        }
    }

    private static Invocation guest(String name) {
        return Invocation.of(runner.guest(name)).withTimeout(Duration.ofMinutes(5));
    }

    /** Runs {@code guest} under qemu-riscv64 with libPLUGIN.so and under tcg4j with PLUGIN, both with {@code args}. */
    static Outputs both(String guest, String plugin, String args) {
        String qemuPlugin = QEMU_PLUGINS.resolve("lib" + plugin + ".so") + args;
        Path qemuLog = tempFile();
        Path tcg4jLog = tempFile();
        try {
            RunResult q = runner.runQemu(guest(guest).withOptions("-plugin", qemuPlugin, "-d", "plugin", "-D",
                    qemuLog.toString()));
            RunResult t = runner.runTcg4j(guest(guest).withOptions("-plugin", plugin + args, "-D", tcg4jLog.toString()));
            assertFalse(q.timedOut(), q::describe);
            assertFalse(t.timedOut(), t::describe);
            assertEquals(q.exitStatus(), t.exitStatus(), t::describe);
            return new Outputs(read(qemuLog), read(tcg4jLog), q, t);
        } finally {
            delete(qemuLog);
            delete(tcg4jLog);
        }
    }

    /** tcg4j alone with the given -plugin options; the plugin output (the -D log) is the run's stderr here. */
    static RunResult tcg4j(String guest, String... options) {
        Path log = tempFile();
        try {
            List<String> all = new ArrayList<>(List.of(options));
            all.add("-D");
            all.add(log.toString());
            RunResult r = runner.runTcg4j(guest(guest).withOptions(all.toArray(String[]::new)));
            assertFalse(r.timedOut(), r::describe);
            return new RunResult(r.emulator(), r.command(), r.stdout(), read(log).getBytes(StandardCharsets.UTF_8),
                    r.exitStatus(), r.timedOut(), r.elapsed(), r.log());
        } finally {
            delete(log);
        }
    }

    /** Every instruction QEMU executes for {@code guest}, from its execlog (a compressed opcode's upper half cleared). */
    static synchronized List<Executed> qemuTrace(String guest) {
        return TRACES.computeIfAbsent(guest, g -> {
            Path log = tempFile();
            try {
                RunResult q = runner.runQemu(guest(g).withOptions("-plugin", QEMU_PLUGINS.resolve("libexeclog.so").toString(),
                        "-d", "plugin", "-D", log.toString()));
                assertFalse(q.timedOut(), q::describe);
                List<Executed> trace = new ArrayList<>();
                for (String line : read(log).split("\n")) {
                    Matcher m = EXECLOG_LINE.matcher(line);
                    if (m.matches()) {
                        int op = Integer.parseUnsignedInt(m.group(3), 16);
                        trace.add(new Executed(Long.parseUnsignedLong(m.group(2), 16), (op & 3) == 3 ? op : op & 0xffff,
                                m.group(4)));
                    }
                }
                assertTrue(trace.size() > 100, "execlog trace of " + g);
                return trace;
            } finally {
                delete(log);
            }
        });
    }

    // ---- syscall, hotblocks, hotpages: QEMU's output itself

    @ParameterizedTest
    @ValueSource(strings = {"strings", "signals", "malloc_heavy"})
    void syscallTableHasQemusRows(String guest) {
        Outputs o = both(guest, "syscall", "");
        assertTrue(o.tcg4j().startsWith("syscall no.  calls  errors\n"), o.tcg4j());
        // QEMU 7.2 hands its plugins rt_sigreturn's internal -QEMU_ESIGRETURN, which the guest never
        // sees, so it counts every rt_sigreturn as an error; tcg4j gives the value the guest gets
        String qemu = o.qemu().replaceAll("(?m)^(139 +)(\\d+)( +)\\2$", "$1$2$30");
        assertRankedRowsAgree(new Outputs(qemu, o.tcg4j(), o.qemuRun(), o.tcg4jRun()), "syscall no.", 1);
    }

    @ParameterizedTest
    @CsvSource({"dispatch,''", "dispatch,',inline=on'", "int_edge,''", "strings,',inline=on'"})
    void hotblocksListsQemusBlocks(String guest, String args) {
        Outputs o = both(guest, "hotblocks", args);
        assertEquals(o.qemu().lines().findFirst(), o.tcg4j().lines().findFirst(), "the number of distinct blocks");
        assertRankedRowsAgree(o, "pc, tcount", 3);
    }

    @ParameterizedTest
    @CsvSource({"''", "',sortby=reads'", "',sortby=writes'", "',sortby=address'", "',pagesize=65536'", "',io=on'"})
    void hotpagesListsQemusPages(String args) {
        Outputs o = both("strings", "hotpages", args);
        if (args.contains("address")) {
            assertEquals(o.qemu(), o.tcg4j());
            return;
        }
        int column = args.contains("reads") ? 2 : args.contains("writes") ? 4 : -1;
        assertRankedRowsAgree(o, "Addr, RCPUs", column);
    }

    /**
     * Rows of {@code a, b, c...} sorted by a count in {@code keyColumn} (-1: columns 2 + 4), most first:
     * the non-row lines equal, the count sequences equal, and within each run of equal counts but the
     * last the same rows.
     */
    private static void assertRankedRowsAgree(Outputs o, String header, int keyColumn) {
        List<String> q = o.qemu().lines().toList();
        List<String> t = o.tcg4j().lines().toList();
        Function<String, Long> key = row -> {
            String[] f = row.trim().split("[ ,]+");
            return keyColumn >= 0 ? Long.parseLong(f[keyColumn]) : Long.parseLong(f[2]) + Long.parseLong(f[4]);
        };
        int qStart = headerIndex(q, header);
        int tStart = headerIndex(t, header);
        assertEquals(q.subList(0, qStart + 1), t.subList(0, tStart + 1), "lines before the rows");
        List<String> qRows = q.subList(qStart + 1, q.size());
        List<String> tRows = t.subList(tStart + 1, t.size());
        String both = "QEMU:\n" + o.qemu() + "\ntcg4j:\n" + o.tcg4j();
        assertEquals(qRows.stream().map(key).toList(), tRows.stream().map(key).toList(), "counts in order\n" + both);
        if (keyColumn == 1) {
            // the syscall table is complete: every row is there
            assertEquals(qRows.stream().sorted().toList(), tRows.stream().sorted().toList(), both);
            return;
        }
        Map<Long, List<String>> qGroups = qRows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        Map<Long, List<String>> tGroups = tRows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        long last = qRows.isEmpty() ? -1 : key.apply(qRows.get(qRows.size() - 1));
        for (Map.Entry<Long, List<String>> g : qGroups.entrySet()) {
            if (g.getKey() != last) {
                assertEquals(g.getValue().stream().sorted().toList(), tGroups.get(g.getKey()).stream().sorted().toList(),
                        "rows with count " + g.getKey() + "\n" + both);
            }
        }
    }

    private static int headerIndex(List<String> lines, String header) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                return i;
            }
        }
        fail("no line starting " + header + " in:\n" + String.join("\n", lines));
        return -1;
    }

    // ---- execlog

    @ParameterizedTest
    @ValueSource(strings = {"count_tiny", "dispatch", "strings"})
    void execlogLogsWhatQemusLogs(String guest) {
        Outputs o = both(guest, "execlog", "");
        assertEquals(comparable(o.qemu(), true), comparable(o.tcg4j(), false));
        assertTrue(o.tcg4j().lines().allMatch(l -> l.isEmpty() || l.matches(".*, \"[a-z].*\".*")), "disassembled");
    }

    /**
     * QEMU 7.2's ifilter matches nothing on RISC-V (its disassembly starts with the encoding in hex), so
     * the oracle is its unfiltered log: the lines of instructions whose mnemonic starts with a prefix
     * (a line carries its own instruction's accesses, so a filtered log is made of such lines).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"dispatch|sd,ret", "strings|amo,lr,sc"})
    void execlogInstructionFilterLogsTheLinesOfThoseInstructions(String guest, String prefixes) {
        List<String> wanted = List.of(prefixes.split(","));
        Outputs unfiltered = both(guest, "execlog", "");
        StringBuilder expected = new StringBuilder();
        for (String line : unfiltered.qemu().split("\n")) {
            Matcher m = EXECLOG_LINE.matcher(line);
            if (m.matches()) {
                String mnemonic = m.group(4).replaceFirst("^[0-9a-f]+ +", "").split(" ")[0];
                if (wanted.stream().anyMatch(mnemonic::startsWith)) {
                    expected.append(line).append('\n');
                }
            }
        }
        StringBuilder args = new StringBuilder();
        wanted.forEach(w -> args.append(",ifilter=").append(w));
        RunResult run = tcg4j(guest, "-plugin", "execlog" + args);
        assertEquals(comparable(expected.toString(), true), comparable(run.stderrText(), false));
        assertTrue(expected.length() > 0, "QEMU executed no " + wanted);
    }

    @Test
    void execlogAddressFilterLogsOnlyThoseInstructions() {
        List<Executed> trace = qemuTrace("dispatch");
        Executed some = trace.get(trace.size() / 2);
        Outputs o = both("dispatch", "execlog", ",afilter=" + Long.toHexString(some.vaddr()));
        assertEquals(comparable(o.qemu(), true), comparable(o.tcg4j(), false));
        long expected = trace.stream().filter(e -> e.vaddr() == some.vaddr()).count();
        assertEquals(expected, o.tcg4j().lines().filter(l -> !l.isEmpty()).count(), o.tcg4j());
    }

    /**
     * An execlog without its disassembly (QEMU's RISC-V disassembler has a syntax of its own, tcg4j
     * prints objdump's) and, from QEMU 7.2, without the garbage it prints in the upper half of a
     * compressed instruction's opcode.
     */
    static String comparable(String log, boolean fromQemu) {
        StringBuilder s = new StringBuilder();
        for (String line : log.split("\n", -1)) {
            Matcher m = EXECLOG_LINE.matcher(line);
            if (m.matches()) {
                int op = Integer.parseUnsignedInt(m.group(3), 16);
                if (fromQemu && (op & 3) != 3) {
                    op &= 0xffff;
                }
                line = m.group(1) + ", 0x" + m.group(2) + ", 0x" + Integer.toHexString(op) + ", \"\"" + m.group(5);
            }
            s.append(line).append('\n');
        }
        return s.toString();
    }

    /**
     * reg=sp (7.2 has no reg=): every change of sp is reported on the instruction that made it, and
     * where that was {@code addi sp,sp,IMM} the new value is the previous one plus IMM.
     */
    @Test
    void execlogRegReportsEachChangeOfTheRegisterOnTheInstructionThatMadeIt() {
        RunResult run = tcg4j("dispatch", "-plugin", "execlog,reg=sp");
        assertEquals(0, run.exitStatus(), run::describe);
        Pattern change = Pattern.compile(", sp -> 0x([0-9a-f]{16})$");
        Pattern addiSp = Pattern.compile("^(?:c\\.)?addi?(?:16sp)?\\s+sp,sp,(-?\\d+)$");
        Long sp = null;
        int checked = 0;
        for (String line : run.stderrText().split("\n")) {
            Matcher l = EXECLOG_LINE.matcher(line);
            assertTrue(l.matches(), line);
            Matcher c = change.matcher(line);
            Matcher a = addiSp.matcher(l.group(4));
            if (a.matches() && Integer.parseInt(a.group(1)) != 0 && sp != null) {
                assertTrue(c.find(), "addi to sp changes sp: " + line);
                assertEquals(sp + Integer.parseInt(a.group(1)), Long.parseUnsignedLong(c.group(1), 16), line);
                checked++;
            }
            c.reset();
            if (c.find()) {
                sp = Long.parseUnsignedLong(c.group(1), 16);
            }
        }
        assertTrue(checked >= 20, "stack adjustments checked: " + checked);
    }

    /**
     * rdisas=on (later QEMU's disassembly assist; 7.2 has none) checks the tracked registers only
     * after an instruction whose operands name one, and logs every such instruction whatever the
     * filters. sp changes only by instructions that name it, so the assisted log is the full one,
     * and with ifilter=ret it is the full log's lines of rets and of instructions naming sp, with
     * the same accesses and sp changes.
     */
    @Test
    void execlogRdisasChecksRegistersAfterTheInstructionsNamingThemAndLogsThose() {
        List<String> full = lines(tcg4j("dispatch", "-plugin", "execlog,reg=sp"));
        assertEquals(full, lines(tcg4j("dispatch", "-plugin", "execlog,reg=sp,rdisas=on")));
        List<String> expected = full.stream().filter(line -> {
            Matcher l = EXECLOG_LINE.matcher(line);
            assertTrue(l.matches(), line);
            String disas = l.group(4);
            return disas.startsWith("ret") || disas.replaceFirst("^\\S+", "").contains("sp");
        }).toList();
        assertTrue(expected.size() > 100 && expected.size() < full.size() / 2, "lines kept: " + expected.size());
        assertEquals(expected, lines(tcg4j("dispatch", "-plugin", "execlog,ifilter=ret,reg=sp,rdisas=on")));
    }

    private static List<String> lines(RunResult run) {
        assertEquals(0, run.exitStatus(), run::describe);
        return List.of(run.stderrText().split("\n"));
    }

    // ---- howvec

    @ParameterizedTest
    @ValueSource(strings = {"", ",inline=on"})
    void howvecClassCountsAreTheClassesOfWhatQemuExecuted(String args) {
        Map<String, Long> expected = new TreeMap<>();
        for (Executed e : qemuTrace("dispatch")) {
            expected.merge(HowvecPlugin.riscvClassOf(e.opcode()), 1L, Long::sum);
        }
        RunResult run = tcg4j("dispatch", "-plugin", "howvec" + args);
        Map<String, Long> counted = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^Class: +(.+?) *\t\\((\\d+) hits\\)$").matcher(run.stderrText());
        Map<String, String> optOfName = classNames();
        while (m.find()) {
            counted.put(optOfName.get(m.group(1).strip()), Long.parseLong(m.group(2)));
        }
        assertEquals(expected, counted, run.stderrText());
    }

    @Test
    void howvecCountsAClassOpcodeByOpcodeOnRequest() {
        Map<Integer, Long> expected = new HashMap<>();
        for (Executed e : qemuTrace("dispatch")) {
            String c = HowvecPlugin.riscvClassOf(e.opcode());
            if (c.equals("ld") || c.equals("cld")) {
                expected.merge(e.opcode(), 1L, Long::sum);
            }
        }
        RunResult run = tcg4j("dispatch", "-plugin", "howvec,count=ld,count=cld,count=!calu,verbose=on");
        String out = run.stderrText();
        assertTrue(out.contains("Class:   C ALU                 \tnot counted\n"), out);
        assertTrue(out.contains("Class:   Load                  \tcounted individually\n"), out);
        assertTrue(out.contains("Class:   JALR                  \t("), out);
        Matcher m = Pattern.compile("(?m)^Instr: .*\t\\((\\d+) hits\\)\t\\(op=0x([0-9a-f]{8})/  (C )?Load\\)$").matcher(out);
        List<Long> hits = new ArrayList<>();
        while (m.find()) {
            int op = Integer.parseUnsignedInt(m.group(2), 16);
            assertEquals(expected.get(op), Long.parseLong(m.group(1)), "opcode " + m.group(2));
            hits.add(Long.parseLong(m.group(1)));
        }
        List<Long> ranked = expected.values().stream().sorted((a, b) -> Long.compare(b, a)).toList();
        assertEquals(ranked.subList(0, Math.min(50, ranked.size() - 1)), hits, out);
    }

    private static Map<String, String> classNames() {
        // the short names are unique; the long ones too, once their indentation is stripped
        Map<String, String> names = new HashMap<>();
        for (HowvecPlugin.ClassRow row : HowvecPlugin.RISCV_TABLE) {
            names.put(row.name().strip(), row.opt());
        }
        return names;
    }

    // ---- cflow

    /** From QEMU's trace: every jump (the next instruction is not the one after) from its source to its target. */
    private static Map<Long, Map<Long, Long>> jumps(List<Executed> trace) {
        Map<Long, Map<Long, Long>> jumps = new HashMap<>();
        for (int i = 1; i < trace.size(); i++) {
            Executed prev = trace.get(i - 1);
            long to = trace.get(i).vaddr();
            if (to != prev.vaddr() + prev.size()) {
                jumps.computeIfAbsent(prev.vaddr(), k -> new LinkedHashMap<>()).merge(to, 1L, Long::sum);
            }
        }
        return jumps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hottest", "early", "exceptions"})
    void cflowReportsEveryJumpQemuExecuted(String sort) {
        Map<Long, Map<Long, Long>> expected = jumps(qemuTrace("dispatch"));
        RunResult run = tcg4j("dispatch", "-plugin", "cflow,sort=" + sort + ",limit=1000000");
        assertEquals(0, run.exitStatus(), run::describe);
        Map<Long, Map<Long, Long>> reported = new HashMap<>();
        Map<Long, Long> branches = new LinkedHashMap<>();
        long node = -1;
        for (String line : run.stderrText().split("\n")) {
            Matcher n = Pattern.compile("^  addr: 0x([0-9a-f]+) .*\\((branch|sync fault)\\)$").matcher(line);
            Matcher b = Pattern.compile("^    branches (\\d+)$").matcher(line);
            Matcher d = Pattern.compile("^      to 0x([0-9a-f]+) \\((\\d+)\\)$").matcher(line);
            if (n.matches()) {
                node = Long.parseUnsignedLong(n.group(1), 16);
                reported.put(node, new HashMap<>());
            } else if (b.matches()) {
                branches.put(node, Long.parseLong(b.group(1)));
            } else if (d.matches()) {
                reported.get(node).put(Long.parseUnsignedLong(d.group(1), 16), Long.parseLong(d.group(2)));
            }
        }
        assertEquals(expected, reported, run.stderrText());
        branches.forEach((at, n) -> assertEquals(expected.get(at).values().stream().mapToLong(Long::longValue).sum(), n));
        if (sort.equals("hottest")) {
            List<Long> order = new ArrayList<>(branches.values());
            assertEquals(order.stream().sorted((a, c) -> Long.compare(c, a)).toList(), order, "most taken first");
        }
    }

    @Test
    void cflowDotGraphHasAnEdgePerJump() throws IOException {
        Map<Long, Map<Long, Long>> expected = jumps(qemuTrace("dispatch"));
        Path dot = tempFile();
        try {
            RunResult run = tcg4j("dispatch", "-plugin", "cflow,limit=3,dot=" + dot);
            assertEquals(0, run.exitStatus(), run::describe);
            String graph = Files.readString(dot);
            assertTrue(graph.startsWith("digraph cflow {\n") && graph.endsWith("}\n"), graph);
            Map<Long, Map<Long, Long>> edges = new HashMap<>();
            Matcher e = Pattern.compile("(?m)^  \"0x([0-9a-f]+)\" -> \"0x([0-9a-f]+)\" \\[label=\"(\\d+)\"\\];$").matcher(graph);
            while (e.find()) {
                edges.computeIfAbsent(Long.parseUnsignedLong(e.group(1), 16), k -> new HashMap<>())
                        .put(Long.parseUnsignedLong(e.group(2), 16), Long.parseLong(e.group(3)));
            }
            assertEquals(expected, edges);
        } finally {
            delete(dot);
        }
    }

    // ---- stoptrigger

    @Test
    void stoptriggerIcountStopsAfterExactlyThatManyInstructionsWithTheStatusAsked() {
        List<Executed> trace = qemuTrace("dispatch");
        int n = trace.size() / 3;
        RunResult run = tcg4j("dispatch", "-plugin", "stoptrigger,icount=" + n + ":7", "-plugin", "insn,inline=on");
        assertEquals(7, run.exitStatus(), run::describe);
        assertEquals(String.format("icount reached at 0x%x, exiting\ncpu 0 insns: %d\ntotal insns: %d\n",
                trace.get(n).vaddr(), n, n), run.stderrText());
    }

    @Test
    void stoptriggerAddrStopsBeforeTheFirstInstructionThere() {
        List<Executed> trace = qemuTrace("dispatch");
        Executed target = trace.get(trace.size() / 2);
        int before = 0;
        while (trace.get(before).vaddr() != target.vaddr()) {
            before++;
        }
        RunResult run = tcg4j("dispatch", "-plugin", String.format("stoptrigger,addr=0x%x:0x21", target.vaddr()),
                "-plugin", "insn,inline=on");
        assertEquals(0x21, run.exitStatus(), run::describe);
        assertEquals(String.format("0x%x reached, exiting\ncpu 0 insns: %d\ntotal insns: %d\n", target.vaddr(), before,
                before), run.stderrText());
    }

    @Test
    void stoptriggerRejectsAZeroCount() {
        RunResult run = runner.runTcg4j(guest("dispatch").withOptions("-plugin", "stoptrigger,icount=0"));
        assertEquals(1, run.exitStatus(), run::describe);
        assertTrue(run.stderrText().contains("icount parsing failed: '0' must be a positive integer"), run.stderrText());
    }

    // ---- traps

    @Test
    void trapsCountsSignalsAndEverySystemCallThatReturned() {
        Outputs syscalls = both("signals", "syscall", "");
        long calls = 0;
        long noReturn = 0;
        Matcher row = Pattern.compile("(?m)^(\\d+) +(\\d+) +(\\d+)$").matcher(syscalls.qemu());
        while (row.find()) {
            calls += Long.parseLong(row.group(2));
            if (row.group(1).equals("93") || row.group(1).equals("94")) {
                noReturn += Long.parseLong(row.group(2)); // exit, exit_group
            }
        }
        RunResult run = tcg4j("signals", "-plugin", "traps");
        assertEquals(0, run.exitStatus(), run::describe);
        // signals.c: three raise(SIGUSR1) and a kill(SIGUSR2) enter handlers asynchronously, three
        // stores to low addresses fault; every system call but exit_group returns
        assertEquals(String.format("VCPU, interrupts, exceptions, hostcalls\n   0,          4,          3, % 10d\n",
                calls - noReturn), run.stderrText());
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("contrib-plugin", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
