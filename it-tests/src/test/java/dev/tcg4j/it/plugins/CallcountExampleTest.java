package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import dev.tcg4j.plugin.api.Plugin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/PLUGINS.md is examples/callcount, and it works: the code block is the
 * project's source file, which compiles against plugin-api alone, and its jar counts the three
 * calls plugin_patch.c makes to patch_target.
 */
class CallcountExampleTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SOURCE = ROOT.resolve("examples/callcount/src/main/java/com/example/callcount/CallCount.java");

    @Test
    void theDocsShowTheExampleProjectsSource() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/PLUGINS.md"));
        int start = docs.indexOf("```java\npackage com.example.callcount;");
        assertTrue(start >= 0, "docs/PLUGINS.md has the callcount example");
        start += "```java\n".length();
        assertEquals(Files.readString(SOURCE), docs.substring(start, docs.indexOf("```", start)));
    }

    @Test
    void theExampleBuildsAgainstThePluginApiAloneAndCountsCalls(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", api, "-d", classes.toString(),
                SOURCE.toString());
        assertEquals(0, rc, "javac");
        Path jar = dir.resolve("callcount.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry("com/example/callcount/CallCount.class"));
            jos.write(Files.readAllBytes(classes.resolve("com/example/callcount/CallCount.class")));
            jos.closeEntry();
            jos.putNextEntry(new JarEntry("META-INF/services/dev.tcg4j.plugin.api.Plugin"));
            jos.write(Files.readAllBytes(ROOT.resolve(
                    "examples/callcount/src/main/resources/META-INF/services/dev.tcg4j.plugin.api.Plugin")));
            jos.closeEntry();
        }
        GuestRunner runner = GuestRunner.create();
        Path guest = runner.guest("plugin_patch");
        String entry = symbolAddress(guest, "patch_target");
        RunResult run = runner.runTcg4j(Invocation.of(guest).withOptions("-plugin", jar + ",addr=0x" + entry));
        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals("cpu 0 calls: 3\ntotal calls: 3\n", run.stderrText());
    }

    private static String symbolAddress(Path program, String symbol) throws IOException, InterruptedException {
        Process nm = new ProcessBuilder("riscv64-linux-gnu-nm", program.toString()).redirectErrorStream(true).start();
        String out = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(nm.waitFor(60, TimeUnit.SECONDS));
        return out.lines().map(l -> l.split(" ")).filter(f -> f.length == 3 && f[2].equals(symbol)).map(f -> f[0])
                .findFirst().orElseThrow(() -> new AssertionError(symbol + " not in nm output:\n" + out));
    }
}
