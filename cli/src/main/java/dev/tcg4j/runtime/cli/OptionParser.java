package dev.tcg4j.runtime.cli;

import dev.tcg4j.runtime.exec.TbCache;
import dev.tcg4j.runtime.log.AddressFilter;
import dev.tcg4j.runtime.wiring.Emulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses qemu-user's command line: options (with one or two leading dashes) up to the first
 * argument that is not one, which is the program; everything after it belongs to the guest.
 */
public final class OptionParser {
    /** The -d items tcg4j acts on; the rest of QEMU's are accepted and do nothing. */
    public static final Set<String> LOG_ITEMS = Set.of("in_asm", "op", "op_plugin", "exec", "plugin", "strace",
            "unimp", "nochain", "int", "backend", "internal", "verify");
    private static final Set<String> QEMU_ONLY_LOG_ITEMS = Set.of("out_asm", "op_opt", "op_ind", "cpu",
            "mmu", "pcall", "cpu_reset", "guest_errors", "page", "fdt", "pm", "tid", "vpu", "invalid_mem");

    /** The backend blocks run on unless {@code -backend} names another: the library's default. */
    public static final String DEFAULT_BACKEND = Emulator.DEFAULT_BACKEND;

    private OptionParser() {}

    public static Options parse(List<String> argv) throws UsageException {
        List<Options.EnvChange> env = new ArrayList<>();
        Set<String> logItems = Options.orderedSet();
        List<String> plugins = new ArrayList<>();
        String logFile = null;
        String dfilter = null;
        boolean oneInsn = false;
        String ldPrefix = null;
        String argv0 = null;
        long stackSize = 8L << 20;
        String backend = DEFAULT_BACKEND;
        long tbSize = TbCache.DEFAULT_CAPACITY;
        int i = 0;
        while (i < argv.size()) {
            String a = argv.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            i++;
            if (a.equals("--")) {
                break;
            }
            String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
            switch (name) {
                case "h", "help" -> {
                    return simple(Options.Action.HELP);
                }
                case "version" -> {
                    return simple(Options.Action.VERSION);
                }
                case "strace" -> logItems.add("strace");
                case "one-insn-per-tb", "singlestep" -> oneInsn = true;
                default -> {
                    if (i >= argv.size()) {
                        throw new UsageException("option '" + a + "' needs an argument");
                    }
                    String value = argv.get(i++);
                    switch (name) {
                        case "E" -> {
                            for (String item : value.split(",")) {
                                int eq = item.indexOf('=');
                                if (eq <= 0) {
                                    throw new UsageException("-E expects VAR=VALUE, got '" + item + "'");
                                }
                                env.add(new Options.EnvChange(item.substring(0, eq), item.substring(eq + 1)));
                            }
                        }
                        case "U" -> {
                            for (String item : value.split(",")) {
                                if (item.isEmpty() || item.contains("=")) {
                                    throw new UsageException("-U expects VAR, got '" + item + "'");
                                }
                                env.add(new Options.EnvChange(item, null));
                            }
                        }
                        case "d" -> {
                            if (Arrays.asList(value.split(",")).contains("help")) {
                                return simple(Options.Action.LOG_HELP);
                            }
                            logItems.addAll(logItems(value));
                        }
                        case "D" -> logFile = value;
                        case "dfilter" -> {
                            try {
                                AddressFilter.parse(value);
                            } catch (IllegalArgumentException e) {
                                throw new UsageException(e.getMessage());
                            }
                            dfilter = value;
                        }
                        case "plugin" -> plugins.add(value);
                        case "L" -> ldPrefix = value;
                        case "0" -> argv0 = value;
                        case "s" -> stackSize = size(value);
                        case "backend" -> {
                            if (value.equals("help")) {
                                return simple(Options.Action.LIST_BACKENDS);
                            }
                            backend = value;
                        }
                        case "accel" -> tbSize = accel(value, tbSize);
                        default -> throw new UsageException("unknown option '" + a + "'");
                    }
                }
            }
        }
        if (i >= argv.size()) {
            throw new UsageException("no program given");
        }
        String program = argv.get(i);
        List<String> args = new ArrayList<>(argv.subList(i + 1, argv.size()));
        return new Options(Options.Action.RUN, env, logItems, logFile, dfilter, oneInsn, plugins, ldPrefix, argv0,
                stackSize, backend, tbSize, program, args);
    }

