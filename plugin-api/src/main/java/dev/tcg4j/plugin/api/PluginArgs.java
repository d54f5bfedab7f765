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
    /**
     * One {@code KEY=VALUE} item.
     *
     * @param key the text before the first {@code =}
     * @param value the text after it ({@code on} for an item without {@code =})
     */
    public record Arg(String key, String value) {
        /**
         * Checks the item.
         *
         * @param key the key
         * @param value the value
         */
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

    /**
     * Arguments from items.
     *
     * @param args the items, in order
     * @return the arguments
     */
    public static PluginArgs of(List<Arg> args) {
        return args.isEmpty() ? EMPTY : new PluginArgs(Collections.unmodifiableList(new ArrayList<>(args)));
    }

    /**
     * No arguments.
     *
     * @return the empty arguments
     */
    public static PluginArgs empty() {
        return EMPTY;
    }

    /**
     * All items.
     *
     * @return the items in order
     */
    public List<Arg> all() {
        return args;
    }

    /**
     * Whether there are none.
     *
     * @return true when no item was given
     */
    public boolean isEmpty() {
        return args.isEmpty();
    }

    /**
     * The value of the last item with this key, as later options override earlier ones.
     *
     * @param key the key
     * @return its last value, or empty when no item has it
     */
    public Optional<String> last(String key) {
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i).key().equals(key)) {
                return Optional.of(args.get(i).value());
            }
        }
        return Optional.empty();
    }

    /**
     * The values of every item with this key, in order.
     *
     * @param key the key
     * @return its values, empty when no item has it
     */
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
     * @param key the key
     * @param defaultValue the value when no item has the key
     * @return the value
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
     *
     * @param name the argument's key, for the error message
     * @param value the text to parse
     * @return the value
     * @throws PluginArgumentException when the text is not a boolean
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
