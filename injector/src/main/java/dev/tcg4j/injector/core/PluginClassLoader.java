package dev.tcg4j.injector.core;

import dev.tcg4j.plugin.api.Plugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * A plugin jar's class loader: the jar first, as a servlet container loads a web application. Only
 * the plugin API ({@code dev.tcg4j.plugin.api}) comes from the emulator, so that a plugin and the
 * emulator agree on its types, and the JDK's modules from the JDK. Nothing else of the emulator's
 * class path is visible: not tcg4j's internals, nor its copies of ASM, SLF4J or Logback. A plugin
 * that needs a library bundles it (a shaded or fat jar) and gets its own copy, whatever version the
 * emulator uses.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final String API_PACKAGE = Plugin.class.getPackageName();
    /** Packages of the JDK's modules (the boot layer's), by name, and the loader of each. */
    private static final Map<String, Module> JDK_PACKAGES = jdkPackages();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader api;

    PluginClassLoader(URL jar) {
        super("tcg4j-plugin:" + jar, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        this.api = Plugin.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                String pkg = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
                Module jdk = JDK_PACKAGES.get(pkg);
                if (pkg.equals(API_PACKAGE)) {
                    c = api.loadClass(name);
                } else if (jdk != null) {
                    c = Class.forName(name, false, jdk.getClassLoader());
                } else {
                    c = findClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** The jar's own resource first, then the JDK's. */
    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    /** The jar's own resources alone: a plugin sees no service files of the emulator's class path. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> own = findResources(name);
        return own.hasMoreElements() ? own : Collections.emptyEnumeration();
    }

    private static Map<String, Module> jdkPackages() {
        Map<String, Module> packages = new HashMap<>();
        for (Module m : ModuleLayer.boot().modules()) {
            for (String p : m.getPackages()) {
                packages.put(p, m);
            }
        }
        return packages;
    }
}
