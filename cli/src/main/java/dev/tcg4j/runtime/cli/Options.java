package dev.tcg4j.runtime.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parsed command line. */
public record Options(
        Action action,
        List<EnvChange> envChanges,
        Set<String> logItems,
        String logFile,
        String dfilter,
        boolean oneInsnPerTb,
        List<String> plugins,
        String ldPrefix,
        String argv0,
        long stackSize,
        String backend,
        String program,
        List<String> args) {

    public enum Action { RUN, HELP, VERSION, LOG_HELP, LIST_BACKENDS }

    /** One -E (set) or -U (unset), applied to the caller's environment in command-line order. */
    public record EnvChange(String name, String value) {
        boolean isUnset() {
            return value == null;
        }
    }

    public Options {
        envChanges = List.copyOf(envChanges);
        logItems = Set.copyOf(logItems);
        plugins = List.copyOf(plugins);
        args = List.copyOf(args);
    }

    public boolean strace() {
        return logItems.contains("strace");
    }

    /**
     * The guest's environment as qemu-user builds it (util/envlist.c): each variable of {@code base},
     * in order, then each -E, is put at the head of the list, replacing an earlier one of the same
     * name; -U removes. So the caller's variables reach the guest in reverse order, with -E's first.
     */
    public List<String> guestEnvironment(Map<String, String> base) {
        java.util.ArrayDeque<String[]> list = new java.util.ArrayDeque<>();
        base.forEach((k, v) -> setFirst(list, k, v));
        for (EnvChange c : envChanges) {
            if (c.isUnset()) {
                list.removeIf(e -> e[0].equals(c.name()));
            } else {
                setFirst(list, c.name(), c.value());
            }
        }
        List<String> out = new ArrayList<>(list.size());
        for (String[] e : list) {
            out.add(e[0] + "=" + e[1]);
        }
        return out;
    }

    private static void setFirst(java.util.ArrayDeque<String[]> list, String name, String value) {
        list.removeIf(e -> e[0].equals(name));
        list.addFirst(new String[] {name, value});
    }

    /** The guest's argv: argv[0] is the program as given (or -0's value), then the arguments. */
    public List<String> guestArgv() {
        List<String> argv = new ArrayList<>();
        argv.add(argv0 != null ? argv0 : program);
        argv.addAll(args);
        return argv;
    }

    static Set<String> orderedSet() {
        return new LinkedHashSet<>();
    }
}
