package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcg4j.backend.lockstep.LockstepBackend;
import dev.tcg4j.it.differential.GuestCase;
import dev.tcg4j.it.differential.GuestCatalog;
import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.it.harness.OracleCounts;
import dev.tcg4j.testing.guest.RunResult;
import dev.tcg4j.it.harness.TraceDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contrib plugins' counts against QEMU's own plugin API: for every guest program on every
 * backend but lockstep (which {@link LockstepPluginCountsTest} covers on the programs where running
 * plugin code once is hardest, its runs being slow), the insn
 * plugin's total (inline and by callback) equals the instructions QEMU executed, and the mem
 * plugin's inline and callback totals equal QEMU's loads plus stores, and the bb plugin's block
 * count (inline, and by callback beside the insn plugin's callbacks) equals the blocks QEMU
 * executed. On a mismatch the test names the first instruction, or the first block, where a tcg4j
 * trace and a QEMU trace part.
 */
class PluginCountsTest {
    private static final Pattern TOTAL_INSNS = Pattern.compile("(?m)^total insns: (\\d+)$");
    private static final Pattern INLINE_MEM = Pattern.compile("(?m)^inline mem accesses: (\\d+)$");
    private static final Pattern CALLBACK_MEM = Pattern.compile("(?m)^callback mem accesses: (\\d+)$");
    private static final Pattern BB_BLOCKS = Pattern.compile("(?m)^bb's: (\\d+), insns: \\d+$");

    private static GuestRunner runner;
    /**
     * One scratch directory for every run of a case, emptied between runs: its path is an argument,
     * and a path of another length would change the instructions the guest executes.
     */
    private static Path scratch;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    /**
     * The programs that exit normally: QEMU's plugin at-exit output is lost when the guest dies of a
     * fatal signal, so there is no oracle count for those. Dynamically linked ones too: ld.so and the
     * shared libc run the same instructions under both when the layout is the same.
     */
    static Stream<Arguments> cases() {
        List<String> backends = GuestRunner.create().backendNames().stream()
                .filter(b -> !b.equals(LockstepBackend.NAME)).toList();
        return Stream.concat(GuestCatalog.all().stream(), GuestCatalog.dynamic().stream())
                .filter(c -> c.expectedExit() < 128 && !GuestCatalog.threaded(c))
                .flatMap(c -> backends.stream().map(b -> Arguments.of(c, b)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void insnAndMemPluginsCountWhatQemuCounts(GuestCase guestCase, String backend) {
        scratch = GuestRunner.tempDirectory();
        try {
            compareCounts(guestCase, backend);
        } finally {
            GuestRunner.deleteRecursively(scratch);
        }
    }

    private static void compareCounts(GuestCase guestCase, String backend) {
        OracleCounts qemu = withScratch(guestCase, runner::qemuCounts);
        String inline = pluginLog(guestCase, backend, "-plugin", "insn,inline=on", "-plugin", "mem,inline=on,callback=on",
                "-plugin", "bb,inline=on");
        String callback = pluginLog(guestCase, backend, "-plugin", "insn,inline=off", "-plugin", "bb,inline=off");
        long memAccesses = qemu.loads() + qemu.stores();
        long insnsInline = count(TOTAL_INSNS, inline);
        long insnsCallback = count(TOTAL_INSNS, callback);
        long memInline = count(INLINE_MEM, inline);
        long memCallback = count(CALLBACK_MEM, inline);
        if (insnsInline != qemu.insns() || insnsCallback != qemu.insns() || memInline != memAccesses
                || memCallback != memAccesses) {
            fail(String.format(
                    "counts differ from QEMU's: insns qemu %d, tcg4j inline %d, callback %d; mem qemu %d, tcg4j"
                            + " inline %d, callback %d%n%s",
                    qemu.insns(), insnsInline, insnsCallback, memAccesses, memInline, memCallback,
                    firstDivergence(guestCase, backend)));
        }
        // blocks are where the emulators' translators must agree too: bb, hotblocks, bbv and drcov
        // count them, under light (inline) and heavy (a callback per instruction) instrumentation
        long blocksInline = count(BB_BLOCKS, inline);
        long blocksCallback = count(BB_BLOCKS, callback);
        // every backend agrees exactly: -backend bytecode compiles a block too large for one JVM
        // method as several methods that still count as one block (BlockParts)
        if (blocksInline != qemu.tbs() || blocksCallback != qemu.tbs()) {
            fail(String.format("block counts differ from QEMU's: qemu %d, tcg4j bb inline %d, callback %d%n%s",
                    qemu.tbs(), blocksInline, blocksCallback, firstBlockDivergence(guestCase, backend)));
        }
        assertEquals(qemu.insns(), insnsInline);
    }

    private static long count(Pattern p, String log) {
        Matcher m = p.matcher(log);
        if (!m.find()) {
            fail("no line matching " + p + " in plugin output:\n" + log);
        }
        return Long.parseLong(m.group(1));
    }

    /** Runs under tcg4j on the backend with the plugin options and -D, and returns what the plugins wrote. */
    private static String pluginLog(GuestCase guestCase, String backend, String... pluginOptions) {
        return withScratch(guestCase, invocation -> {
            RunResult run = runner.launcher().runWithLog(invocation.withOptions(pluginOptions), backend);
            assertFalse(run.timedOut(), run::describe);
            assertEquals(guestCase.expectedExit(), run.exitStatus(), run::describe);
            return run.log();
        });
    }

    private static String firstDivergence(GuestCase guestCase, String backend) {
        Path qemuTrace = tempFile("qemu-trace", ".txt");
        Path ourTrace = tempFile("tcg4j-trace", ".txt");
        try {
            withScratch(guestCase, inv -> runner.qemuTrace(inv, qemuTrace));
            withScratch(guestCase, inv -> runner.runTcg4j(inv.withOptions("-plugin", "it-trace,out=" + ourTrace), backend));
            return TraceDiff.firstDivergence(qemuTrace, ourTrace).map(TraceDiff.Divergence::describe)
                    .orElse("the traces agree: the difference is in the counting, not in the execution");
        } finally {
            qemuTrace.toFile().delete();
            ourTrace.toFile().delete();
        }
    }

    private static String firstBlockDivergence(GuestCase guestCase, String backend) {
        Path qemuTrace = tempFile("qemu-blocks", ".txt");
        Path ourTrace = tempFile("tcg4j-blocks", ".txt");
        try {
            withScratch(guestCase, inv -> runner.qemuBlockTrace(inv, qemuTrace));
            withScratch(guestCase, inv -> runner.runTcg4j(
                    inv.withOptions("-plugin", "it-trace,blocks=on,out=" + ourTrace), backend));
            return TraceDiff.firstDivergence(qemuTrace, ourTrace).map(d -> "blocks (T <pc> <insns>) "
                    + d.describe()).orElse("the block traces agree: the difference is in the counting");
        } finally {
            qemuTrace.toFile().delete();
            ourTrace.toFile().delete();
        }
    }

    private static <T> T withScratch(GuestCase guestCase, Function<Invocation, T> run) {
        try {
            return run.apply(guestCase.invocation(runner, scratch));
        } finally {
            emptyScratch();
        }
    }

    private static void emptyScratch() {
        try (Stream<Path> entries = Files.list(scratch)) {
            entries.forEach(GuestRunner::deleteRecursively);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
