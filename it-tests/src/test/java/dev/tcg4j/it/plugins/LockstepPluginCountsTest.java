package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.backend.lockstep.LockstepBackend;
import dev.tcg4j.it.differential.GuestCase;
import dev.tcg4j.it.differential.GuestCatalog;
import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.it.harness.OracleCounts;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under {@code -backend lockstep} every block runs on two backends, but plugin code must run once:
 * the insn plugin (inline scoreboard and callbacks) and the mem plugin (inline and callbacks, and
 * the mem-helper reports of atomics) count exactly what QEMU counts, on the programs with atomics,
 * signals, FP helpers and longjmps.
 */
class LockstepPluginCountsTest {
    private static final Pattern TOTAL_INSNS = Pattern.compile("(?m)^total insns: (\\d+)$");
    private static final Pattern INLINE_MEM = Pattern.compile("(?m)^inline mem accesses: (\\d+)$");
    private static final Pattern CALLBACK_MEM = Pattern.compile("(?m)^callback mem accesses: (\\d+)$");
    private static final Set<String> PROGRAMS = Set.of("atomics", "isa_a", "isa_d", "signals", "setjmp_longjmp",
            "count_tiny");

    private static GuestRunner runner;
    /** One scratch directory for both runs of a case: its path is an argument and changes the counts. */
    private static Path scratch;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    static Stream<GuestCase> cases() {
        return GuestCatalog.all().stream().filter(c -> PROGRAMS.contains(c.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pluginsCountWhatQemuCountsOnce(GuestCase guestCase) {
        scratch = GuestRunner.tempDirectory();
        try {
            OracleCounts qemu = withScratch(guestCase, runner::qemuCounts);
            String inline = pluginLog(guestCase, "-plugin", "insn,inline=on", "-plugin", "mem,inline=on,callback=on");
            String callback = pluginLog(guestCase, "-plugin", "insn,inline=off");
            long memAccesses = qemu.loads() + qemu.stores();
            assertEquals(qemu.insns(), count(TOTAL_INSNS, inline), "insns, inline");
            assertEquals(qemu.insns(), count(TOTAL_INSNS, callback), "insns, by callback");
            assertEquals(memAccesses, count(INLINE_MEM, inline), "memory accesses, inline");
            assertEquals(memAccesses, count(CALLBACK_MEM, inline), "memory accesses, by callback");
        } finally {
            GuestRunner.deleteRecursively(scratch);
        }
    }

    private static long count(Pattern p, String log) {
        Matcher m = p.matcher(log);
        assertTrue(m.find(), () -> "no line matching " + p + " in plugin output:\n" + log);
        return Long.parseLong(m.group(1));
    }

    private static String pluginLog(GuestCase guestCase, String... pluginOptions) {
        return withScratch(guestCase, invocation -> {
            RunResult run = runner.launcher().runWithLog(
                    invocation.withOptions(pluginOptions).withTimeout(Duration.ofMinutes(10)), LockstepBackend.NAME);
            assertFalse(run.timedOut(), run::describe);
            assertEquals(guestCase.expectedExit(), run.exitStatus(), run::describe);
            return run.log();
        });
    }

    private static <T> T withScratch(GuestCase guestCase, Function<Invocation, T> run) {
        try {
            return run.apply(guestCase.invocation(runner, scratch));
        } finally {
            try (Stream<Path> entries = Files.list(scratch)) {
                entries.forEach(GuestRunner::deleteRecursively);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
