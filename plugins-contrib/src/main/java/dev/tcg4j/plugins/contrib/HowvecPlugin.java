package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts executed instructions by class, as QEMU's contrib/plugins/howvec.c, with a class table for
 * RISC-V (QEMU 7.2 has none: every RISC-V instruction falls into "Unclassified", counted one opcode at
 * a time). The table follows QEMU's: (mask, pattern) pairs over the encoding, most precise first,
 * matched in order; here by major opcode, with the M extension, system instructions and the
 * compressed quadrants split by their funct3 groups.
 *
 * <p>Arguments: {@code inline=on|off}; {@code verbose=on|off} (also list classes with no hits);
 * {@code count=CLASS} (count that class's instructions one opcode at a time) and {@code count=!CLASS}
 * (don't count it), CLASS being the table's short name ({@link #RISCV_TABLE}).
 *
 * <p>Output at exit: {@code Instruction Classes:}, a {@code Class: NAME\t(N hits)} line per class
 * (or {@code counted individually} / {@code not counted}), then when more than one opcode was counted
 * individually {@code Individual Instructions:} and up to 50 lines {@code Instr: DISAS\t(N
 * hits)\t(op=0xOPCODE/CLASS)}, the most executed first. A compressed instruction's opcode is its 16
 * bits (QEMU 7.2 reads 32 bits there, the upper half garbage).
 */
public final class HowvecPlugin implements Plugin {
    private static final int LIMIT = 50;

    enum CountType { CLASS, INDIVIDUAL, NONE }

    /** One row of the class table: QEMU's InsnClassExecCount, with its counter. */
    static final class InsnClass {
        final String name;
        final String opt;
        final int mask;
        final int pattern;
        CountType what;
        ScoreboardU64 count;

        InsnClass(String name, String opt, int mask, int pattern, CountType what) {
            this.name = name;
            this.opt = opt;
            this.mask = mask;
            this.pattern = pattern;
            this.what = what;
        }
    }

    /** One opcode counted individually: QEMU's InsnExecCount. */
    private record Individual(String disas, int opcode, InsnClass insnClass, ScoreboardU64 count) {}

    /**
     * A row of a class table: the name printed, the short name of {@code count=}, and the bits an
     * encoding must have: {@code (opcode & mask) == pattern}.
     */
    public record ClassRow(String name, String opt, int mask, int pattern) {}

    /** The RISC-V table, in matching order. Compressed rows test the low 16 bits. */
    public static final List<ClassRow> RISCV_TABLE = List.of(
        // compressed, quadrant 0 (bits 1:0 = 00), by funct3 (bits 15:13)
        new ClassRow("  C Stack Addr", "caddi4spn", 0xe003, 0x0000),
        new ClassRow("  C Load", "cld", 0x8003, 0x0000),
        new ClassRow("  C Store", "cst", 0x8003, 0x8000),
        // quadrant 1
        new ClassRow("  C Cond Branch", "cbcc", 0xc003, 0xc001),
        new ClassRow("  C Jump", "cj", 0xe003, 0xa001),
        new ClassRow("  C ALU", "calu", 0x0003, 0x0001),
        // quadrant 2
        new ClassRow("  C Shift", "cslli", 0xe003, 0x0002),
        new ClassRow("  C Load (sp)", "cldsp", 0x8003, 0x0002),
        new ClassRow("  C Breakpoint", "cebreak", 0xffff, 0x9002),
        new ClassRow("  C Jump Reg", "cjr", 0xe07f, 0x8002),
        new ClassRow("  C Move/Add", "cmv", 0xe003, 0x8002),
        new ClassRow("  C Store (sp)", "cstsp", 0x8003, 0x8002),
        // 32-bit, by major opcode (bits 6:0)
        new ClassRow("  Load", "ld", 0x7f, 0x03),
        new ClassRow("  FP Load", "fld", 0x7f, 0x07),
        new ClassRow("  Fence", "fence", 0x7f, 0x0f),
        new ClassRow("  ALU (imm)", "alui", 0x7f, 0x13),
        new ClassRow("  AUIPC", "auipc", 0x7f, 0x17),
        new ClassRow("  ALU (imm, W)", "aluiw", 0x7f, 0x1b),
        new ClassRow("  Store", "st", 0x7f, 0x23),
        new ClassRow("  FP Store", "fst", 0x7f, 0x27),
        new ClassRow("  Atomic", "amo", 0x7f, 0x2f),
        new ClassRow("  Mul/Div", "muldiv", 0xfe00007f, 0x02000033),
        new ClassRow("  ALU (reg)", "alur", 0x7f, 0x33),
        new ClassRow("  LUI", "lui", 0x7f, 0x37),
        new ClassRow("  Mul/Div (W)", "muldivw", 0xfe00007f, 0x0200003b),
        new ClassRow("  ALU (reg, W)", "alurw", 0x7f, 0x3b),
        new ClassRow("  FP Fused", "fma", 0x73, 0x43),
        new ClassRow("  FP Arith", "fpu", 0x7f, 0x53),
        new ClassRow("  Cond Branch", "bcc", 0x7f, 0x63),
        new ClassRow("  JALR", "jalr", 0x7f, 0x67),
        new ClassRow("  JAL", "jal", 0x7f, 0x6f),
        new ClassRow("  ECALL", "ecall", 0xffffffff, 0x00000073),
        new ClassRow("  EBREAK", "ebreak", 0xffffffff, 0x00100073),
        new ClassRow("  System/CSR", "csr", 0x7f, 0x73),
        new ClassRow("Unclassified", "unclas", 0x00000000, 0x00000000));

    private final List<InsnClass> table = new ArrayList<>();
    private final Map<Integer, Individual> individuals = new HashMap<>();
    private CounterPool counters;
    private boolean inline;
    private boolean verbose;

    @Override
    public String name() {
        return "howvec";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        if ("riscv64".equals(ctx.targetName()) || "riscv32".equals(ctx.targetName())) {
            for (ClassRow row : RISCV_TABLE) {
                table.add(new InsnClass(row.name(), row.opt(), row.mask(), row.pattern(), CountType.CLASS));
            }
        } else {
            table.add(new InsnClass("Unclassified", "unclas", 0, 0, CountType.INDIVIDUAL));
        }
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "inline" -> inline = PluginArgs.parseBool(a.key(), a.value());
                case "verbose" -> verbose = PluginArgs.parseBool(a.key(), a.value());
                case "count" -> {
                    String value = a.value();
                    CountType type = CountType.INDIVIDUAL;
                    if (value.startsWith("!")) {
                        type = CountType.NONE;
                        value = value.substring(1);
                    }
                    boolean known = false;
                    for (InsnClass c : table) {
                        if (c.opt.equals(value)) {
                            c.what = type;
                            known = true;
                            break;
                        }
                    }
                    // QEMU ignores an unknown class; naming it saves the user a silent surprise
                    if (!known) {
                        throw new PluginArgumentException("unknown instruction class: " + a);
                    }
                }
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        counters = new CounterPool(ctx);
        for (InsnClass c : table) {
            c.count = counters.next();
        }
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                ScoreboardU64 counter = counter(insn);
                if (counter == null) {
                    continue;
                }
                if (inline) {
                    insn.inline(InlineOp.ADD_U64, counter, 1);
                } else {
                    insn.onExec((vcpu, data) -> ((ScoreboardU64) data).add(vcpu, 1), RegAccess.NO_REGS, counter);
                }
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    /** The encoding, little-endian, zero-extended from the instruction's length (at most 32 bits). */
    static int opcode(byte[] bytes) {
        int op = 0;
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            op |= (bytes[i] & 0xff) << (8 * i);
        }
        return op;
    }

    /**
     * The short name ({@code count=} spelling) of the RISC-V class of {@code opcode} (a compressed
     * instruction's 16 bits zero-extended), for tests that count classes from an instruction trace.
     */
    public static String riscvClassOf(int opcode) {
        for (ClassRow row : RISCV_TABLE) {
            if ((opcode & row.mask()) == row.pattern()) {
                return row.opt();
            }
        }
        throw new IllegalStateException("the table ends with a row that matches everything");
    }

    static InsnClass classify(List<InsnClass> table, int opcode) {
        for (InsnClass c : table) {
            if ((opcode & c.mask) == c.pattern) {
                return c;
            }
        }
        return table.get(table.size() - 1);
    }

    private ScoreboardU64 counter(InsnView insn) {
        int opcode = opcode(insn.bytes());
        InsnClass c = classify(table, opcode);
        return switch (c.what) {
            case NONE -> null;
            case CLASS -> c.count;
            case INDIVIDUAL -> {
                synchronized (individuals) {
                    Individual ind = individuals.get(opcode);
                    if (ind == null) {
                        ind = new Individual(insn.disassembly(), opcode, c, counters.next());
                        individuals.put(opcode, ind);
                    }
                    yield ind.count();
                }
            }
        };
    }

    String report() {
        StringBuilder s = new StringBuilder("Instruction Classes:\n");
        for (InsnClass c : table) {
            switch (c.what) {
                case CLASS -> {
                    long hits = c.count.sum();
                    if (hits != 0 || verbose) {
                        s.append(String.format("Class: %-24s\t(%s hits)\n", c.name, Long.toUnsignedString(hits)));
                    }
                }
                case INDIVIDUAL -> s.append(String.format("Class: %-24s\tcounted individually\n", c.name));
                case NONE -> s.append(String.format("Class: %-24s\tnot counted\n", c.name));
            }
        }
        List<Individual> rows;
        synchronized (individuals) {
            rows = new ArrayList<>(individuals.values());
        }
        if (rows.size() > 1) {
            s.append("Individual Instructions:\n");
            Map<Individual, Long> hits = new HashMap<>();
            rows.forEach(r -> hits.put(r, r.count().sum()));
            rows.sort(Comparator.comparing((Individual r) -> hits.get(r), Long::compareUnsigned).reversed()
                    .thenComparing(r -> r.opcode() & 0xffffffffL));
            for (int i = 0; i < LIMIT && i < rows.size() - 1; i++) {
                Individual r = rows.get(i);
                s.append(String.format("Instr: %-24s\t(%s hits)\t(op=0x%08x/%s)\n", r.disas(),
                        Long.toUnsignedString(hits.get(r)), r.opcode(), r.insnClass().name));
            }
        }
        return s.toString();
    }
}
