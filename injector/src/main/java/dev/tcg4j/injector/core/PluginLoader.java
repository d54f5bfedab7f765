package dev.tcg4j.injector.core;

import dev.tcg4j.injector.PluginStartException;
import dev.tcg4j.plugin.api.Plugin;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds plugins by name: a plain name among the {@link ServiceLoader} providers of the class path
 * ({@code libNAME.so} standing for NAME), a name ending in {@code .jar} as the providers of that jar
 * alone, loaded by a {@link PluginClassLoader} of its own (the jar first; the plugin API and the JDK
 * from outside). Each call makes fresh instances, so
 * one plugin given twice on the command line runs as two independent instances.
 */
final class PluginLoader {
    List<Plugin> load(String given) {
        if (given.endsWith(".jar")) {
            return fromJar(Path.of(given));
        }
        String name = builtInName(given);
        TreeSet<String> known = new TreeSet<>();
        try {
            for (ServiceLoader.Provider<Plugin> p : ServiceLoader.load(Plugin.class, classLoader()).stream().toList()) {
                Plugin plugin = p.get();
                if (plugin.name().equals(name)) {
                    return List.of(plugin);
                }
                known.add(plugin.name());
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginStartException("cannot load plugins: " + e.getMessage());
        }
        throw new PluginStartException("unknown plugin '" + given + "'; known plugins: "
                + (known.isEmpty() ? "none" : String.join(", ", known)));
    }

    /**
     * QEMU's plugins are shared objects: {@code ./libinsn.so}, {@code /path/libhotblocks.so} and
     * {@code insn.so} name the built-in {@code insn} and {@code hotblocks}, so that qemu command lines
     * work unchanged.
     */
    static String builtInName(String given) {
        if (!given.endsWith(".so")) {
            return given;
        }
        String file = given.substring(given.lastIndexOf('/') + 1);
        String base = file.substring(0, file.length() - ".so".length());
        return base.startsWith("lib") && base.length() > 3 ? base.substring(3) : base;
    }

    private static ClassLoader classLoader() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : PluginLoader.class.getClassLoader();
    }

    /** The jar's loader stays open for the life of the process: its plugins run until exit. */
    @SuppressWarnings("resource")
    private static List<Plugin> fromJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new PluginStartException("cannot open plugin jar " + jar + ": no such file");
        }
        URLClassLoader loader;
        try {
            loader = new PluginClassLoader(jar.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new PluginStartException("cannot open plugin jar " + jar + ": " + e.getMessage());
        }
        List<Plugin> plugins = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<Plugin> p : ServiceLoader.load(Plugin.class, loader).stream().toList()) {
                // only the jar's own providers are visible; the check keeps it so should that change
                if (p.type().getClassLoader() == loader) {
                    plugins.add(p.get());
                }
            }
        } catch (ServiceConfigurationError e) {
            closeQuietly(loader);
            throw new PluginStartException("cannot load plugins from " + jar + ": " + e.getMessage());
        }
        if (plugins.isEmpty()) {
            closeQuietly(loader);
            throw new PluginStartException(jar + " holds no tcg4j plugin (META-INF/services/"
                    + Plugin.class.getName() + ")");
        }
        return plugins;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was loaded from it
        }
    }
}
