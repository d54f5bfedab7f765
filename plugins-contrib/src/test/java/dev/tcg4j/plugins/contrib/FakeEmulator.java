package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.ExecCallback;
import dev.tcg4j.plugin.api.ExitCallback;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemCallback;
import dev.tcg4j.plugin.api.MemInfo;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Scoreboard;
import dev.tcg4j.plugin.api.ScoreboardU64;
import dev.tcg4j.plugin.api.TbTranslateCallback;
import dev.tcg4j.plugin.api.TbView;
import dev.tcg4j.plugin.api.VcpuCallback;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin host written from the API's documentation alone, to run contrib plugins in unit tests:
 * blocks of fake instructions are "translated" (the plugin registers its requests) and then
 * "executed" on a chosen vCPU, with memory accesses given per instruction.
 */
final class FakeEmulator implements PluginContext {
    static final int MAX_VCPUS = 8;

    /** A guest instruction: address, length, disassembly and the accesses it makes when run. */
    record Insn(long vaddr, int size, String disas, List<Access> accesses) {
        Insn(long vaddr, String disas, Access... accesses) {
            this(vaddr, 4, disas, List.of(accesses));
        }
    }

    record Access(long vaddr, int sizeShift, boolean store, long value) implements MemInfo {
        @Override
        public boolean isSignExtended() {
            return false;
        }

        @Override
        public boolean isBigEndian() {
            return false;
        }

        @Override
        public boolean isStore() {
            return store;
        }
    }

    /** A translated block: what the plugin asked for on it and on each instruction. */
    final class Block {
        final List<Insn> insns;
        final List<Runnable1> onTb = new ArrayList<>();
        final List<List<Runnable1>> onInsn = new ArrayList<>();
        final List<List<MemAction>> onMem = new ArrayList<>();

        Block(List<Insn> insns) {
            this.insns = insns;
            for (int i = 0; i < insns.size(); i++) {
                onInsn.add(new ArrayList<>());
                onMem.add(new ArrayList<>());
            }
        }

        void execute(int vcpu) {
            vcpuCount = Math.max(vcpuCount, vcpu + 1);
            onTb.forEach(r -> r.run(vcpu));
            for (int i = 0; i < insns.size(); i++) {
                onInsn.get(i).forEach(r -> r.run(vcpu));
                for (Access a : insns.get(i).accesses()) {
                    for (MemAction m : onMem.get(i)) {
                        if (m.rw.matches(a.store())) {
                            m.action.run(vcpu, a);
                        }
                    }
                }
            }
        }
    }

    interface Runnable1 {
        void run(int vcpu);
    }

    interface MemRun {
        void run(int vcpu, Access a);
    }

    record MemAction(MemRw rw, MemRun action) {}

    final StringBuilder out = new StringBuilder();
    int vcpuCount;
    private final List<TbTranslateCallback> translate = new ArrayList<>();
    private final List<ExitCallback> exits = new ArrayList<>();

    static FakeEmulator install(Plugin p, String... kv) {
        FakeEmulator e = new FakeEmulator();
        List<PluginArgs.Arg> args = new ArrayList<>();
        for (String s : kv) {
            int eq = s.indexOf('=');
            args.add(new PluginArgs.Arg(s.substring(0, eq), s.substring(eq + 1)));
        }
        p.install(e, PluginArgs.of(args));
        return e;
    }

    Block translate(Insn... insns) {
        Block b = new Block(List.of(insns));
        for (TbTranslateCallback cb : translate) {
            cb.onTranslate(new FakeTb(b));
        }
        return b;
    }

    String exit() {
        exits.forEach(ExitCallback::onExit);
        return out.toString();
    }

    @Override
    public String targetName() {
        return "riscv64";
    }

    @Override
    public int vcpuCount() {
        return vcpuCount;
    }

    @Override
    public void onVcpuInit(VcpuCallback cb) { }

    @Override
    public void onVcpuExit(VcpuCallback cb) { }

