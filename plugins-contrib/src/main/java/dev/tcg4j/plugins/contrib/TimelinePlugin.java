package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a timeline of function calls (beyond QEMU) as Chrome trace event JSON, which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: one {@code B} event when a function is entered and one
 * {@code E} event when it is left, per vCPU ({@code tid} is the vCPU index), nested as the calls were.
 *
 * <p>Arguments: {@code outfile=PATH} (default {@code timeline.json}); filters, which keep a large
 * program's trace small: {@code fn=NAME} (repeatable) keeps only the calls of NAME and the calls
 * made inside them, {@code maxdepth=N} only calls at most N deep (a call from the function running
 * at start is depth 1), {@code mindur=N} only calls that lasted at least N instructions, each then
 * written when it ends as one {@code X} (complete) event with its {@code dur}, so not in time order.
 * Time ({@code ts}) is the vCPU's executed instruction count, shown as microseconds: one instruction
 * per microsecond. Each vCPU has its own clock, so vCPUs' timelines are not aligned with each other.
 * Calls are found as by {@link CallTracker}; the function running when a vCPU starts is not an event.
 */
public final class TimelinePlugin implements Plugin {
    private BufferedWriter out;
    private boolean first = true;
    private final Set<Integer> namedVcpus = new HashSet<>();
    private final Set<String> functions = new HashSet<>();
    private long maxDepth = Long.MAX_VALUE;
    private long minDuration;
    /** Per vCPU, the depth of the outermost open call of a {@code fn=} function; none when outside. */
    private final Map<Integer, Integer> insideAt = new HashMap<>();

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        String outfile = "timeline.json";
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "outfile" -> outfile = a.value();
                case "fn" -> functions.add(a.value());
                case "maxdepth" -> maxDepth = Args.number(a.key(), a.value());
                case "mindur" -> minDuration = Args.number(a.key(), a.value());
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        Path file = Path.of(outfile);
        try {
            out = Files.newBufferedWriter(file);
            out.write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[");
        } catch (IOException | RuntimeException e) {
            throw new PluginArgumentException("cannot open " + file + ": " + e.getMessage());
        }
        CallTracker tracker = new CallTracker(new CallTracker.Listener() {
            @Override
            public void enter(int vcpu, CallTracker.Frame frame, long now) {
                if (kept(vcpu, frame, true) && minDuration == 0) {
                    event(vcpu, "\"B\"", frame.fn(), now);
                }
            }

            @Override
            public void leave(int vcpu, CallTracker.Frame frame, long now) {
                if (!kept(vcpu, frame, false)) {
                    return;
                }
                long duration = now - frame.entered();
                if (minDuration == 0) {
                    event(vcpu, "\"E\"", frame.fn(), now);
                } else if (duration >= minDuration) {
                    event(vcpu, "\"X\",\"dur\":" + duration, frame.fn(), frame.entered());
                }
            }

            @Override
            public void block(int vcpu, String fn, long insns, long now) {
            }
        });
        tracker.install(ctx);
        ctx.onExit(() -> {
            tracker.finish();
            try {
                out.write("\n]}\n");
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("timeline: cannot write " + file, e);
            }
        });
    }

    /** Whether the fn= and maxdepth= filters keep a call; seen once entering and once leaving it. */
    private synchronized boolean kept(int vcpu, CallTracker.Frame frame, boolean entering) {
        if (frame.depth() > maxDepth) {
            return false;
        }
        if (functions.isEmpty()) {
            return true;
        }
        Integer outermost = insideAt.get(vcpu);
        if (entering) {
            if (outermost == null && functions.contains(frame.fn())) {
                insideAt.put(vcpu, frame.depth());
                return true;
            }
            return outermost != null;
        }
        if (outermost != null && outermost == frame.depth()) {
            insideAt.remove(vcpu);
        }
        return outermost != null;
    }

    /** {@code phase} is the JSON after {@code "ph":}, with any fields of the phase. */
    private synchronized void event(int vcpu, String phase, String fn, long ts) {
        try {
            if (namedVcpus.add(vcpu)) {
                separator();
                out.write("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + vcpu
                        + ",\"args\":{\"name\":\"vcpu " + vcpu + "\"}}");
            }
            separator();
            out.write("{\"name\":\"" + jsonEscape(fn) + "\",\"ph\":" + phase + ",\"ts\":" + ts
                    + ",\"pid\":1,\"tid\":" + vcpu + "}");
        } catch (IOException e) {
            throw new UncheckedIOException("timeline: cannot write", e);
        }
    }

    private void separator() throws IOException {
        out.write(first ? "\n" : ",\n");
        first = false;
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
