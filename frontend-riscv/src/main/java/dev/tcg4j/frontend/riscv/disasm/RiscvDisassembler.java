package dev.tcg4j.frontend.riscv.disasm;

import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.frontend.riscv.decode.Compressed;
import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.decode.Decoder;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.ir.GuestInsn;
import dev.tcg4j.ir.spi.Disassembler;

/**
 * Prints instructions as GNU objdump 2.40 does by default (aliases on) for a program whose ELF
 * attributes name every extension tcg4j implements: {@code mnemonic\toperands}. Zicond and Zfa
 * are newer than binutils 2.40, which prints them as {@code .4byte}; they print here as binutils
 * 2.41 and later do ({@code czero.eqz}, {@code fli.s fa0,0x1p-1}). The Zihintntl HINTs keep 2.40's
 * {@code add zero,zero,sp}, since 2.40 knows their encodings as adds.
 * Decoding comes from the same tables as translation ({@link Insn}, {@link Compressed}); what is
 * here is only objdump's choice of alias, which follows the order of binutils' opcode table (for
 * example {@code addi} prints as {@code add} with an immediate, {@code slli} as {@code sll}).
 * Branch and jump targets print as absolute addresses ({@code 0x1c}), as objdump does without
 * symbols; objdump's {@code # 0x...} register-tracking comments are not reproduced.
 */
public final class RiscvDisassembler implements Disassembler {
    /** c.addi16sp with a zero immediate. */
    private static final int C_ADDI16SP_ZERO = 0x6101;
    private static final String[] ROUNDING = {"rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn"};
    /** fli's operand by rs1, as binutils prints it: C's {@code %a} of the value, or a symbol. */
    private static final String[] FLI = {"-0x1p+0", "min", "0x1p-16", "0x1p-15", "0x1p-8", "0x1p-7", "0x1p-4",
        "0x1p-3", "0x1p-2", "0x1.4p-2", "0x1.8p-2", "0x1.cp-2", "0x1p-1", "0x1.4p-1", "0x1.8p-1", "0x1.cp-1", "0x1p+0",
        "0x1.4p+0", "0x1.8p+0", "0x1.cp+0", "0x1p+1", "0x1.4p+1", "0x1.8p+1", "0x1p+2", "0x1p+3", "0x1p+4", "0x1p+7",
        "0x1p+8", "0x1p+15", "0x1p+16", "inf", "nan"};

    @Override
    public String disassemble(GuestInsn insn) {
        return disassemble(insn.vaddr(), (int) insn.bits(), insn.size());
    }

    /** Disassembles the {@code size}-byte instruction {@code bits} located at {@code pc}. */
    public String disassemble(long pc, int bits, int size) {
        if (size == 2) {
            return compressed(pc, bits & 0xffff);
        }
        Decoded d = Decoder.decode(bits);
        String s = d == null ? null : full(pc, d);
        return s != null ? s : ".4byte\t0x" + Integer.toHexString(bits);
    }

    // ---------------------------------------------------------------- compressed

    private static String compressed(long pc, int c) {
        Compressed row = Compressed.lookup(c);
        if (row == Compressed.UNIMP) {
            return "unimp";
        }
        if (c == C_ADDI16SP_ZERO) {
            // reserved by the ISA (and illegal to us, as to QEMU), yet binutils decodes it
            return "add\tsp,sp,0";
        }
        if (row == null || !row.isLegal()) {
            return ".2byte\t0x" + Integer.toHexString(c);
        }
        Decoded d = Decoder.decode(row.expandParcel(c));
        return switch (row) {
            case C_NOP_HINT -> "c.nop\t" + d.imm();
            case C_ADDI, C_ADDI4SPN, C_ADDI16SP -> op("add", x(d.rd()), x(d.rs1()), d.imm());
            case C_ADDIW -> d.imm() == 0 ? op("sext.w", x(d.rd()), x(d.rs1())) : op("addw", x(d.rd()), x(d.rs1()), d.imm());
            case C_LI_HINT -> op("c.li", "zero", d.imm());
            case C_LI -> op("li", x(d.rd()), d.imm());
            case C_LUI_HINT -> op("c.lui", "zero", upper(d));
            case C_SRLI64 -> "c.srli64\t" + x(d.rd());
            case C_SRAI64 -> "c.srai64\t" + x(d.rd());
            case C_SLLI64 -> "c.slli64\t" + x(d.rd());
            case C_SLLI_HINT -> op("c.slli", "zero", hex(d.imm()));
            case C_SRLI, C_SRAI, C_SLLI -> op(shiftName(d.insn()), x(d.rd()), x(d.rs1()), hex(d.imm()));
            case C_ANDI -> op("and", x(d.rd()), x(d.rs1()), d.imm());
            case C_MV_HINT -> op("c.mv", "zero", x(d.rs2()));
            case C_MV -> op("mv", x(d.rd()), x(d.rs2()));
            case C_ADD_HINT -> op("c.add", "zero", x(d.rs2()));
            default -> full(pc, d);
        };
    }

