package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.it.harness.Json;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins QEMU 7.2 lacks (bbv, callgrind, timeline), checked by what their output means: vectors
 * add up to QEMU's instruction count of the run, callgrind_annotate's total is that count, and the
 * calls of call_tree.c (main calls top once, top calls middle 5 times, middle calls leaf twice each)
 * appear with their counts and their nesting.
 */
class BeyondQemuPluginsTest {
    /** No translation block of tcg4j's holds more instructions than this (QEMU's TCG_MAX_INSNS). */
    private static final long MAX_BLOCK_INSNS = 512;
    private static final Pattern BBV_ENTRY = Pattern.compile(":(\\d+):(\\d+) ");

    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    private static RunResult tcg4j(Invocation inv) {
        RunResult run = runner.runTcg4j(inv.withTimeout(Duration.ofMinutes(10)));
        assertFalse(run.timedOut(), run::describe);
        assertEquals(0, run.exitStatus(), run::describe);
        return run;
    }

    @Test
    void basicBlockVectorsAddUpToTheInstructionsRun(@TempDir Path dir) throws IOException {
        long interval = 10_000;
        Invocation inv = Invocation.of(runner.guest("strings"));
        tcg4j(inv.withOptions("-plugin", "bbv,interval=" + interval + ",outfile=" + dir.resolve("strings")));
        long total = runner.qemuCounts(inv).insns();
        List<String> lines = Files.readAllLines(dir.resolve("strings.0.bb"));
        long cumulative = 0;
        int k = 0;
        for (String line : lines) {
            assertTrue(line.startsWith("T:"), line);
            k++;
            // entry by entry: one regex over a whole line of thousands of entries would recurse too deep
            Matcher m = BBV_ENTRY.matcher(line);
            int end = 1;
            while (m.find()) {
                assertEquals(end, m.start(), "entries follow each other: " + line);
                end = m.end();
                assertTrue(Long.parseLong(m.group(2)) > 0, line);
                cumulative += Long.parseLong(m.group(2));
            }
            assertEquals(line.length(), end, "the line is entries only: " + line);
            // a vector is written at the first block start where the vCPU has run a full interval since the last
            long over = cumulative - k * interval;
            assertTrue(over >= 0 && over < MAX_BLOCK_INSNS, "vector " + k + " ends " + over + " past its interval");
        }
        assertEquals(total / interval, k, "one vector per full interval of the " + total + " instructions");
        assertTrue(cumulative <= total && total - cumulative < interval + MAX_BLOCK_INSNS,
                "vectors hold " + cumulative + " of " + total + " instructions");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    /** callgrind_annotate's per-function lines: {@code 10,069 (30.33%)  ???:leaf [/path]}. */
    private static Map<String, Long> annotated(String report) {
        Map<String, Long> costs = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*([\\d,]+) \\(\\s*[\\d.]+%\\)\\s+\\?\\?\\?:(\\S+)").matcher(report);
        while (m.find()) {
            costs.put(m.group(2), Long.parseLong(m.group(1).replace(",", "")));
        }
        return costs;
    }

    @Test
    void callgrindOutputReadsInCallgrindAnnotateWithTheProgramsCalls(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("callgrind.out.call_tree");
        Invocation inv = Invocation.of(runner.guest("call_tree"));
        tcg4j(inv.withOptions("-plugin", "callgrind,outfile=" + out));
        long total = runner.qemuCounts(inv).insns();

        String exclusive = run("callgrind_annotate", "--threshold=100", out.toString());
        Matcher totals = Pattern.compile("(?m)^([\\d,]+) \\(100\\.0%\\)\\s+PROGRAM TOTALS$").matcher(exclusive);
        assertTrue(totals.find(), exclusive);
        assertEquals(total, Long.parseLong(totals.group(1).replace(",", "")), "Ir total against QEMU's count");
        Map<String, Long> self = annotated(exclusive);
        assertEquals(total, self.values().stream().mapToLong(Long::longValue).sum(), exclusive);

        Map<String, Long> inclusive = annotated(run("callgrind_annotate", "--inclusive=yes", "--threshold=100",
                out.toString()));
        long leaf = inclusive.get("leaf");
        long middle = inclusive.get("middle");
        long top = inclusive.get("top");
        // leaf calls nothing; each caller costs its callees plus its own instructions
        assertEquals(self.get("leaf"), leaf, "leaf's inclusive cost is its own");
        assertEquals(self.get("middle") + leaf, middle, "middle = own + leaf's");
        assertEquals(self.get("top") + middle, top, "top = own + middle's");
        assertTrue(inclusive.get("main") > top && total >= inclusive.get("main"), inclusive.toString());

        String file = Files.readString(out);
        assertCalls(file, "main", "top", 1);
        assertCalls(file, "top", "middle", 5);
        assertCalls(file, "middle", "leaf", 10);
    }

    private static void assertCalls(String callgrindFile, String caller, String callee, int calls) {
        Matcher m = Pattern.compile("(?ms)^fn=" + caller + "\n(?:(?!^fn=).)*?^cfn=" + callee + "\ncalls=(\\d+) ")
                .matcher(callgrindFile);
        assertTrue(m.find(), caller + " calls " + callee + " in\n" + callgrindFile);
        assertEquals(calls, Integer.parseInt(m.group(1)), caller + " -> " + callee);
    }

    @Test
    @SuppressWarnings("unchecked")
    void timelineIsChromeTraceJsonWithTheProgramsCallsNested(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("timeline.json");
        tcg4j(Invocation.of(runner.guest("call_tree")).withOptions("-plugin", "timeline,outfile=" + out));
        Map<String, Object> trace = (Map<String, Object>) Json.parse(Files.readString(out));
        List<Map<String, Object>> events = (List<Map<String, Object>>) trace.get("traceEvents");
        ArrayDeque<String> stack = new ArrayDeque<>();
        StringBuilder ours = new StringBuilder();
        long lastTs = 0;
        boolean topInsideMain = false;
        for (Map<String, Object> e : events) {
            String phase = (String) e.get("ph");
            if (phase.equals("M")) {
                continue;
            }
            assertEquals(0L, e.get("tid"), "one vCPU");
            long ts = (Long) e.get("ts");
            assertTrue(ts >= lastTs, "time runs forward: " + e);
            lastTs = ts;
            String name = (String) e.get("name");
            if (phase.equals("B")) {
                if (name.equals("top")) {
                    topInsideMain = stack.contains("main");
                }
                stack.push(name);
            } else {
                assertEquals("E", phase, e.toString());
                assertEquals(stack.pop(), name, "an end closes the innermost open call");
            }
            if (List.of("top", "middle", "leaf").contains(name)) {
                ours.append(phase).append(' ').append(name).append(' ');
            }
        }
        assertTrue(stack.isEmpty(), "every call ends: " + stack);
        assertTrue(topInsideMain, "top runs inside main");
        String expected = "B top " + "B middle B leaf E leaf B leaf E leaf E middle ".repeat(5) + "E top ";
        assertEquals(expected, ours.toString());
    }
    /** A call of an unfiltered timeline: its B and E events, depth and whether it ran inside middle. */
    private record TimelineCall(String name, long begin, long end, int depth, boolean insideMiddle) {}

    /** Runs timeline with {@code filters} and returns its events, metadata left out. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> timeline(Path dir, String filters) throws IOException {
        Path out = dir.resolve("timeline.json");
        tcg4j(Invocation.of(runner.guest("call_tree")).withOptions("-plugin", "timeline,outfile=" + out + filters));
        Map<String, Object> trace = (Map<String, Object>) Json.parse(Files.readString(out));
        return ((List<Map<String, Object>>) trace.get("traceEvents")).stream().filter(e -> !e.get("ph").equals("M"))
                .toList();
    }

    /**
     * fn=, maxdepth= and mindur= keep exactly the calls of the unfiltered timeline that they select:
     * the calls of middle and those made inside them, the calls at most two deep, the calls of at
     * least 300 instructions (as complete events with their duration).
     */
    @Test
    void timelineFiltersKeepExactlyTheCallsTheySelect(@TempDir Path dir) throws IOException {
        List<Map<String, Object>> all = timeline(dir, "");
        List<TimelineCall> calls = new ArrayList<>();
        ArrayDeque<Map<String, Object>> open = new ArrayDeque<>();
        int middles = 0;
        for (Map<String, Object> e : all) {
            if (e.get("ph").equals("B")) {
                open.push(e);
                middles += e.get("name").equals("middle") ? 1 : 0;
            } else {
                Map<String, Object> b = open.pop();
                calls.add(new TimelineCall((String) b.get("name"), (Long) b.get("ts"), (Long) e.get("ts"),
                        open.size() + 1, middles > 0));
                middles -= b.get("name").equals("middle") ? 1 : 0;
            }
        }
        assertEquals(List.of(), List.copyOf(open), "every call ends");
        assertEquals(beginEnds(all, c -> c.insideMiddle(), calls), timeline(dir, ",fn=middle"));
        assertEquals(beginEnds(all, c -> c.depth() <= 2, calls), timeline(dir, ",maxdepth=2"));
        Set<String> longCalls = calls.stream().filter(c -> c.end() - c.begin() >= 300)
                .map(c -> c.name() + " " + c.begin() + " " + (c.end() - c.begin())).collect(Collectors.toSet());
        assertTrue(longCalls.size() >= 3 && longCalls.size() < calls.size() / 2, "long calls " + longCalls);
        Set<String> completes = timeline(dir, ",mindur=300").stream().map(e -> {
            assertEquals("X", e.get("ph"), e.toString());
            return e.get("name") + " " + e.get("ts") + " " + e.get("dur");
        }).collect(Collectors.toSet());
        assertEquals(longCalls, completes);
    }

    /** The B and E events of {@code all} that belong to the calls {@code kept} selects, in order. */
    private static List<Map<String, Object>> beginEnds(List<Map<String, Object>> all, Predicate<TimelineCall> kept,
            List<TimelineCall> calls) {
        Map<String, TimelineCall> byEvent = new HashMap<>();
        for (TimelineCall c : calls) {
            byEvent.put("B " + c.name() + " " + c.begin() + " " + c.depth(), c);
            byEvent.put("E " + c.name() + " " + c.end() + " " + c.depth(), c);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        int depth = 0;
        for (Map<String, Object> e : all) {
            boolean begin = e.get("ph").equals("B");
            depth += begin ? 1 : 0;
            TimelineCall c = byEvent.get(e.get("ph") + " " + e.get("name") + " " + e.get("ts") + " " + depth);
            if (c != null && kept.test(c)) {
                out.add(e);
            }
            depth -= begin ? 0 : 1;
        }
        return out;
    }
}
