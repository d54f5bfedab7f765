package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;

/**
 * Routes each decoded instruction to its translate method. The switch is exhaustive over the
 * encoding table, so an entry added to {@code Insn} does not compile until it is translated.
 */
final class Translations {
    private Translations() {}

    static void translate(InsnContext c, Decoded d) {
        if (d.rd() == 0 && isPureIntegerOp(d)) {
            return; // a HINT or a nop: writes only x0 and cannot trap
        }
        switch (d.insn()) {
            case PAUSE -> TransZihint.pause(c, d);
            case NTL_P1, NTL_PALL, NTL_S1, NTL_ALL -> TransZihint.ntl(c, d);
            case PREFETCH_I, PREFETCH_R, PREFETCH_W -> TransZicbo.prefetch(c, d);
            case LUI -> TransRvi.lui(c, d);
            case AUIPC -> TransRvi.auipc(c, d);
            case JAL -> TransRvi.jal(c, d);
            case JALR -> TransRvi.jalr(c, d);
            case BEQ -> TransRvi.beq(c, d);
            case BNE -> TransRvi.bne(c, d);
            case BLT -> TransRvi.blt(c, d);
            case BGE -> TransRvi.bge(c, d);
            case BLTU -> TransRvi.bltu(c, d);
            case BGEU -> TransRvi.bgeu(c, d);
            case LB -> TransRvi.lb(c, d);
            case LH -> TransRvi.lh(c, d);
            case LW -> TransRvi.lw(c, d);
            case LD -> TransRvi.ld(c, d);
            case LBU -> TransRvi.lbu(c, d);
            case LHU -> TransRvi.lhu(c, d);
            case LWU -> TransRvi.lwu(c, d);
            case SB -> TransRvi.sb(c, d);
            case SH -> TransRvi.sh(c, d);
            case SW -> TransRvi.sw(c, d);
            case SD -> TransRvi.sd(c, d);
            case ADDI -> TransRvi.addi(c, d);
            case SLTI -> TransRvi.slti(c, d);
            case SLTIU -> TransRvi.sltiu(c, d);
            case XORI -> TransRvi.xori(c, d);
            case ORI -> TransRvi.ori(c, d);
            case ANDI -> TransRvi.andi(c, d);
            case SLLI -> TransRvi.slli(c, d);
            case SRLI -> TransRvi.srli(c, d);
            case SRAI -> TransRvi.srai(c, d);
            case ADD -> TransRvi.add(c, d);
            case SUB -> TransRvi.sub(c, d);
            case SLL -> TransRvi.sll(c, d);
            case SLT -> TransRvi.slt(c, d);
            case SLTU -> TransRvi.sltu(c, d);
            case XOR -> TransRvi.xor(c, d);
            case SRL -> TransRvi.srl(c, d);
            case SRA -> TransRvi.sra(c, d);
            case OR -> TransRvi.or(c, d);
            case AND -> TransRvi.and(c, d);
            case ADDIW -> TransRvi.addiw(c, d);
            case SLLIW -> TransRvi.slliw(c, d);
            case SRLIW -> TransRvi.srliw(c, d);
            case SRAIW -> TransRvi.sraiw(c, d);
            case ADDW -> TransRvi.addw(c, d);
            case SUBW -> TransRvi.subw(c, d);
            case SLLW -> TransRvi.sllw(c, d);
            case SRLW -> TransRvi.srlw(c, d);
            case SRAW -> TransRvi.sraw(c, d);
            case FENCE -> TransSystem.fence(c, d);
            case ECALL -> TransSystem.ecall(c, d);
            case EBREAK -> TransSystem.ebreak(c, d);
            case FENCE_I -> TransSystem.fenceI(c, d);
            case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> TransZicsr.csr(c, d);
            case MUL -> TransRvm.mul(c, d);
            case MULH -> TransRvm.mulh(c, d);
            case MULHSU -> TransRvm.mulhsu(c, d);
            case MULHU -> TransRvm.mulhu(c, d);
            case DIV -> TransRvm.div(c, d);
            case DIVU -> TransRvm.divu(c, d);
            case REM -> TransRvm.rem(c, d);
            case REMU -> TransRvm.remu(c, d);
            case MULW -> TransRvm.mulw(c, d);
            case DIVW -> TransRvm.divw(c, d);
            case DIVUW -> TransRvm.divuw(c, d);
            case REMW -> TransRvm.remw(c, d);
            case REMUW -> TransRvm.remuw(c, d);
            case LR_W, SC_W, AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W,
                    AMOMAXU_W, LR_D, SC_D, AMOSWAP_D, AMOADD_D, AMOXOR_D, AMOAND_D, AMOOR_D, AMOMIN_D, AMOMAX_D,
                    AMOMINU_D, AMOMAXU_D -> TransRva.atomic(c, d);
            case FLW -> TransRvf.flw(c, d);
            case FSW -> TransRvf.fsw(c, d);
            case FLD -> TransRvf.fld(c, d);
            case FSD -> TransRvf.fsd(c, d);
            case FMV_X_W -> TransRvf.fmvXW(c, d);
            case FMV_W_X -> TransRvf.fmvWX(c, d);
            case FMV_X_D -> TransRvf.fmvXD(c, d);
            case FMV_D_X -> TransRvf.fmvDX(c, d);
            case FMADD_S, FMSUB_S, FNMSUB_S, FNMADD_S, FADD_S, FSUB_S, FMUL_S, FDIV_S, FSQRT_S, FSGNJ_S, FSGNJN_S,
                    FSGNJX_S, FMIN_S, FMAX_S, FCVT_W_S, FCVT_WU_S, FCVT_L_S, FCVT_LU_S, FEQ_S, FLT_S, FLE_S, FCLASS_S,
                    FCVT_S_W, FCVT_S_WU, FCVT_S_L, FCVT_S_LU, FMADD_D, FMSUB_D, FNMSUB_D, FNMADD_D, FADD_D, FSUB_D,
                    FMUL_D, FDIV_D, FSQRT_D, FSGNJ_D, FSGNJN_D, FSGNJX_D, FMIN_D, FMAX_D, FCVT_S_D, FCVT_D_S, FEQ_D,
                    FLT_D, FLE_D, FCLASS_D, FCVT_W_D, FCVT_WU_D, FCVT_L_D, FCVT_LU_D, FCVT_D_W, FCVT_D_WU, FCVT_D_L,
                    FCVT_D_LU -> TransRvf.helper(c, d);
            case SH1ADD -> TransZba.sh1add(c, d);
            case SH2ADD -> TransZba.sh2add(c, d);
            case SH3ADD -> TransZba.sh3add(c, d);
            case ADD_UW -> TransZba.addUw(c, d);
            case SH1ADD_UW -> TransZba.sh1addUw(c, d);
            case SH2ADD_UW -> TransZba.sh2addUw(c, d);
            case SH3ADD_UW -> TransZba.sh3addUw(c, d);
            case SLLI_UW -> TransZba.slliUw(c, d);
            case ANDN -> TransZbb.andn(c, d);
            case ORN -> TransZbb.orn(c, d);
            case XNOR -> TransZbb.xnor(c, d);
            case CLZ -> TransZbb.clz(c, d);
            case CTZ -> TransZbb.ctz(c, d);
            case CPOP -> TransZbb.cpop(c, d);
            case CLZW -> TransZbb.clzw(c, d);
            case CTZW -> TransZbb.ctzw(c, d);
            case CPOPW -> TransZbb.cpopw(c, d);
            case MAX -> TransZbb.max(c, d);
            case MAXU -> TransZbb.maxu(c, d);
            case MIN -> TransZbb.min(c, d);
            case MINU -> TransZbb.minu(c, d);
            case SEXT_B -> TransZbb.sextB(c, d);
            case SEXT_H -> TransZbb.sextH(c, d);
            case ZEXT_H -> TransZbb.zextH(c, d);
            case ROL -> TransZbb.rol(c, d);
            case ROR -> TransZbb.ror(c, d);
            case ROLW -> TransZbb.rolw(c, d);
            case RORW -> TransZbb.rorw(c, d);
            case RORI -> TransZbb.rori(c, d);
            case RORIW -> TransZbb.roriw(c, d);
            case ORC_B -> TransZbb.orcB(c, d);
            case REV8 -> TransZbb.rev8(c, d);
            case CLMUL -> TransZbc.clmul(c, d);
            case CLMULR -> TransZbc.clmulr(c, d);
            case CLMULH -> TransZbc.clmulh(c, d);
            case BCLR -> TransZbs.bclr(c, d);
            case BCLRI -> TransZbs.bclri(c, d);
            case BEXT -> TransZbs.bext(c, d);
            case BEXTI -> TransZbs.bexti(c, d);
            case BINV -> TransZbs.binv(c, d);
            case BINVI -> TransZbs.binvi(c, d);
            case BSET -> TransZbs.bset(c, d);
            case BSETI -> TransZbs.bseti(c, d);
            case PACK -> TransZbk.pack(c, d);
            case PACKH -> TransZbk.packh(c, d);
            case PACKW -> TransZbk.packw(c, d);
            case BREV8 -> TransZbk.brev8(c, d);
            case XPERM4 -> TransZbk.xperm4(c, d);
            case XPERM8 -> TransZbk.xperm8(c, d);
            case CZERO_EQZ -> TransZicond.czeroEqz(c, d);
            case CZERO_NEZ -> TransZicond.czeroNez(c, d);
            case CBO_ZERO -> TransZicbo.cboZero(c, d);
            case CBO_CLEAN, CBO_FLUSH, CBO_INVAL -> TransZicbo.cboManage(c, d);
            case FLH -> TransRvf.flh(c, d);
            case FSH -> TransRvf.fsh(c, d);
            case FMV_X_H -> TransRvf.fmvXH(c, d);
            case FMV_H_X -> TransRvf.fmvHX(c, d);
            case FLI_S, FLI_D, FLI_H -> TransRvf.fli(c, d);
            case FCVT_S_H, FCVT_H_S, FCVT_D_H, FCVT_H_D, FMADD_H, FMSUB_H, FNMSUB_H, FNMADD_H, FADD_H, FSUB_H, FMUL_H,
                    FDIV_H, FSQRT_H, FSGNJ_H, FSGNJN_H, FSGNJX_H, FMIN_H, FMAX_H, FEQ_H, FLT_H, FLE_H, FCLASS_H,
                    FCVT_W_H, FCVT_WU_H, FCVT_L_H, FCVT_LU_H, FCVT_H_W, FCVT_H_WU, FCVT_H_L, FCVT_H_LU, FMINM_S,
                    FMAXM_S, FMINM_D, FMAXM_D, FMINM_H, FMAXM_H, FROUND_S, FROUNDNX_S, FROUND_D, FROUNDNX_D, FROUND_H,
                    FROUNDNX_H, FCVTMOD_W_D, FLEQ_S, FLTQ_S, FLEQ_D, FLTQ_D, FLEQ_H, FLTQ_H -> TransRvf.helper(c, d);
        }
    }

    private static boolean isPureIntegerOp(Decoded d) {
        boolean integerOnly = switch (d.insn().extension()) {
            case RV64I, RV64M, ZBA, ZBB, ZBC, ZBS, ZBKB, ZBKX, ZICOND -> true;
            default -> false;
        };
        return integerOnly && switch (d.insn().format()) {
            case R, UNARY, I, SHIFT64, SHIFT32, UPPER -> true;
            default -> false;
        };
    }
}
