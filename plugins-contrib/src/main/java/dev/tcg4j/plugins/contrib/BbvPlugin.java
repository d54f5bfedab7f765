package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes SimPoint basic-block vectors, as later QEMU's contrib/plugins/bbv.c (QEMU 7.2 has none).
 *
 * <p>Arguments: {@code outfile=PREFIX} (required) and {@code interval=N} (instructions per vector,
 * default 100000000). vCPU i writes {@code PREFIX.i.bb}: each time it has run at least N
 * instructions since its last vector, a line {@code T:ID:COUNT :ID:COUNT ...} for the blocks that ran
 * in between, where ID numbers blocks by start address from 1 in the order first translated and
 * COUNT is the instructions executed in that block (executions times its length), as SimPoint wants.
 * The vCPU's count then drops by N, so a vector's counts add up to the instructions run since the
 * previous one; what runs after the last full interval is not written, as in bbv.c.
 */
public final class BbvPlugin implements Plugin {
    /** A block start address, its vector id and its per-vCPU instruction count since the last vector. */
    private record Bb(long vaddr, int id, ScoreboardU64 count) {}

    private final Map<Long, Bb> byAddress = new HashMap<>();
    private final List<Bb> byId = new ArrayList<>();
    private final Map<Integer, BufferedWriter> files = new HashMap<>();
    private PluginContext ctx;
    private ScoreboardU64 sinceVector;
    private long interval = 100_000_000L;
    private String prefix;

    @Override
    public String name() {
        return "bbv";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        this.ctx = ctx;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "interval" -> {
                    try {
                        interval = Long.parseUnsignedLong(a.value());
                    } catch (NumberFormatException e) {
                        throw new PluginArgumentException("not a number: " + a);
                    }
                    if (interval == 0) {
                        throw new PluginArgumentException("interval must be positive: " + a);
                    }
                }
                case "outfile" -> prefix = a.value();
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        if (prefix == null) {
            throw new PluginArgumentException("outfile unspecified");
        }
        sinceVector = ctx.newScoreboard(1).u64(0);
        ctx.onVcpuInit(this::open);
        ctx.onTbTranslate(tb -> {
            long n = tb.insnCount();
            Bb bb = block(tb.vaddr());
            tb.inline(InlineOp.ADD_U64, sinceVector, n);
            tb.inline(InlineOp.ADD_U64, bb.count(), n);
            tb.onExecIf((vcpu, data) -> vector(vcpu), RegAccess.NO_REGS, Condition.GE, sinceVector, interval, null);
        });
        ctx.onVcpuExit(this::close);
        ctx.onExit(() -> {
            for (int vcpu = 0; vcpu < ctx.vcpuCount(); vcpu++) {
                close(vcpu);
            }
        });
    }

    private synchronized Bb block(long vaddr) {
        return byAddress.computeIfAbsent(vaddr, a -> {
            Bb bb = new Bb(a, byId.size() + 1, ctx.newScoreboard(1).u64(0));
            byId.add(bb);
            return bb;
        });
    }

    private void open(int vcpu) {
        Path file = Path.of(prefix + "." + vcpu + ".bb");
        try {
            BufferedWriter w = Files.newBufferedWriter(file);
            synchronized (this) {
                files.put(vcpu, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bbv: cannot open " + file, e);
        }
    }

    private void close(int vcpu) {
        BufferedWriter w;
        synchronized (this) {
            w = files.remove(vcpu);
        }
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException("bbv: cannot write " + prefix + "." + vcpu + ".bb", e);
            }
        }
    }

    private void vector(int vcpu) {
        BufferedWriter w;
        List<Bb> blocks;
        synchronized (this) {
            w = files.get(vcpu);
            blocks = List.copyOf(byId);
        }
        if (w == null) {
            return;
        }
        sinceVector.set(vcpu, sinceVector.get(vcpu) - interval);
        StringBuilder line = new StringBuilder("T");
        for (Bb bb : blocks) {
            long n = bb.count().get(vcpu);
            if (n != 0) {
                line.append(':').append(bb.id()).append(':').append(Long.toUnsignedString(n)).append(' ');
                bb.count().set(vcpu, 0);
            }
        }
        line.append('\n');
        try {
            w.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("bbv: cannot write " + prefix + "." + vcpu + ".bb", e);
        }
    }
}
