package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts executed instructions per vCPU, as QEMU's tests/tcg/plugins/insn.c (scoreboard version).
 *
 * <p>Arguments: {@code inline=on|off} (inline op instead of a callback), {@code sizes=on|off} (report
 * how many translated instructions had each length instead of the counts), {@code match=PREFIX}
 * (repeatable: count executions of instructions whose disassembly starts with PREFIX),
 * {@code trace=on|off} (print a line at each matched execution).
 *
 * <p>Output at exit: {@code cpu N insns: X} per vCPU and {@code total insns: X} (or
 * {@code len N bytes: X insns} lines with sizes), then for each match {@code Match: P, hits H} and
 * {@code   VADDR: DISAS (hits H)} per matched instruction. While translating, each newly matched
 * instruction prints {@code Created record for: VADDR DISAS}.
 */
public final class InsnPlugin implements Plugin {
    private static final int HITS = 0;
    private static final int LAST_HIT = 1;
    private static final int TOTAL_DELTA = 2;

    /** One match= argument and its per-vCPU (hits, last hit, total delta) counters. */
    private record Match(String prefix, Scoreboard counts) {}

    /** A matched instruction; hits counts executions over all vCPUs. */
    private static final class Record {
        final Match match;
        final long vaddr;
        final String disas;
        long hits;

        Record(Match match, long vaddr, String disas) {
            this.match = match;
            this.vaddr = vaddr;
            this.disas = disas;
        }
    }

    private PluginContext ctx;
    private ScoreboardU64 insnCount;
    private boolean inline;
    private boolean sizes;
    private boolean trace;
    private final List<Match> matches = new ArrayList<>();
    private final Map<String, Record> records = new LinkedHashMap<>();
    private final TreeMap<Integer, Long> sizeCounts = new TreeMap<>();

    @Override
    public String name() {
        return "insn";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        this.ctx = ctx;
        List<String> prefixes = new ArrayList<>();
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "inline" -> inline = PluginArgs.parseBool(a.key(), a.value());
                case "sizes" -> sizes = PluginArgs.parseBool(a.key(), a.value());
                case "trace" -> trace = PluginArgs.parseBool(a.key(), a.value());
                case "match" -> prefixes.add(a.value());
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        for (String p : prefixes) {
            matches.add(new Match(p, ctx.newScoreboard(3)));
        }
        insnCount = ctx.newScoreboard(1).u64(0);
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                instrument(tb.insn(i));
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    private void instrument(InsnView insn) {
        if (inline) {
            insn.inline(InlineOp.ADD_U64, insnCount, 1);
        } else {
            insn.onExec((vcpu, data) -> insnCount.add(vcpu, 1), RegAccess.NO_REGS, null);
        }
        if (sizes) {
            sizeCounts.merge(insn.size(), 1L, Long::sum);
        }
        if (!matches.isEmpty()) {
            String disas = insn.disassembly();
            for (Match m : matches) {
                if (disas.startsWith(m.prefix())) {
                    Record r = record(disas, insn.vaddr(), m);
                    insn.onExec((vcpu, data) -> matched(vcpu, (Record) data), RegAccess.NO_REGS, r);
                }
            }
        }
    }

    /** One record per (address, disassembly), kept by the first match that found it, as insn.c does. */
    private synchronized Record record(String disas, long vaddr, Match m) {
        String key = Long.toHexString(vaddr) + " " + disas;
        Record r = records.get(key);
        if (r == null) {
            r = new Record(m, vaddr, disas);
            records.put(key, r);
            ctx.out("Created record for: " + key + "\n");
        }
        return r;
    }

    private void matched(int vcpu, Record r) {
        long hits;
        synchronized (r) {
            hits = ++r.hits;
        }
        Scoreboard counts = r.match.counts();
        long icount = insnCount.get(vcpu);
        long delta = icount - counts.u64(LAST_HIT).get(vcpu);
        counts.u64(HITS).add(vcpu, 1);
        counts.u64(TOTAL_DELTA).add(vcpu, delta);
        counts.u64(LAST_HIT).set(vcpu, icount);
        if (trace) {
            long matchHits = counts.u64(HITS).get(vcpu);
            ctx.out(String.format("0x%x, '%s', %d hits , cpu %d, %d match hits, Δ+%d since last match,"
                    + " %d avg insns/match\n", r.vaddr, r.disas, hits, vcpu, matchHits, delta,
                    Long.divideUnsigned(counts.u64(TOTAL_DELTA).get(vcpu), matchHits)));
        }
    }

    String report() {
        StringBuilder s = new StringBuilder();
        if (sizes) {
            sizeCounts.forEach((len, n) -> s.append("len ").append(len).append(" bytes: ").append(n).append(" insns\n"));
        } else {
            for (int i = 0; i < ctx.vcpuCount(); i++) {
                s.append("cpu ").append(i).append(" insns: ").append(Long.toUnsignedString(insnCount.get(i))).append('\n');
            }
            s.append("total insns: ").append(Long.toUnsignedString(insnCount.sum())).append('\n');
        }
        synchronized (this) {
            for (Match m : matches) {
                s.append("Match: ").append(m.prefix()).append(", hits ")
                        .append(m.counts().u64(HITS).sum()).append('\n');
                for (Record r : records.values()) {
                    if (r.match == m) {
                        s.append(String.format("  %x: %s (hits %d)\n", r.vaddr, r.disas, r.hits));
                    }
                }
            }
        }
        return s.toString();
    }
}
