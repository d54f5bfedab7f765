package dev.tcg4j.testing;

import dev.tcg4j.ir.spi.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every backend a test can run on: the ones tcg4j ships (from their Dagger modules, by the name each
 * module contributes), then any other found with {@link ServiceLoader}, so that a project with a
 * backend of its own runs the same tests on it by listing its class in
 * {@code META-INF/services/dev.tcg4j.ir.spi.Backend} on the test class path (it needs a public
 * no-argument constructor).
 *
 * <p>The system property {@value #SELECT_PROPERTY} (comma-separated names) restricts the list, for
 * example to chase a failure on one backend; naming a backend that does not exist is an error.
 */
public final class Backends {
    /** The system property that restricts {@link #available()} to the backends it names. */
    public static final String SELECT_PROPERTY = "tcg4j.backends";

    private Backends() {}

    /** The backends to test, each once, the shipped ones first and ordered by name. */
    public static List<Backend> available() {
        Map<String, Backend> all = new TreeMap<>(DaggerShippedBackends.create().backends());
        List<Backend> out = new ArrayList<>(all.values());
        for (Backend extra : ServiceLoader.load(Backend.class)) {
            if (!all.containsKey(extra.name())) {
                all.put(extra.name(), extra);
                out.add(extra);
            }
        }
        String selected = System.getProperty(SELECT_PROPERTY, "").strip();
        if (selected.isEmpty()) {
            return List.copyOf(out);
        }
        Set<String> names = new LinkedHashSet<>(Arrays.asList(selected.split("\\s*,\\s*")));
        for (String name : names) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("-D" + SELECT_PROPERTY + " names backend '" + name
                        + "', but the backends are " + all.keySet());
            }
        }
        return out.stream().filter(b -> names.contains(b.name())).toList();
    }

    /** The available backend of that name. */
    public static Backend named(String name) {
        for (Backend b : available()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no backend '" + name + "' among " + available().stream().map(Backend::name).toList());
    }
}
