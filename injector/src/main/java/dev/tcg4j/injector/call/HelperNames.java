package dev.tcg4j.injector.call;

/** Helper names that read well in op dumps and are valid Java identifiers. */
final class HelperNames {
    private HelperNames() {}

    static String of(String plugin, String kind) {
        return "plugin_" + plugin.replaceAll("[^A-Za-z0-9_]", "_") + "_" + kind;
    }
}
