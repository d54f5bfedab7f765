package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Register;
import dev.tcg4j.plugin.api.TbView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Logs each executed instruction with its memory accesses, as QEMU's contrib/plugins/execlog.c, and
 * with {@code reg=} the registers it changed, as later QEMU's.
 *
 * <p>Arguments (each repeatable): {@code ifilter=PREFIX} logs only instructions whose disassembly
 * starts with PREFIX; {@code afilter=ADDR} (hex) only the instruction at ADDR; {@code reg=PATTERN}
 * (a glob, {@code *} and {@code ?}, on gdb's register names: {@code reg=a*}, {@code reg=sp}) appends
 * each change of a matching register to the line of the instruction logged last, checking before
 * every instruction; {@code rdisas=on} (later QEMU's "disassembly assist") checks only after an
 * instruction whose operands name a tracked register, and logs every such instruction whatever the
 * filters say.
 *
 * <p>Output, one line per logged instruction, written when the vCPU's next logged instruction starts
 * (or at exit): {@code VCPU, 0xVADDR, 0xOPCODE, "DISAS"}, then {@code , load, 0xADDR} or
 * {@code , store, 0xADDR} per access, then {@code , REG -> 0xVALUE} per changed register. A
 * compressed instruction's opcode is its 16 bits (QEMU 7.2 prints 32, the upper half garbage).
 */
public final class ExeclogPlugin implements Plugin {
    /** A tracked register of one vCPU with the value last seen. */
    private static final class Tracked {
        final Register reg;
        long last;

        Tracked(Register reg, long last) {
            this.reg = reg;
            this.last = last;
        }
    }

    /** A vCPU's pending line and tracked registers. */
    private static final class Cpu {
        final StringBuilder lastExec = new StringBuilder();
        List<Tracked> registers = List.of();
    }

    private PluginContext ctx;
    private final List<String> imatches = new ArrayList<>();
    private final List<Long> amatches = new ArrayList<>();
    private final List<Pattern> rmatches = new ArrayList<>();
    private final List<Cpu> cpus = new ArrayList<>();
    private boolean disasAssist;
    /** The lower-case names of the tracked registers, for rdisas: filled as vCPUs start. */
    private final Set<String> trackedNames = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "execlog";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        this.ctx = ctx;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "ifilter" -> imatches.add(a.value());
                case "afilter" -> amatches.add(Args.strtoull(a.value(), 16));
                case "reg" -> rmatches.add(glob(a.value()));
                case "rdisas" -> disasAssist = args.bool(a.key(), false);
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        if (!rmatches.isEmpty()) {
            ctx.onVcpuInit(this::initRegisters);
        }
        ctx.onTbTranslate(this::translate);
        ctx.onExit(() -> {
            StringBuilder s = new StringBuilder();
            synchronized (cpus) {
                for (Cpu c : cpus) {
                    s.append(c.lastExec).append('\n');
                }
            }
            ctx.out(s.toString());
        });
    }

    /**
     * As later QEMU's vcpu_tb_trans: a filter hit logs one instruction (the skip "latches" until
     * then); with tracked registers, an instruction not logged still gets a callback that checks
     * them and prints the line pending; with rdisas, registers are checked only after an
     * instruction whose operands name one (and that instruction is logged).
     */
    private void translate(TbView tb) {
        boolean filtering = !imatches.isEmpty() || !amatches.isEmpty();
        boolean tracking = !rmatches.isEmpty();
        boolean skip = filtering;
        boolean checkThis = tracking;
        boolean checkNext = false;
        for (int i = 0; i < tb.insnCount(); i++) {
            InsnView insn = tb.insn(i);
            String disas = insn.disassembly();
            if (skip && imatches.stream().anyMatch(disas::startsWith)) {
                skip = false;
                checkNext = tracking;
            }
            if (skip && amatches.contains(insn.vaddr())) {
                skip = false;
            }
            if (disasAssist && tracking) {
                checkNext = namesTrackedRegister(disas);
                skip &= !checkNext;
            }
            if (skip) {
                if (checkThis) {
                    insn.onExec((vcpu, data) -> checkedLine(vcpu, null), RegAccess.R_REGS, null);
                }
            } else {
                String output = String.format("0x%x, 0x%x, \"%s\"", insn.vaddr(),
                        HowvecPlugin.opcode(insn.bytes()) & 0xffffffffL, disas);
                insn.onMem((vcpu, info, vaddr, data) -> cpu(vcpu).lastExec
                        .append(info.isStore() ? ", store" : ", load").append(String.format(", 0x%08x", vaddr)),
                        RegAccess.NO_REGS, MemRw.RW, null);
                if (checkThis) {
                    insn.onExec((vcpu, data) -> checkedLine(vcpu, (String) data), RegAccess.R_REGS, output);
                } else {
                    insn.onExec((vcpu, data) -> exec(vcpu, (String) data), RegAccess.NO_REGS, output);
                }
                skip = filtering;
            }
            if (disasAssist && tracking) {
                checkThis = checkNext;
            }
        }
    }

    /**
     * QEMU's test: a tracked name anywhere in the text after the mnemonic (so {@code a1} is in
     * {@code a10}). QEMU looks for the first space; tcg4j's disassembly has a tab there.
     */
    private boolean namesTrackedRegister(String disas) {
        int gap = 0;
        while (gap < disas.length() && !Character.isWhitespace(disas.charAt(gap))) {
            gap++;
        }
        if (gap == disas.length()) {
            return false;
        }
        String operands = disas.substring(gap);
        for (String name : trackedNames) {
            if (operands.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** glib's g_pattern_match_simple: {@code *} any run of characters, {@code ?} one character. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private Cpu cpu(int vcpu) {
        synchronized (cpus) {
            while (cpus.size() <= vcpu) {
                cpus.add(new Cpu());
            }
            return cpus.get(vcpu);
        }
    }

    /** Runs on the new vCPU's thread: the registers to track, with their first values. */
    private void initRegisters(int vcpu) {
        List<Tracked> tracked = new ArrayList<>();
        for (Register r : ctx.registers()) {
            String lower = r.name().toLowerCase(java.util.Locale.ROOT);
            for (Pattern p : rmatches) {
                if (p.matcher(r.name()).matches() || p.matcher(lower).matches()) {
                    tracked.add(new Tracked(r, ctx.readRegister(vcpu, r)));
                    trackedNames.add(lower);
                    break;
                }
            }
        }
        cpu(vcpu).registers = tracked;
    }

    private void checkRegisters(int vcpu) {
        Cpu c = cpu(vcpu);
        for (Tracked t : c.registers) {
            long now = ctx.readRegister(vcpu, t.reg);
            if (now != t.last) {
                String hex = Long.toHexString(now);
                c.lastExec.append(", ").append(t.reg.name()).append(" -> 0x")
                        .append("0".repeat(Math.max(0, 2 * t.reg.sizeBytes() - hex.length()))).append(hex);
                t.last = now;
            }
        }
    }

    /**
     * The pending line, with the tracked registers' changes, is printed; then {@code output} (null:
     * nothing, for an instruction not logged) becomes the pending line.
     */
    private void checkedLine(int vcpu, String output) {
        Cpu c = cpu(vcpu);
        if (!c.lastExec.isEmpty()) {
            checkRegisters(vcpu);
        }
        if (output == null) {
            if (!c.lastExec.isEmpty()) {
                ctx.out(c.lastExec.append('\n').toString());
            }
            c.lastExec.setLength(0);
        } else {
            exec(vcpu, output);
        }
    }

    private void exec(int vcpu, String output) {
        Cpu c = cpu(vcpu);
        if (!c.lastExec.isEmpty()) {
            ctx.out(c.lastExec.append('\n').toString());
        }
        c.lastExec.setLength(0);
        c.lastExec.append(vcpu).append(", ").append(output);
    }
}
