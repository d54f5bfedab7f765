package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Go program as its users get it: esbuild's static riscv64 binary from the npm registry (10 MB of
 * Go, its runtime's threads, signals for goroutine preemption, a garbage collector), fetched with
 * {@code npm pack} into target/ once, then run under qemu-riscv64 and tcg4j: the same stdout,
 * stderr and status. Without the registry the test fails: it is not skipped.
 */
class NpmGoProgramTest {
    /** The version this test was checked with: a newer one may print differently. */
    private static final String PACKAGE = "@esbuild/linux-riscv64@0.28.2";
    private static final Path DIR = Paths.get("target/npm").toAbsolutePath();
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static GuestRunner runner;

    @BeforeAll
    static void fetchEsbuild() throws IOException, InterruptedException {
        runner = GuestRunner.create();
        if (Files.isRegularFile(esbuild())) {
            return;
        }
        Files.createDirectories(DIR);
        run(List.of("npm", "pack", "--silent", PACKAGE, "--pack-destination", DIR.toString()));
        try (var tarballs = Files.list(DIR)) {
            Path tgz = tarballs.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
            run(List.of("tar", "xzf", tgz.toString(), "-C", DIR.toString()));
        }
        assertTrue(Files.isRegularFile(esbuild()), "no package/bin/esbuild in " + DIR);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), command + " timed out");
        assertEquals(0, p.exitValue(), () -> command + " failed:\n" + new String(output, StandardCharsets.UTF_8));
    }

    private static Path esbuild() {
        return DIR.resolve("package/bin/esbuild");
    }

    @Test
    void versionPrintsAsUnderQemu() {
        RunResult run = compare(Invocation.of(esbuild(), "--version"), 0);
        assertEquals("0.28.2\n", run.stdoutText());
    }

    @Test
    void typescriptFromStdinMinifiesAsUnderQemu() {
        String source = """
                interface Point { x: number; y: number }
                export const norm = (p: Point): number => Math.sqrt(p.x * p.x + p.y * p.y);
                enum Colour { Red = 1, Green, Blue }
                export function describe(c: Colour, items: string[]): string {
                  return `${Colour[c]}: ${items.map((s, i) => i + '=' + s.toUpperCase()).join(', ')}`;
                }
                """;
        compare(Invocation.of(esbuild(), "--loader=ts", "--minify").withStdin(source), 0);
    }

    @Test
    void aBundleOfSeveralFilesBuildsAsUnderQemu() throws IOException {
        Path dir = GuestRunner.tempDirectory();
        try {
            Files.writeString(dir.resolve("util.js"), "export const twice = (x) => [x, x];\nexport default 42;\n");
            Files.writeString(dir.resolve("main.js"), """
                    import answer, { twice } from './util.js';
                    import { greet } from './greet.js';
                    console.log(greet('world'), twice(answer));
                    """);
            Files.writeString(dir.resolve("greet.js"), "export function greet(who) { return 'hello ' + who; }\n");
            compare(Invocation.of(esbuild(), dir.resolve("main.js").toString(), "--bundle", "--format=esm",
                    "--log-level=warning"), 0);
        } finally {
            GuestRunner.deleteRecursively(dir);
        }
    }

    @Test
    void aSyntaxErrorIsReportedAsUnderQemu() {
        compare(Invocation.of(esbuild(), "--loader=js", "--color=false").withStdin("let = ;\n"), 1);
    }

    private static RunResult compare(Invocation invocation, int expectedExit) {
        return runner.assertRunsAsUnderQemu(invocation.withTimeout(LIMIT), expectedExit);
    }
}
