package dev.tcg4j.injector.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.injector.PluginStartException;
import dev.tcg4j.plugin.api.Plugin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, installing and running plugins by name or jar, as the runtime does through PluginHost. */
class PluginHostTest {
    private static final GuestInfo GUEST = new GuestInfo(null, i -> "", v -> null, pc -> true);

    @Test
    void findsClassPathPluginsByNameAndRunsTheirExitCallbacksOnce() {
        StringBuilder out = new StringBuilder();
        PluginHost host = PluginHost.start(List.of(PluginSpec.parse("fussy,level=3")), GUEST, out::append);
        host.atExit();
        host.atExit();
        assertEquals("fussy level 3 on unknown\n", out.toString());
    }

    @Test
    void unknownPluginMessageListsTheKnownOnes() {
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> PluginHost.start(List.of(PluginSpec.parse("nosuch")), GUEST, s -> { }));
        assertEquals("unknown plugin 'nosuch'; known plugins: fussy", e.getMessage());
    }

    @Test
    void aPluginsRejectionOfItsArgumentsIsTheStartMessage() {
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> PluginHost.start(List.of(PluginSpec.parse("fussy,colour=red")), GUEST, s -> { }));
        assertEquals("plugin fussy: option parsing failed: colour=red", e.getMessage());
    }

    @Test
    void missingJarIsAStartError() {
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> PluginHost.start(List.of(PluginSpec.parse("/nonexistent/x.jar")), GUEST, s -> { }));
        assertTrue(e.getMessage().contains("/nonexistent/x.jar"), e.getMessage());
    }

    @Test
    void loadsThePluginsOfAJarNamedOnTheCommandLine(@TempDir Path dir) throws IOException {
        Path jar = buildJar(dir, """
                package jarred;
                public final class Hello implements dev.tcg4j.plugin.api.Plugin {
                    public String name() { return "hello"; }
                    public void install(dev.tcg4j.plugin.api.PluginContext ctx, dev.tcg4j.plugin.api.PluginArgs args) {
                        String who = args.last("who").orElse("world");
                        ctx.onExit(() -> ctx.out("hello " + who + "\\n"));
                    }
                }
                """);
        StringBuilder out = new StringBuilder();
        PluginHost host = PluginHost.start(List.of(PluginSpec.parse(jar + ",who=jar")), GUEST, out::append);
        host.atExit();
        assertEquals("hello jar\n", out.toString());
    }

    @Test
    void qemuSharedObjectNamesAndFileKeyNameTheBuiltInPlugin() {
        for (String option : List.of("./libfussy.so,level=2", "/usr/lib/qemu/libfussy.so,level=2", "fussy.so,level=2",
                "file=libfussy.so,level=2", "file=fussy,level=2")) {
            StringBuilder out = new StringBuilder();
            PluginHost host = PluginHost.start(List.of(PluginSpec.parse(option)), GUEST, out::append);
            host.atExit();
            assertEquals("fussy level 2 on unknown\n", out.toString(), option);
        }
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> PluginHost.start(List.of(PluginSpec.parse("./libnosuch.so")), GUEST, s -> { }));
        assertEquals("unknown plugin './libnosuch.so'; known plugins: fussy", e.getMessage());
    }

    @Test
    void pluginArgumentPicksOneOfTheJarsPlugins(@TempDir Path dir) throws IOException {
        Path jar = buildJar(dir, """
                package jarred;
                public final class Hello implements dev.tcg4j.plugin.api.Plugin {
                    public String name() { return "hello"; }
                    public void install(dev.tcg4j.plugin.api.PluginContext ctx, dev.tcg4j.plugin.api.PluginArgs args) {
                        ctx.onExit(() -> ctx.out("hello " + args + "\\n"));
                    }
                }
                """, """
                package jarred;
                public final class Bye implements dev.tcg4j.plugin.api.Plugin {
                    public String name() { return "bye"; }
                    public void install(dev.tcg4j.plugin.api.PluginContext ctx, dev.tcg4j.plugin.api.PluginArgs args) {
                        ctx.onExit(() -> ctx.out("bye " + args + "\\n"));
                    }
                }
                """);
        StringBuilder all = new StringBuilder();
        PluginHost.start(List.of(PluginSpec.parse(jar + ",x=1")), GUEST, all::append).atExit();
        assertEquals(2, all.toString().lines().count(), all.toString());
        StringBuilder one = new StringBuilder();
        PluginHost.start(List.of(PluginSpec.parse("file=" + jar + ",plugin=bye,x=1")), GUEST, one::append).atExit();
        assertEquals("bye [x=1]\n", one.toString());
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> PluginHost.start(List.of(PluginSpec.parse(jar + ",plugin=nosuch")), GUEST, s -> { }));
        assertTrue(e.getMessage().endsWith("holds no plugin 'nosuch'; it holds: bye, hello")
                || e.getMessage().endsWith("holds no plugin 'nosuch'; it holds: hello, bye"), e.getMessage());
    }

    /** Compiles plugin classes of package jarred outside the test class path and packs them with their service file. */
    private static Path buildJar(Path dir, String... sources) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        List<String> files = new java.util.ArrayList<>();
        for (String source : sources) {
            String name = source.replaceAll("(?s).*public final class (\\w+).*", "$1");
            Path src = dir.resolve("src/jarred/" + name + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, source);
            names.add(name);
            files.add(src.toString());
        }
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        String apiPath = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> javacArgs = new java.util.ArrayList<>(List.of("-cp", apiPath, "-d", classes.toString()));
        javacArgs.addAll(files);
        int rc = javac.run(null, null, null, javacArgs.toArray(String[]::new));
        assertEquals(0, rc, "javac failed");
        Path jar = dir.resolve("hello.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            StringBuilder services = new StringBuilder();
            for (String name : names) {
                jos.putNextEntry(new JarEntry("jarred/" + name + ".class"));
                jos.write(Files.readAllBytes(classes.resolve("jarred/" + name + ".class")));
                jos.closeEntry();
                services.append("jarred.").append(name).append('\n');
            }
            jos.putNextEntry(new JarEntry("META-INF/services/dev.tcg4j.plugin.api.Plugin"));
            jos.write(services.toString().getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        return jar;
    }
}