    /** What each -d item logs, for {@code -d help}, in qemu's layout. */
    public static String logHelp() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("in_asm", "show target assembly code for each compiled TB");
        items.put("op", "show micro ops for each compiled TB");
        items.put("op_plugin", "show micro ops before plugin injection");
        items.put("exec", "show trace before each executed TB (lots of logs)");
        items.put("nochain", "do not chain compiled TBs so that \"exec\" and \"cpu\" show complete traces");
        items.put("int", "show interrupts/exceptions in short format");
        items.put("plugin", "output from TCG plugins, and what the plugin core does");
        items.put("strace", "log every user-mode syscall, its input, and its result");
        items.put("unimp", "log unimplemented functionality");
        items.put("backend", "log what the backend does with each block");
        items.put("internal", "log internal errors with their stack traces");
        items.put("verify", "check every block's IR after translation and after plugin injection");
        StringBuilder out = new StringBuilder("Log items (comma separated):\n");
        for (Map.Entry<String, String> e : items.entrySet()) {
            out.append(String.format("%-10s %s%n", e.getKey(), e.getValue()));
        }
        return out.toString();
    }

    /**
     * Takes the {@code -Dtcg4j.NAME=VALUE} options (JVM system properties for tcg4j's tuning, such as
     * {@code tcg4j.tiered.block-threshold}) out of the options before the program, so that the launcher
     * accepts them as a java command line would; qemu's {@code -D FILE} is left alone.
     *
     * @param properties receives each property
     * @return the command line without them
     */
    public static List<String> takeSystemProperties(List<String> argv, Map<String, String> properties)
            throws UsageException {
        List<String> rest = new ArrayList<>();
        boolean program = false;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!program && a.startsWith("-Dtcg4j.")) {
                int eq = a.indexOf('=');
                if (eq < 0 || eq == "-D".length()) {
                    throw new UsageException("'" + a + "' is not -Dtcg4j.NAME=VALUE");
                }
                properties.put(a.substring(2, eq), a.substring(eq + 1));
                continue;
            }
            rest.add(a);
            if (program || !a.startsWith("-") || a.equals("-") || a.equals("--")) {
                program = true;
            } else if (takesValue(a) && i + 1 < argv.size()) {
                rest.add(argv.get(++i));
            }
        }
        return rest;
    }

    private static boolean takesValue(String option) {
        String name = option.startsWith("--") ? option.substring(2) : option.substring(1);
        return !Set.of("h", "help", "version", "strace", "one-insn-per-tb", "singlestep").contains(name);
    }

    private static Options simple(Options.Action action) {
        return new Options(action, List.of(), Set.of(), null, null, false, List.of(), null, null, 8L << 20,
                DEFAULT_BACKEND, TbCache.DEFAULT_CAPACITY, null, List.of());
    }

    /**
     * qemu's {@code -accel tcg[,tb-size=N]}: tcg is the only accelerator; {@code tb-size} bounds the
     * translated code, in MiB. Returns the bound in bytes ({@code tbSize} when not given).
     */
    static long accel(String value, long tbSize) throws UsageException {
        String[] items = value.split(",");
        if (!items[0].equals("tcg")) {
            throw new UsageException("-accel: unsupported accelerator '" + items[0] + "' (only tcg)");
        }
        long size = tbSize;
        for (int k = 1; k < items.length; k++) {
            String item = items[k];
            if (!item.startsWith("tb-size=")) {
                throw new UsageException("-accel tcg: unsupported property '" + item + "' (tb-size=MiB)");
            }
            String mib = item.substring("tb-size=".length());
            try {
                long n = Long.parseLong(mib);
                if (n <= 0 || n > (1L << 20)) {
                    throw new NumberFormatException();
                }
                size = n << 20;
            } catch (NumberFormatException e) {
                throw new UsageException("-accel tcg: tb-size takes a size in MiB from 1, got '" + mib + "'");
            }
        }
        return size;
    }

    static Set<String> logItems(String value) throws UsageException {
        Set<String> items = Options.orderedSet();
        for (String item : value.split(",", -1)) {
            String t = item.trim().toLowerCase(Locale.ROOT);
            if (t.equals("all")) {
                items.addAll(List.of("in_asm", "op", "exec", "unimp", "nochain"));
            } else if (LOG_ITEMS.contains(t)) {
                items.add(t);
            } else if (!QEMU_ONLY_LOG_ITEMS.contains(t)) {
                throw new UsageException("unknown -d item '" + item + "'; known items: "
                        + String.join(",", new java.util.TreeSet<>(LOG_ITEMS)));
            }
        }
        return items;
    }

    /** qemu's -s size: a number with an optional k/K, m/M or g/G suffix. */
    static long size(String value) throws UsageException {
        String v = value.trim();
        long mult = 1;
        char last = v.isEmpty() ? ' ' : Character.toLowerCase(v.charAt(v.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v) * mult;
            if (n <= 0) {
                throw new UsageException("bad stack size '" + value + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("bad stack size '" + value + "'");
        }
    }

    public static String usage(String prog) {
        return """
                usage: %1$s [options] program [arguments...]
                Linux riscv64 user-mode emulator (tcg4j), with qemu-user's options.

                Options:
                -h, -help            print this help and exit
                -version             print the version and exit
                -E var=value         set an environment variable for the guest (comma-separated list allowed)
                -U var               unset an environment variable for the guest
                -0 argv0             pass argv0 as the program's argv[0]
                -L path              prefix for the interpreter and absolute paths (default /etc/qemu-binfmt/riscv64)
                -s size              stack size in bytes (k, M, G suffixes)
                -d item[,...]        enable logs: in_asm, op, op_plugin, exec, plugin, strace, unimp, int, nochain;
                                     verify checks every block's IR after translation and after plugin injection;
                                     -d help lists them
                -D logfile           write logs and plugin output to logfile instead of stderr
                -dfilter range[,...] restrict block logs to address ranges (0x1000+0x100, 0x1000..0x1fff, 0x10ff-0x100)
                -strace              log system calls
                -one-insn-per-tb     translate one instruction per block (alias -singlestep)
                -plugin name[,arg=value...]  load a plugin (repeatable): a built-in name (libNAME.so works too),
                                     or a jar path (plugin=NAME picks one of a jar's plugins)
                -Dtcg4j.name=value   set a tcg4j tuning property (tcg4j.tiered.block-threshold)
                -accel tcg[,tb-size=n]  flush translated code when it holds more than n MiB (default 256)
                -backend name        run blocks on backend name: tiered (default), bytecode, interpreter,
                                     lockstep; help lists the backends
                """.formatted(prog);
    }
}