    // ---------------------------------------------------------------- 32-bit

    /** The objdump text of a 32-bit instruction, or null where objdump prints it as data. */
    private static String full(long pc, Decoded d) {
        Insn insn = d.insn();
        String rd = x(d.rd());
        String rs1 = x(d.rs1());
        String rs2 = x(d.rs2());
        long imm = d.imm();
        return switch (insn) {
            case ADDI -> {
                if (d.rd() == 0 && d.rs1() == 0 && imm == 0) {
                    yield "nop";
                } else if (d.rs1() == 0) {
                    yield op("li", rd, imm);
                } else if (imm == 0) {
                    yield op("mv", rd, rs1);
                }
                yield op("add", rd, rs1, imm);
            }
            case ADDIW -> imm == 0 ? op("sext.w", rd, rs1) : op("addw", rd, rs1, imm);
            case ANDI -> imm == 255 ? op("zext.b", rd, rs1) : op("and", rd, rs1, imm);
            case ORI -> op("or", rd, rs1, imm);
            case XORI -> imm == -1 ? op("not", rd, rs1) : op("xor", rd, rs1, imm);
            case SLTIU -> imm == 1 ? op("seqz", rd, rs1) : op("sltiu", rd, rs1, imm);
            case SLTI -> op("slti", rd, rs1, imm);
            case SLLI, SRLI, SRAI, SLLIW, SRLIW, SRAIW -> op(shiftName(insn), rd, rs1, hex(imm));
            case SUB -> d.rs1() == 0 ? op("neg", rd, rs2) : op("sub", rd, rs1, rs2);
            case SUBW -> d.rs1() == 0 ? op("negw", rd, rs2) : op("subw", rd, rs1, rs2);
            case SLTU -> d.rs1() == 0 ? op("snez", rd, rs2) : op("sltu", rd, rs1, rs2);
            case SLT -> {
                if (d.rs2() == 0) {
                    yield op("sltz", rd, rs1);
                } else if (d.rs1() == 0) {
                    yield op("sgtz", rd, rs2);
                }
                yield op("slt", rd, rs1, rs2);
            }
            case BEQ, BNE, BLT, BGE, BLTU, BGEU -> branch(pc, d);
            case JAL -> switch (d.rd()) {
                case 0 -> op("j", target(pc, imm));
                case 1 -> op("jal", target(pc, imm));
                default -> op("jal", rd, target(pc, imm));
            };
            case JALR -> jalr(d);
            case LUI, AUIPC -> op(insn.mnemonic(), rd, upper(d));
            case FENCE -> fence(d);
            case FENCE_I -> d.bits() == Insn.FENCE_I.match() ? "fence.i" : null;
            case ECALL, EBREAK -> insn.mnemonic();
            case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> csr(d);
            case LR_W, LR_D -> op(insn.mnemonic() + ordering(d), rd, "(" + rs1 + ")");
            case FCVT_D_S, FCVT_D_W, FCVT_D_WU, FCVT_S_H, FCVT_D_H -> d.rm() != 0 ? null
                    : op(insn.mnemonic(), f(d.rd()), insn == Insn.FCVT_D_W || insn == Insn.FCVT_D_WU ? rs1 : f(d.rs1()));
            // binutils lists the immediate forms under the register mnemonic first
            case RORI, BCLRI, BSETI, BINVI, BEXTI -> {
                String m = insn.mnemonic();
                yield op(m.substring(0, m.length() - 1), rd, rs1, hex(imm));
            }
            case RORIW -> op("rorw", rd, rs1, hex(imm));
            case FSGNJ_S, FSGNJN_S, FSGNJX_S, FSGNJ_D, FSGNJN_D, FSGNJX_D, FSGNJ_H, FSGNJN_H, FSGNJX_H ->
                    signInjection(d);
            case NTL_P1, NTL_PALL, NTL_S1, NTL_ALL -> op("add", rd, rs1, rs2);
            case ADD_UW -> d.rs2() == 0 ? op("zext.w", rd, rs1) : op("add.uw", rd, rs1, rs2);
            default -> generic(pc, d);
        };
    }

