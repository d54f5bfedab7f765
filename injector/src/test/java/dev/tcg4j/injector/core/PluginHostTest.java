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
        assertEquals("option parsing failed: colour=red", e.getMessage());
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

    /** Compiles one plugin class outside the test class path and packs it with its service file. */
    private static Path buildJar(Path dir, String source) throws IOException {
        Path src = dir.resolve("src/jarred/Hello.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        String apiPath = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", apiPath, "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "javac failed");
        Path jar = dir.resolve("hello.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry("jarred/Hello.class"));
            jos.write(Files.readAllBytes(classes.resolve("jarred/Hello.class")));
            jos.closeEntry();
            jos.putNextEntry(new JarEntry("META-INF/services/dev.tcg4j.plugin.api.Plugin"));
            jos.write("jarred.Hello\n".getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        return jar;
    }
}
