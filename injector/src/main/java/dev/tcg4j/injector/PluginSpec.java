package dev.tcg4j.injector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code -plugin NAME,ARG=VALUE,...} option: the plugin's name and its arguments in order.
 */
public record PluginSpec(String name, Map<String, String> args) {
    public PluginSpec {
        args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** Parses the option value as qemu does: comma-separated, the first item the plugin. */
    public static PluginSpec parse(String option) {
        String[] parts = option.split(",");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("-plugin needs a plugin name");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("plugin argument '" + p + "' is not NAME=VALUE");
            }
            args.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return new PluginSpec(parts[0], args);
    }
}
