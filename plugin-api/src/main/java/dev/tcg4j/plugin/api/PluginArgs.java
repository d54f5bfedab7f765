package dev.tcg4j.plugin.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments of one {@code -plugin NAME,KEY=VALUE,...} option, in the order given. A key may
 * repeat (QEMU's insn plugin takes several {@code match=}), so this is a list of pairs, not a map.
 */
public final class PluginArgs {
    /** One {@code KEY=VALUE} item. */
    public record Arg(String key, String value) {
        public Arg {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        /** The item as the user wrote it, for error messages. */
        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    private static final PluginArgs EMPTY = new PluginArgs(List.of());

    private final List<Arg> args;

    private PluginArgs(List<Arg> args) {
        this.args = args;
    }

    public static PluginArgs of(List<Arg> args) {
        return args.isEmpty() ? EMPTY : new PluginArgs(Collections.unmodifiableList(new ArrayList<>(args)));
    }

    public static PluginArgs empty() {
        return EMPTY;
    }

    /** All items in order. */
    public List<Arg> all() {
        return args;
    }

    public boolean isEmpty() {
        return args.isEmpty();
    }

    /** The value of the last item with this key, as later options override earlier ones. */
    public Optional<String> last(String key) {
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i).key().equals(key)) {
                return Optional.of(args.get(i).value());
            }
        }
        return Optional.empty();
    }

    /** The values of every item with this key, in order. */
    public List<String> values(String key) {
        List<String> out = new ArrayList<>();
        for (Arg a : args) {
            if (a.key().equals(key)) {
                out.add(a.value());
            }
        }
        return out;
    }

    /**
     * The boolean value of the last item with this key, or {@code defaultValue} when there is none.
     *
     * @throws PluginArgumentException when the value is not a boolean (see {@link #parseBool})
     */
    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = last(key);
        return v.isEmpty() ? defaultValue : parseBool(key, v.get());
    }

    /**
     * Parses a boolean the way QEMU's {@code qemu_plugin_bool_parse} does: {@code on}, {@code yes},
     * {@code true} and {@code y} are true; {@code off}, {@code no}, {@code false} and {@code n} are
     * false; anything else is an error naming the argument.
     */
    public static boolean parseBool(String name, String value) {
        if (value != null) {
            switch (value) {
                case "on", "yes", "true", "y" -> {
                    return true;
                }
                case "off", "no", "false", "n" -> {
                    return false;
                }
                default -> { }
            }
        }
        throw new PluginArgumentException("boolean argument parsing failed: " + name + "=" + value
                + " (expected on/off, yes/no, true/false)");
    }

    @Override
    public String toString() {
        return args.toString();
    }
}
