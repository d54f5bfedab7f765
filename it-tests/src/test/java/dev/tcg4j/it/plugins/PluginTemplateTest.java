package dev.tcg4j.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/plugin-template, the starting point for plugin authors, builds against plugin-api alone
 * into a jar that tcg4j loads with {@code -plugin x.jar}, and its per-function counts add up to
 * QEMU's instruction count of the run.
 */
class PluginTemplateTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PROJECT = ROOT.resolve("examples/plugin-template");
    private static final String CLASS = "com/example/plugin/FunctionProfile";
    private static final String SERVICES = "META-INF/services/dev.tcg4j.plugin.api.Plugin";

    @Test
    void theTemplateBuildsAgainstThePluginApiAloneAndCountsEveryInstruction(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", api, "-d", classes.toString(),
                PROJECT.resolve("src/main/java/" + CLASS + ".java").toString());
        assertEquals(0, rc, "javac");
        Path jar = dir.resolve("plugin-template-1.0.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            try (var files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    jos.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                    jos.write(Files.readAllBytes(f));
                    jos.closeEntry();
                }
            }
            jos.putNextEntry(new JarEntry(SERVICES));
            jos.write(Files.readAllBytes(PROJECT.resolve("src/main/resources/" + SERVICES)));
            jos.closeEntry();
        }
        GuestRunner runner = GuestRunner.create();
        Invocation inv = Invocation.of(runner.guest("call_tree"));
        RunResult run = runner.runTcg4j(inv.withOptions("-plugin", jar + ",top=100000"));
        assertEquals(0, run.exitStatus(), run::describe);
        List<String> lines = run.stderrText().lines().toList();
        long total = runner.qemuCounts(inv).insns();
        assertEquals("total insns: " + total, lines.get(0), run::describe);
        Map<String, Long> perFunction = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ", 2);
            perFunction.put(f[1], Long.parseLong(f[0]));
        }
        assertEquals(total, perFunction.values().stream().mapToLong(Long::longValue).sum(), "functions add up");
        for (String fn : List.of("main", "top", "middle", "leaf")) {
            assertTrue(perFunction.getOrDefault(fn, 0L) > 0, fn + " in " + perFunction);
        }
        // leaf's loop runs 100 * x times for x = 0..5 twice over: it dominates the program's own code
        assertTrue(perFunction.get("leaf") > perFunction.get("middle") + perFunction.get("top"), perFunction::toString);
    }
}