    /** Instructions printed with their own mnemonic and their format's operands. */
    private static String generic(long pc, Decoded d) {
        Insn insn = d.insn();
        String m = insn.mnemonic();
        return switch (insn.format()) {
            case R -> op(m, x(d.rd()), x(d.rs1()), x(d.rs2()));
            case UNARY -> op(m, x(d.rd()), x(d.rs1()));
            case SHIFT64, SHIFT32 -> op(m, x(d.rd()), x(d.rs1()), hex(d.imm()));
            case NONE -> m;
            case CBO -> op(m, "(" + x(d.rs1()) + ")");
            case PREFETCH -> op(m, (d.imm() & ~31) + "(" + x(d.rs1()) + ")");
            case FLI -> op(m, f(d.rd()), FLI[d.rs1()]);
            case I -> op(m, x(d.rd()), x(d.rs1()), d.imm());
            case LOAD -> op(m, x(d.rd()), d.imm() + "(" + x(d.rs1()) + ")");
            case STORE -> op(m, x(d.rs2()), d.imm() + "(" + x(d.rs1()) + ")");
            case FLOAD -> op(m, f(d.rd()), d.imm() + "(" + x(d.rs1()) + ")");
            case FSTORE -> op(m, f(d.rs2()), d.imm() + "(" + x(d.rs1()) + ")");
            case AMO -> op(m + ordering(d), x(d.rd()), x(d.rs2()), "(" + x(d.rs1()) + ")");
            case F_RRR_RM -> withRm(op(m, f(d.rd()), f(d.rs1()), f(d.rs2())), d);
            case F_RRRR_RM -> withRm(op(m, f(d.rd()), f(d.rs1()), f(d.rs2()), f(d.rs3())), d);
            case F_RR_RM -> withRm(op(m, f(d.rd()), f(d.rs1())), d);
            case F_TO_X_RM -> withRm(op(m, x(d.rd()), f(d.rs1())), d);
            case X_TO_F_RM -> withRm(op(m, f(d.rd()), x(d.rs1())), d);
            case F_RRR -> op(m, f(d.rd()), f(d.rs1()), f(d.rs2()));
            case F_CMP -> op(m, x(d.rd()), f(d.rs1()), f(d.rs2()));
            case F_TO_X -> op(m, x(d.rd()), f(d.rs1()));
            case X_TO_F -> op(m, f(d.rd()), x(d.rs1()));
            default -> throw new IllegalStateException("no generic syntax for " + insn);
        };
    }

    private static String branch(long pc, Decoded d) {
        String t = target(pc, d.imm());
        String rs1 = x(d.rs1());
        String rs2 = x(d.rs2());
        boolean z1 = d.rs1() == 0;
        boolean z2 = d.rs2() == 0;
        return switch (d.insn()) {
            case BEQ -> z2 ? op("beqz", rs1, t) : op("beq", rs1, rs2, t);
            case BNE -> z2 ? op("bnez", rs1, t) : op("bne", rs1, rs2, t);
            case BLT -> z2 ? op("bltz", rs1, t) : z1 ? op("bgtz", rs2, t) : op("blt", rs1, rs2, t);
            case BGE -> z1 ? op("blez", rs2, t) : z2 ? op("bgez", rs1, t) : op("bge", rs1, rs2, t);
            default -> op(d.insn().mnemonic(), rs1, rs2, t);
        };
    }

    private static String jalr(Decoded d) {
        String base = x(d.rs1());
        String mem = d.imm() + "(" + base + ")";
        return switch (d.rd()) {
            case 0 -> d.imm() == 0 ? (d.rs1() == 1 ? "ret" : op("jr", base)) : op("jr", mem);
            case 1 -> d.imm() == 0 ? op("jalr", base) : op("jalr", mem);
            default -> d.imm() == 0 ? op("jalr", x(d.rd()), base) : op("jalr", x(d.rd()), mem);
        };
    }

