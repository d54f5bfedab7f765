package dev.tcg4j.it.downstream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.it.harness.OracleCounts;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/downstream, a project outside the reactor (a plugin, and an application that embeds the
 * emulator), builds with Maven against the installed tcg4j artifacts alone, as README's first steps
 * for a downstream project say, and its application runs a guest with no JVM flags: the guest's
 * output is qemu-riscv64's, the plugin jar counts qemu's instructions, and nothing else is printed.
 */
class DownstreamProjectTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The modules the downstream project's artifacts come from, with the reactor's parent and BOM. */
    private static final List<String> PUBLISHED = List.of("bom", "plugin-api", "ir", "memory", "injector",
            "frontend-riscv", "backend-bytecode", "backend-interpreter", "backend-tiered", "backend-lockstep",
            "runtime");

    @Test
    void buildsAgainstTheInstalledArtifactsAndRunsAGuestWithItsPlugins(@TempDir Path dir) throws Exception {
        Path repo = Path.of(System.getProperty("tcg4j.it.localRepository"));
        install(repo, System.getProperty("tcg4j.version"));
        Path project = copy(ROOT.resolve("examples/downstream"), dir.resolve("downstream"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // -nsu: the tcg4j snapshots just installed are the ones to use; nothing is fetched when all is local
        run(project, List.of("mvn", "-B", "-q", "-nsu", "-Dmaven.repo.local=" + repo, "package"), java.getParent().getParent());

        Path hello = Path.of(System.getProperty("tcg4j.examples.dir"), "hello").toAbsolutePath().normalize();
        Path pluginJar = project.resolve("plugin/target/blockcount-1.0.jar");
        ProcessBuilder appCommand = new ProcessBuilder(java.toString(), "-jar",
                project.resolve("app/target/embedder-1.0.jar").toString(), hello.toString(), pluginJar.toString(),
                "from", "downstream");
        // the guest gets the application's environment: the one every it-tests guest runs with under qemu
        appCommand.environment().clear();
        appCommand.environment().putAll(Invocation.FIXED_ENVIRONMENT);
        Process app = appCommand.start();
        String out = new String(app.getInputStream().readAllBytes(), UTF_8);
        String err = new String(app.getErrorStream().readAllBytes(), UTF_8);
        assertTrue(app.waitFor(120, TimeUnit.SECONDS));
        assertEquals("", err, "no JVM warnings, no log lines: the application passes no JVM flags, and tcg4j logs"
                + " nothing at its SLF4J provider's default level");

        GuestRunner runner = GuestRunner.create();
        Invocation invocation = Invocation.of(hello, "from", "downstream");
        RunResult qemu = runner.runQemu(invocation);
        OracleCounts counts = runner.qemuCounts(invocation);
        Matcher m = Pattern.compile("""
                guest stdout:
                ([\\s\\S]*)plugins:
                from-jar: blocks (\\d+), insns (\\d+)
                syscalls: (\\d+)
                status: 0
                """).matcher(out);
        assertTrue(m.matches(), out);
        assertEquals(qemu.stdoutText(), m.group(1));
        assertEquals(counts.insns(), Long.parseLong(m.group(3)), "the plugin jar's instruction count is qemu's");
        assertTrue(Long.parseLong(m.group(4)) > 0, out);
    }

    /**
     * Puts this build's artifacts where {@code mvn install} puts them in the build's local repository
     * (poms and jars, as the reactor just made them), without a second Maven rebuilding the jars the
     * running tests have open.
     */
    private static void install(Path repo, String version) throws IOException {
        installPom(repo, "tcg4j-parent", version, ROOT.resolve("pom.xml"));
        for (String module : PUBLISHED) {
            String artifact = "tcg4j-" + module;
            installPom(repo, artifact, version, ROOT.resolve(module).resolve("pom.xml"));
            Path jar = ROOT.resolve(module).resolve("target").resolve(artifact + "-" + version + ".jar");
            if (!module.equals("bom")) {
                assertTrue(Files.isRegularFile(jar), jar + " is built (the reactor's package phase)");
                Files.copy(jar, dir(repo, artifact, version).resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void installPom(Path repo, String artifact, String version, Path pom) throws IOException {
        Files.copy(pom, dir(repo, artifact, version).resolve(artifact + "-" + version + ".pom"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path dir(Path repo, String artifact, String version) throws IOException {
        return Files.createDirectories(repo.resolve("dev/tcg4j").resolve(artifact).resolve(version));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !from.relativize(p).toString().contains("target")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static void run(Path dir, List<String> command, Path javaHome) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "Maven finished");
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + log);
    }
}