    @Override
    public void onExit(ExitCallback cb) {
        exits.add(cb);
    }

    @Override
    public void onTbTranslate(TbTranslateCallback cb) {
        translate.add(cb);
    }

    @Override
    public void out(String text) {
        out.append(text);
    }

    @Override
    public Scoreboard newScoreboard(int n) {
        long[][] rows = new long[MAX_VCPUS][n];
        return new Scoreboard() {
            @Override
            public int u64PerVcpu() {
                return n;
            }

            @Override
            public ScoreboardU64 u64(int index) {
                return new ScoreboardU64() {
                    @Override
                    public long get(int v) {
                        return rows[v][index];
                    }

                    @Override
                    public void set(int v, long value) {
                        rows[v][index] = value;
                    }

                    @Override
                    public void add(int v, long delta) {
                        rows[v][index] += delta;
                    }

                    @Override
                    public long sum() {
                        long s = 0;
                        for (int v = 0; v < vcpuCount; v++) {
                            s += rows[v][index];
                        }
                        return s;
                    }
                };
            }
        };
    }

    private static Runnable1 inlineOp(InlineOp op, ScoreboardU64 e, long imm) {
        return v -> {
            if (op == InlineOp.ADD_U64) {
                e.add(v, imm);
            } else {
                e.set(v, imm);
            }
        };
    }

    private static Runnable1 cond(ExecCallback cb, Condition c, ScoreboardU64 e, long imm, Object d) {
        return v -> {
            if (c.test(e.get(v), imm)) {
                cb.onExec(v, d);
            }
        };
    }

    private final class FakeTb implements TbView {
        private final Block b;

        FakeTb(Block b) {
            this.b = b;
        }

        @Override
        public int insnCount() {
            return b.insns.size();
        }

        @Override
        public long vaddr() {
            return b.insns.getFirst().vaddr();
        }

        @Override
        public InsnView insn(int i) {
            return new FakeInsn(b, i);
        }

        @Override
        public void onExec(ExecCallback cb, RegAccess regs, Object d) {
            b.onTb.add(v -> cb.onExec(v, d));
        }

        @Override
        public void onExecIf(ExecCallback cb, RegAccess regs, Condition c, ScoreboardU64 e, long imm, Object d) {
            b.onTb.add(cond(cb, c, e, imm, d));
        }

        @Override
        public void inline(InlineOp op, ScoreboardU64 e, long imm) {
            b.onTb.add(inlineOp(op, e, imm));
        }
    }

    private record FakeInsn(Block b, int i) implements InsnView {
        private Insn insn() {
            return b.insns.get(i);
        }

        @Override
        public long vaddr() {
            return insn().vaddr();
        }

        @Override
        public int size() {
            return insn().size();
        }

        @Override
        public byte[] bytes() {
            return new byte[insn().size()];
        }

        @Override
        public String disassembly() {
            return insn().disas();
        }

        @Override
        public String symbol() {
            return "main";
        }

        @Override
        public void onExec(ExecCallback cb, RegAccess regs, Object d) {
            b.onInsn.get(i).add(v -> cb.onExec(v, d));
        }

        @Override
        public void onExecIf(ExecCallback cb, RegAccess regs, Condition c, ScoreboardU64 e, long imm, Object d) {
            b.onInsn.get(i).add(cond(cb, c, e, imm, d));
        }

        @Override
        public void inline(InlineOp op, ScoreboardU64 e, long imm) {
            b.onInsn.get(i).add(inlineOp(op, e, imm));
        }

        @Override
        public void onMem(MemCallback cb, RegAccess regs, MemRw rw, Object d) {
            b.onMem.get(i).add(new MemAction(rw, (v, a) -> cb.onMem(v, a, a.vaddr(), d)));
        }

        @Override
        public void inlineMem(MemRw rw, InlineOp op, ScoreboardU64 e, long imm) {
            Runnable1 r = inlineOp(op, e, imm);
            b.onMem.get(i).add(new MemAction(rw, (v, a) -> r.run(v)));
        }
    }
}