    private static String fence(Decoded d) {
        if (d.bits() == 0x0ff0000f) {
            return "fence";
        }
        if (d.rd() != 0 || d.rs1() != 0) {
            return null;
        }
        if (d.fm() == 8 && d.pred() == 3 && d.succ() == 3) {
            return "fence.tso";
        }
        if (d.fm() != 0) {
            return null;
        }
        return op("fence", fenceSet(d.pred()), fenceSet(d.succ()));
    }

    private static String fenceSet(int s) {
        if (s == 0) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder();
        String letters = "iorw";
        for (int i = 0; i < 4; i++) {
            if ((s & (8 >> i)) != 0) {
                sb.append(letters.charAt(i));
            }
        }
        return sb.toString();
    }

    private static String csr(Decoded d) {
        int csr = d.csr();
        String name = CsrNames.name(csr);
        String rd = x(d.rd());
        boolean noRd = d.rd() == 0;
        String rs1 = x(d.rs1());
        long uimm = d.imm();
        return switch (d.insn()) {
            case CSRRS -> {
                if (d.rs1() == 0) {
                    String reader = switch (csr) {
                        case 0x001 -> "frflags";
                        case 0x002 -> "frrm";
                        case 0x003 -> "frcsr";
                        case 0xc00 -> "rdcycle";
                        case 0xc01 -> "rdtime";
                        case 0xc02 -> "rdinstret";
                        default -> null;
                    };
                    yield reader != null ? op(reader, rd) : op("csrr", rd, name);
                }
                yield noRd ? op("csrs", name, rs1) : op("csrrs", rd, name, rs1);
            }
            case CSRRW -> {
                String writer = switch (csr) {
                    case 0x001 -> "fsflags";
                    case 0x002 -> "fsrm";
                    case 0x003 -> "fscsr";
                    default -> null;
                };
                if (writer != null) {
                    yield noRd ? op(writer, rs1) : op(writer, rd, rs1);
                }
                if (d.bits() == 0xc0001073) {
                    yield "unimp";
                }
                yield noRd ? op("csrw", name, rs1) : op("csrrw", rd, name, rs1);
            }
            case CSRRC -> noRd ? op("csrc", name, rs1) : op("csrrc", rd, name, rs1);
            case CSRRWI -> {
                if (csr == 0x001 || csr == 0x002) {
                    yield op(csr == 1 ? "fsflagsi" : "fsrmi", rd, uimm);
                }
                yield noRd ? op("csrw", name, uimm) : op("csrrw", rd, name, uimm);
            }
            case CSRRSI -> noRd ? op("csrs", name, uimm) : op("csrrs", rd, name, uimm);
            case CSRRCI -> noRd ? op("csrc", name, uimm) : op("csrrc", rd, name, uimm);
            default -> throw new IllegalStateException(d.insn().toString());
        };
    }

    private static String signInjection(Decoded d) {
        String m = d.insn().mnemonic();
        if (d.rs1() == d.rs2()) {
            String suffix = m.substring(m.length() - 2);
            String alias = switch (m.substring(0, m.length() - 2)) {
                case "fsgnj" -> "fmv";
                case "fsgnjn" -> "fneg";
                default -> "fabs";
            };
            return op(alias + suffix, f(d.rd()), f(d.rs1()));
        }
        return op(m, f(d.rd()), f(d.rs1()), f(d.rs2()));
    }

    private static String withRm(String text, Decoded d) {
        return d.rm() == 7 ? text : text + "," + ROUNDING[d.rm()];
    }

    private static String ordering(Decoded d) {
        return d.aq() ? (d.rl() ? ".aqrl" : ".aq") : (d.rl() ? ".rl" : "");
    }

    private static String shiftName(Insn insn) {
        return switch (insn) {
            case SLLI -> "sll";
            case SRLI -> "srl";
            case SRAI -> "sra";
            case SLLIW -> "sllw";
            case SRLIW -> "srlw";
            case SRAIW -> "sraw";
            default -> throw new IllegalArgumentException(insn.toString());
        };
    }

    // ---------------------------------------------------------------- operands

    private static String x(int r) {
        return RiscvArch.xName(r);
    }

    private static String f(int r) {
        return RiscvArch.fName(r);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String upper(Decoded d) {
        return hex((d.imm() >>> 12) & 0xfffff);
    }

    private static String target(long pc, long offset) {
        return hex(pc + offset);
    }

    private static String op(String mnemonic, Object... operands) {
        StringBuilder sb = new StringBuilder(mnemonic).append('\t');
        for (int i = 0; i < operands.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(operands[i]);
        }
        return sb.toString();
    }
}
