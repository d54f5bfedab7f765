package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a profile in Valgrind's callgrind format (beyond QEMU), which {@code callgrind_annotate} and
 * KCachegrind read: the event {@code Ir} (instructions executed) per function, exclusive, and per call
 * edge the number of calls and their inclusive cost.
 *
 * <p>Argument: {@code outfile=PATH} (default {@code callgrind.out.PID}, PID the emulator's). Functions
 * are the guest's symbols as {@link CallTracker} sees calls and returns; code without a symbol counts
 * as {@code ???}. A call still open at exit (main's, the program's end) costs what ran until then.
 */
public final class CallgrindPlugin implements Plugin {
    /** A call edge's totals: calls and inclusive instructions. */
    private static final class Edge {
        final LongAdder calls = new LongAdder();
        final LongAdder inclusive = new LongAdder();
    }

    private final Map<String, LongAdder> self = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Edge>> edges = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "callgrind";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        String outfile = "callgrind.out." + ProcessHandle.current().pid();
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "outfile" -> outfile = a.value();
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        Path file = Path.of(outfile);
        CallTracker tracker = new CallTracker(new CallTracker.Listener() {
            @Override
            public void enter(int vcpu, CallTracker.Frame frame, long now) {
                edge(frame).calls.increment();
            }

            @Override
            public void leave(int vcpu, CallTracker.Frame frame, long now) {
                edge(frame).inclusive.add(now - frame.entered());
            }

            @Override
            public void block(int vcpu, String fn, long insns, long now) {
                self.computeIfAbsent(fn, f -> new LongAdder()).add(insns);
            }
        });
        tracker.install(ctx);
        ctx.onExit(() -> {
            tracker.finish();
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
                write(w, ctx);
            } catch (IOException e) {
                throw new UncheckedIOException("callgrind: cannot write " + file, e);
            }
        });
    }

    private Edge edge(CallTracker.Frame frame) {
        return edges.computeIfAbsent(frame.caller(), c -> new ConcurrentHashMap<>())
                .computeIfAbsent(frame.fn(), f -> new Edge());
    }

    private void write(PrintWriter w, PluginContext ctx) {
        long total = self.values().stream().mapToLong(LongAdder::sum).sum();
        w.print("# callgrind format\n");
        w.print("version: 1\n");
        w.print("creator: tcg4j callgrind plugin\n");
        w.print("pid: " + ProcessHandle.current().pid() + "\n");
        w.print("cmd: " + ctx.binaryPath() + "\n");
        w.print("part: 1\n\n");
        w.print("positions: line\n");
        w.print("events: Ir\n");
        w.print("summary: " + total + "\n\n");
        w.print("ob=" + ctx.binaryPath() + "\n");
        w.print("fl=???\n");
        TreeMap<String, Long> functions = new TreeMap<>();
        self.forEach((fn, n) -> functions.put(fn, n.sum()));
        edges.keySet().forEach(caller -> functions.putIfAbsent(caller, 0L));
        for (Map.Entry<String, Long> fn : functions.entrySet()) {
            w.print("fn=" + fn.getKey() + "\n");
            w.print("0 " + fn.getValue() + "\n");
            Map<String, Edge> calls = edges.get(fn.getKey());
            if (calls != null) {
                for (Map.Entry<String, Edge> call : new TreeMap<>(calls).entrySet()) {
                    w.print("cfn=" + call.getKey() + "\n");
                    w.print("calls=" + call.getValue().calls.sum() + " 0\n");
                    w.print("0 " + call.getValue().inclusive.sum() + "\n");
                }
            }
            w.print("\n");
        }
        w.print("totals: " + total + "\n");
    }
}
