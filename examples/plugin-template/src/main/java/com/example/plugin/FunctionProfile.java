package com.example.plugin;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template plugin: counts the instructions executed in each function (by the symbol the API gives
 * each instruction) with inline counters, and prints the busiest functions at exit.
 *
 * <p>Usage: {@code -plugin plugin-template-1.0.jar[,top=N]}. Output: {@code total insns: X}, then up
 * to N lines {@code COUNT SYMBOL}, busiest first ({@code ?} for code without a symbol).
 */
public final class FunctionProfile implements Plugin {
    private static final int MAX_FUNCTIONS = 1024;

    /** One scoreboard entry per function, handed out as new symbols appear. */
    private final Map<String, ScoreboardU64> counters = new LinkedHashMap<>();
    private Scoreboard board;
    private ScoreboardU64 other;

    @Override
    public String name() {
        return "function-profile";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        int top = 10;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "top" -> {
                    try {
                        top = Integer.parseInt(a.value());
                    } catch (NumberFormatException e) {
                        throw new PluginArgumentException("top must be a number: " + a);
                    }
                }
                default -> throw new PluginArgumentException("unknown argument: " + a);
            }
        }
        board = ctx.newScoreboard(MAX_FUNCTIONS + 1);
        other = board.u64(MAX_FUNCTIONS);
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                String symbol = tb.insn(i).symbol();
                // an inline add costs a few host instructions per execution, no call
                tb.insn(i).inline(InlineOp.ADD_U64, counter(symbol == null ? "?" : symbol), 1);
            }
        });
        int shown = top;
        ctx.onExit(() -> ctx.out(report(shown)));
    }

    private synchronized ScoreboardU64 counter(String symbol) {
        ScoreboardU64 c = counters.get(symbol);
        if (c == null) {
            // past MAX_FUNCTIONS symbols, the rest share one entry
            c = counters.size() < MAX_FUNCTIONS ? board.u64(counters.size()) : other;
            counters.put(symbol, c);
        }
        return c;
    }

    private synchronized String report(int top) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>();
        long total = other.sum();
        for (Map.Entry<String, ScoreboardU64> e : counters.entrySet()) {
            if (e.getValue() != other) {
                rows.add(Map.entry(e.getKey(), e.getValue().sum()));
                total += e.getValue().sum();
            }
        }
        rows.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        StringBuilder s = new StringBuilder("total insns: " + total + "\n");
        rows.stream().limit(top).forEach(r -> s.append(r.getValue()).append(' ').append(r.getKey()).append('\n'));
        return s.toString();
    }
}
