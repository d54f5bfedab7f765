package dev.tcg4j.runtime.embed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.ScoreboardU64;
import dev.tcg4j.runtime.testing.GuestToolchain;
import dev.tcg4j.runtime.wiring.Emulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API as a host uses it: guest stdio captured as Java streams and compared with what
 * qemu-riscv64 gives the same program, the exit status or the signal, plugins as objects, the
 * memory limit, the host's name in messages, and runs in one JVM that give back their address space.
 */
class Tcg4jTest {
    /** Echoes stdin upper-cased to stdout, the environment variable GREETING and its args to stderr. */
    private static final String ECHO = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <ctype.h>
            int main(int argc, char **argv) {
                int c;
                long n = 0;
                while ((c = getchar()) != EOF) { putchar(toupper(c)); n++; }
                const char *g = getenv("GREETING");
                fprintf(stderr, "read %ld bytes; GREETING=%s\\n", n, g ? g : "(unset)");
                for (int i = 1; i < argc; i++) printf("arg %d: %s\\n", i, argv[i]);
                return argc == 1 ? 0 : atoi(argv[1]);
            }
            """;
    /** Writes a line, then dies of SIGABRT. */
    private static final String ABORT = """
            #include <stdio.h>
            #include <stdlib.h>
            int main(void) { printf("about to abort\\n"); fflush(stdout); abort(); }
            """;
    /** Maps N MiB with mmap and says whether it could. */
    private static final String MAP = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/mman.h>
            int main(int argc, char **argv) {
                long mib = atol(argv[1]);
                void *p = mmap(0, mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                printf(p == MAP_FAILED ? "mmap of %ld MiB failed\\n" : "mmap of %ld MiB worked\\n", mib);
                return p == MAP_FAILED;
            }
            """;

    @TempDir
    static Path dir;
    static Path echo;
    static Path abort;
    static Path map;

    @BeforeAll
    static void compileGuests() throws Exception {
        echo = GuestToolchain.compileStatic(dir, "echo", ECHO);
        abort = GuestToolchain.compileStatic(dir, "abort", ABORT);
        map = GuestToolchain.compileStatic(dir, "map", MAP);
    }

    record Outcome(String stdout, String stderr, int status) {}

    private static Outcome embedded(Tcg4j.Builder builder, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GuestResult result = builder.stdin(new ByteArrayInputStream(stdin.getBytes(UTF_8))).stdout(out).stderr(err)
                .build().run();
        return new Outcome(out.toString(UTF_8), err.toString(UTF_8), result.status());
    }

