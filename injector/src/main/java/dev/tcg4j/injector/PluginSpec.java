package dev.tcg4j.injector;

import dev.tcg4j.plugin.api.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code -plugin NAME,KEY=VALUE,...} option: the plugin's name (or jar path) and its arguments
 * in order. Keys may repeat (several {@code match=} for the insn plugin), so the arguments are a list.
 * An embedder may give the plugin itself ({@code instance}), which is then installed as it is.
 */
public record PluginSpec(String name, List<Map.Entry<String, String>> args, Plugin instance) {
    public PluginSpec(String name, List<Map.Entry<String, String>> args) {
        this(name, args, null);
    }

    /** A plugin object an embedder made, with its arguments. */
    public static PluginSpec of(Plugin plugin, List<Map.Entry<String, String>> args) {
        return new PluginSpec(plugin.name(), args, plugin);
    }

    public PluginSpec {
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        for (Map.Entry<String, String> e : args) {
            copy.add(Map.entry(e.getKey(), e.getValue()));
        }
        args = List.copyOf(copy);
    }

    /**
     * Parses the option value as QEMU's option parser does: items separated by commas, the first the
     * plugin, optionally spelled {@code file=PLUGIN}; {@code ,,} stands for a literal comma; an item
     * without {@code =} means {@code KEY=on}.
     */
    public static PluginSpec parse(String option) {
        List<String> items = splitItems(option);
        if (items.isEmpty() || items.getFirst().isEmpty()) {
            throw new IllegalArgumentException("-plugin needs a plugin name");
        }
        List<Map.Entry<String, String>> args = new ArrayList<>();
        for (String item : items.subList(1, items.size())) {
            int eq = item.indexOf('=');
            if (eq == 0 || item.isEmpty()) {
                throw new IllegalArgumentException("plugin argument '" + item + "' is not NAME=VALUE");
            }
            args.add(eq < 0 ? Map.entry(item, "on") : Map.entry(item.substring(0, eq), item.substring(eq + 1)));
        }
        String name = items.getFirst();
        // qemu's -plugin [file=]FILE,...
        if (name.startsWith("file=")) {
            name = name.substring("file=".length());
            if (name.isEmpty()) {
                throw new IllegalArgumentException("-plugin needs a plugin name");
            }
        }
        return new PluginSpec(name, args);
    }

    private static List<String> splitItems(String s) {
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                if (i + 1 < s.length() && s.charAt(i + 1) == ',') {
                    cur.append(',');
                    i++;
                    continue;
                }
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString());
        return items;
    }

    /** The argument values given for {@code key}, in order. */
    public List<String> values(String key) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : args) {
            if (e.getKey().equals(key)) {
                out.add(e.getValue());
            }
        }
        return out;
    }
}
