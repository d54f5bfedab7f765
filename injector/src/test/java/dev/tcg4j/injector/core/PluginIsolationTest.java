package dev.tcg4j.injector.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.plugin.api.Plugin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar sees the plugin API and the JDK, and otherwise only itself: a class it bundles under
 * the name of one of the emulator's is its own copy, and the emulator's internals, ASM, SLF4J and
 * Logback (all on this test's class path) cannot be loaded.
 */
class PluginIsolationTest {
    private static final GuestInfo GUEST = new GuestInfo(null, i -> "", v -> null, pc -> true);

    /** What the plugin reports: each class it tries, and where the copy it got comes from. */
    private static final String PLUGIN = """
            package jarred;
            public final class Probe implements dev.tcg4j.plugin.api.Plugin {
                public String name() { return "probe"; }
                public void install(dev.tcg4j.plugin.api.PluginContext ctx, dev.tcg4j.plugin.api.PluginArgs args) {
                    StringBuilder seen = new StringBuilder();
                    // the jar's own classes named as the emulator's are
                    seen.append(dev.tcg4j.injector.core.PluginCore.origin()).append('\\n');
                    seen.append(org.slf4j.LoggerFactory.origin()).append('\\n');
                    for (String name : args.values("try")) {
                        String where;
                        try {
                            Class<?> c = Class.forName(name, false, Probe.class.getClassLoader());
                            where = c.getClassLoader() == Probe.class.getClassLoader() ? "own" : "emulator's";
                        } catch (ClassNotFoundException e) {
                            where = "not found";
                        }
                        seen.append(name).append(": ").append(where).append('\\n');
                    }
                    ctx.onExit(() -> ctx.out(seen.toString()));
                }
            }
            """;
    private static final String OWN_PLUGIN_CORE = """
            package dev.tcg4j.injector.core;
            public final class PluginCore {
                public static String origin() { return "PluginCore: the plugin's own copy"; }
            }
            """;
    private static final String OWN_SLF4J = """
            package org.slf4j;
            public final class LoggerFactory {
                public static String origin() { return "LoggerFactory: the plugin's own copy"; }
            }
            """;

    @Test
    void aPluginJarSeesTheApiTheJdkAndItselfOnly(@TempDir Path dir) throws Exception {
        Path jar = buildJar(dir, Map.of("jarred/Probe", PLUGIN, "dev/tcg4j/injector/core/PluginCore", OWN_PLUGIN_CORE,
                "org/slf4j/LoggerFactory", OWN_SLF4J), "jarred.Probe");
        List<String> tried = List.of("dev.tcg4j.plugin.api.PluginContext", "java.util.List", "java.sql.Connection",
                "javax.tools.ToolProvider", "dev.tcg4j.injector.PluginHost", "dev.tcg4j.ir.Op",
                "org.objectweb.asm.ClassWriter", "org.slf4j.Logger", "ch.qos.logback.classic.Logger");
        // all of them are on this test's class path, where the old parent-first loader found them
        for (String name : tried) {
            Class.forName(name);
        }
        StringBuilder option = new StringBuilder(jar.toString());
        tried.forEach(t -> option.append(",try=").append(t));
        StringBuilder out = new StringBuilder();
        PluginHost.start(List.of(PluginSpec.parse(option.toString())), GUEST, out::append).atExit();
        assertEquals("""
                PluginCore: the plugin's own copy
                LoggerFactory: the plugin's own copy
                dev.tcg4j.plugin.api.PluginContext: emulator's
                java.util.List: emulator's
                java.sql.Connection: emulator's
                javax.tools.ToolProvider: emulator's
                dev.tcg4j.injector.PluginHost: not found
                dev.tcg4j.ir.Op: not found
                org.objectweb.asm.ClassWriter: not found
                org.slf4j.Logger: not found
                ch.qos.logback.classic.Logger: not found
                """, out.toString());
    }

    /** Compiles the sources (path without .java to text) against the plugin API alone and jars them. */
    static Path buildJar(Path dir, Map<String, String> sources, String... plugins) throws IOException {
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-cp",
                Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString(),
                "-d", classes.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)), "javac");
        Path jar = dir.resolve("probe.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
            jos.putNextEntry(new JarEntry("META-INF/services/dev.tcg4j.plugin.api.Plugin"));
            jos.write((String.join("\n", plugins) + "\n").getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        return jar;
    }
}