    private static Outcome qemu(Path program, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("qemu-riscv64", program.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path in = Files.writeString(Files.createTempFile(dir, "stdin", ""), stdin);
        Path err = Files.createTempFile(dir, "stderr", "");
        Process p = pb.redirectInput(in.toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu-riscv64 finished");
        return new Outcome(out, Files.readString(err), p.exitValue());
    }

    @Test
    void stdinStdoutStderrEnvironmentAndStatusAreTheHostsAsUnderQemu() throws Exception {
        // more than a pipe holds, so that the feeding and draining threads must take turns with the guest
        String input = "embedded emulation\n".repeat(20_000);
        Map<String, String> env = Map.of("GREETING", "hello from the host");
        Outcome got = embedded(Tcg4j.builder().program(echo).args("7", "second").env(env), input);
        Outcome want = qemu(echo, env, input, "7", "second");
        assertEquals(want, got);
        assertEquals(7, got.status());
    }

    @Test
    void aGuestKilledByASignalReportsTheSignal() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GuestResult result = Tcg4j.builder().program(abort).stdout(out).stderr(new ByteArrayOutputStream())
                .build().run();
        Outcome want = qemu(abort, Map.of(), "");
        assertTrue(result.killedBySignal(), result::toString);
        assertEquals(want.status(), result.status(), "128 + SIGABRT, as the shell reports qemu-riscv64's death");
        assertEquals(want.status() - 128, result.signal());
        assertEquals(want.stdout(), out.toString(UTF_8));
    }

    @Test
    void messagesNameTheEmbeddingHost() {
        Outcome got = embedded(Tcg4j.builder().program(dir.resolve("missing")).name("myhost"), "");
        assertEquals(1, got.status());
        assertEquals("myhost: " + dir.resolve("missing") + ": No such file or directory\n", got.stderr());
        Outcome badBackend = embedded(Tcg4j.builder().program(echo).backend("nope").name("myhost"), "");
        assertTrue(badBackend.stderr().startsWith("myhost: unknown backend 'nope'"), badBackend.stderr());
    }

    @Test
    void theMemoryLimitRefusesMappingsPastIt() {
        Outcome small = embedded(Tcg4j.builder().program(map).args("64").memoryLimit(256L << 20), "");
        assertEquals(new Outcome("mmap of 64 MiB worked\n", "", 0), small);
        Outcome big = embedded(Tcg4j.builder().program(map).args("512").memoryLimit(256L << 20), "");
        assertEquals(new Outcome("mmap of 512 MiB failed\n", "", 1), big);
        Outcome unlimited = embedded(Tcg4j.builder().program(map).args("512"), "");
        assertEquals(new Outcome("mmap of 512 MiB worked\n", "", 0), unlimited);
    }

    /** Counts every executed guest instruction inline, and says so at exit with its label argument. */
    static final class InsnCounter implements Plugin {
        @Override
        public String name() {
            return "insn-counter";
        }

        @Override
        public void install(PluginContext ctx, PluginArgs args) {
            String label = args.last("label").orElse("?");
            ScoreboardU64 count = ctx.newScoreboard(1).u64(0);
            ctx.onTbTranslate(tb -> {
                for (int i = 0; i < tb.insnCount(); i++) {
                    tb.insn(i).inline(InlineOp.ADD_U64, count, 1);
                }
            });
            ctx.onExit(() -> ctx.out(label + " " + count.sum() + "\n"));
        }
    }

    @Test
    void pluginObjectsAreInstalledWithTheirArgumentsAndCountAlikeOnEveryBackend() {
        List<String> counts = new ArrayList<>();
        for (String backend : List.of("bytecode", "interpreter")) {
            StringBuilder text = new StringBuilder();
            GuestResult result = Tcg4j.builder().program(echo).backend(backend)
                    .stdin(new ByteArrayInputStream("abc".getBytes(UTF_8))).stdout(new ByteArrayOutputStream())
                    .stderr(new ByteArrayOutputStream())
                    .plugin(new InsnCounter(), Map.of("label", "first"))
                    .plugin(new InsnCounter(), Map.of("label", "second"))
                    .pluginOutput(text::append).build().run();
            assertEquals(0, result.status());
            String[] lines = text.toString().split("\n");
            assertEquals(2, lines.length, text::toString);
            assertTrue(lines[0].startsWith("first "), lines[0]);
            assertTrue(lines[1].startsWith("second "), lines[1]);
            String count = lines[0].substring("first ".length());
            assertEquals(count, lines[1].substring("second ".length()), "two instances count the same run");
            assertTrue(Long.parseLong(count) > 10_000, count);
            counts.add(count);
        }
        assertEquals(counts.get(0), counts.get(1), "bytecode and interpreter execute the same instructions");
    }

    @Test
    void runsInOneJvmGiveBackTheirAddressSpace() throws Exception {
        long reservation = 1L << Emulator.ADDRESS_BITS;
        embedded(Tcg4j.builder().program(echo), "warm-up\n"); // classes, linker stubs, the JIT's code
        long before = vmSize();
        int runs = 6;
        for (int i = 0; i < runs; i++) {
            assertEquals(0, embedded(Tcg4j.builder().program(echo), "run " + i + "\n").status());
        }
        long grown = vmSize() - before;
        // without the munmap each run keeps its reservation: six of them would add 6 * 2 TiB
        assertTrue(grown < reservation, "VmSize grew by " + grown + " bytes over " + runs + " runs");
    }

    @Test
    void runsOnSeveralThreadsAtOnceKeepTheirOwnStdio() throws Exception {
        List<java.util.concurrent.Future<Outcome>> runs = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            for (int i = 0; i < 3; i++) {
                String input = ("thread " + i + "\n").repeat(1000);
                String arg = Integer.toString(i);
                runs.add(pool.submit(() -> embedded(Tcg4j.builder().program(echo).args(arg).env(Map.of()), input)));
            }
            for (int i = 0; i < 3; i++) {
                String input = ("thread " + i + "\n").repeat(1000);
                assertEquals(qemu(echo, Map.of(), input, Integer.toString(i)), runs.get(i).get());
            }
        }
    }

    /** This process's VmSize from /proc/self/status, in bytes. */
    private static long vmSize() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmSize in /proc/self/status");
    }
}
