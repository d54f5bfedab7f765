package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * The RISC-V F and D instructions that are not plain moves, as helpers called by translated code.
 * Operands and results are raw 64-bit register patterns: single-precision inputs must be NaN-boxed
 * (otherwise they read as the canonical NaN) and single-precision results are NaN-boxed. Exception
 * flags accrue into {@code regs[RiscvArch.FFLAGS]}. An {@code rm} argument is the instruction's
 * rounding-mode field: 0-4 a static mode, 7 the dynamic mode in {@code regs[RiscvArch.FRM]};
 * reserved values (5, 6, or 7 with frm above 4) raise an illegal-instruction trap whose pc the
 * caller fills in. NaN results are always the canonical NaN, except for the sign-injection
 * instructions, which are bit operations.
 */
public final class FpHelpers {
    private static final FpFormat S = FpFormat.SINGLE;
    private static final FpFormat D = FpFormat.DOUBLE;
    private static final long BOX = 0xffffffff00000000L;
    private static final long DOUBLE_SIGN = Long.MIN_VALUE;

    private FpHelpers() {}

    /** A single-precision operand: its low 32 bits if properly NaN-boxed, else the canonical NaN. */
    static long unbox(long reg) {
        return (reg & BOX) == BOX ? reg & 0xffffffffL : S.canonicalNaN;
    }

    static long box(long singleBits) {
        return singleBits | BOX;
    }

    private static int mode(CpuState cpu, long rm) {
        return RoundingModes.resolve(cpu, rm);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static float s(long reg) {
        return Float.intBitsToFloat((int) unbox(reg));
    }

    // ---- single precision -----------------------------------------------------------------------

    public static long fadd_s(CpuState cpu, long a, long b, long rm) {
        return box(SingleArith.add(cpu, unbox(a), unbox(b), mode(cpu, rm)));
    }

    public static long fsub_s(CpuState cpu, long a, long b, long rm) {
        return box(SingleArith.sub(cpu, unbox(a), unbox(b), mode(cpu, rm)));
    }

    public static long fmul_s(CpuState cpu, long a, long b, long rm) {
        return box(SingleArith.mul(cpu, unbox(a), unbox(b), mode(cpu, rm)));
    }

    public static long fdiv_s(CpuState cpu, long a, long b, long rm) {
        return box(SingleArith.div(cpu, unbox(a), unbox(b), mode(cpu, rm)));
    }

    public static long fsqrt_s(CpuState cpu, long a, long rm) {
        return box(SingleArith.sqrt(cpu, unbox(a), mode(cpu, rm)));
    }

    public static long fmin_s(CpuState cpu, long a, long b) {
        return box(FpCompare.min(cpu, S, unbox(a), unbox(b)));
    }

    public static long fmax_s(CpuState cpu, long a, long b) {
        return box(FpCompare.max(cpu, S, unbox(a), unbox(b)));
    }

    /** {@code a*b + c}. */
    public static long fmadd_s(CpuState cpu, long a, long b, long c, long rm) {
        return box(SingleArith.fma(cpu, unbox(a), unbox(b), unbox(c), mode(cpu, rm)));
    }

    /** {@code a*b - c}. */
    public static long fmsub_s(CpuState cpu, long a, long b, long c, long rm) {
        return box(SingleArith.fma(cpu, unbox(a), unbox(b), unbox(c) ^ S.signBit, mode(cpu, rm)));
    }

    /** {@code -(a*b) + c}. */
    public static long fnmsub_s(CpuState cpu, long a, long b, long c, long rm) {
        return box(SingleArith.fma(cpu, unbox(a) ^ S.signBit, unbox(b), unbox(c), mode(cpu, rm)));
    }

    /** {@code -(a*b) - c}. */
    public static long fnmadd_s(CpuState cpu, long a, long b, long c, long rm) {
        return box(SingleArith.fma(cpu, unbox(a) ^ S.signBit, unbox(b), unbox(c) ^ S.signBit, mode(cpu, rm)));
    }

    public static long feq_s(CpuState cpu, long a, long b) {
        float x = s(a);
        float y = s(b);
        if (x == y) {
            return 1;
        }
        return x != x || y != y ? FpCompare.eq(cpu, S, unbox(a), unbox(b)) : 0;
    }

    public static long flt_s(CpuState cpu, long a, long b) {
        float x = s(a);
        float y = s(b);
        if (x < y) {
            return 1;
        }
        return x != x || y != y ? FpCompare.lt(cpu, S, unbox(a), unbox(b)) : 0;
    }

    public static long fle_s(CpuState cpu, long a, long b) {
        float x = s(a);
        float y = s(b);
        if (x <= y) {
            return 1;
        }
        return x != x || y != y ? FpCompare.le(cpu, S, unbox(a), unbox(b)) : 0;
    }

    public static long fclass_s(CpuState cpu, long a) {
        return FpCompare.classify(S, unbox(a));
    }

    public static long fsgnj_s(CpuState cpu, long a, long b) {
        return box((unbox(a) & ~S.signBit) | (unbox(b) & S.signBit));
    }

    public static long fsgnjn_s(CpuState cpu, long a, long b) {
        return box((unbox(a) & ~S.signBit) | (~unbox(b) & S.signBit));
    }

    public static long fsgnjx_s(CpuState cpu, long a, long b) {
        return box(unbox(a) ^ (unbox(b) & S.signBit));
    }

    public static long fcvt_w_s(CpuState cpu, long a, long rm) {
        return IntConversions.toInt32(cpu, s(a), mode(cpu, rm));
    }

    public static long fcvt_wu_s(CpuState cpu, long a, long rm) {
        return IntConversions.toUint32(cpu, s(a), mode(cpu, rm));
    }

    public static long fcvt_l_s(CpuState cpu, long a, long rm) {
        return IntConversions.toInt64(cpu, s(a), mode(cpu, rm));
    }

    public static long fcvt_lu_s(CpuState cpu, long a, long rm) {
        return IntConversions.toUint64(cpu, s(a), mode(cpu, rm));
    }

    public static long fcvt_s_w(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromInt64(cpu, S, (int) a, mode(cpu, rm)));
    }

    public static long fcvt_s_wu(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromInt64(cpu, S, a & 0xffffffffL, mode(cpu, rm)));
    }

    public static long fcvt_s_l(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromInt64(cpu, S, a, mode(cpu, rm)));
    }

    public static long fcvt_s_lu(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromUint64(cpu, S, a, mode(cpu, rm)));
    }

    // ---- double precision -----------------------------------------------------------------------

    public static long fadd_d(CpuState cpu, long a, long b, long rm) {
        return DoubleArith.add(cpu, a, b, mode(cpu, rm));
    }

    public static long fsub_d(CpuState cpu, long a, long b, long rm) {
        return DoubleArith.sub(cpu, a, b, mode(cpu, rm));
    }

    public static long fmul_d(CpuState cpu, long a, long b, long rm) {
        return DoubleArith.mul(cpu, a, b, mode(cpu, rm));
    }

    public static long fdiv_d(CpuState cpu, long a, long b, long rm) {
        return DoubleArith.div(cpu, a, b, mode(cpu, rm));
    }

    public static long fsqrt_d(CpuState cpu, long a, long rm) {
        return DoubleArith.sqrt(cpu, a, mode(cpu, rm));
    }

    public static long fmin_d(CpuState cpu, long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x < y) {
            return a;
        }
        if (y < x) {
            return b;
        }
        // Equal (the OR makes min(-0, +0) = -0) or unordered.
        return x == y ? a | b : FpCompare.min(cpu, D, a, b);
    }

    public static long fmax_d(CpuState cpu, long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x > y) {
            return a;
        }
        if (y > x) {
            return b;
        }
        return x == y ? a & b : FpCompare.max(cpu, D, a, b);
    }

    /** {@code a*b + c}. */
    public static long fmadd_d(CpuState cpu, long a, long b, long c, long rm) {
        return DoubleArith.fma(cpu, a, b, c, mode(cpu, rm));
    }

    /** {@code a*b - c}. */
    public static long fmsub_d(CpuState cpu, long a, long b, long c, long rm) {
        return DoubleArith.fma(cpu, a, b, c ^ DOUBLE_SIGN, mode(cpu, rm));
    }

    /** {@code -(a*b) + c}. */
    public static long fnmsub_d(CpuState cpu, long a, long b, long c, long rm) {
        return DoubleArith.fma(cpu, a ^ DOUBLE_SIGN, b, c, mode(cpu, rm));
    }

    /** {@code -(a*b) - c}. */
    public static long fnmadd_d(CpuState cpu, long a, long b, long c, long rm) {
        return DoubleArith.fma(cpu, a ^ DOUBLE_SIGN, b, c ^ DOUBLE_SIGN, mode(cpu, rm));
    }

    public static long feq_d(CpuState cpu, long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x == y) {
            return 1;
        }
        return x != x || y != y ? FpCompare.eq(cpu, D, a, b) : 0;
    }

    public static long flt_d(CpuState cpu, long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x < y) {
            return 1;
        }
        return x != x || y != y ? FpCompare.lt(cpu, D, a, b) : 0;
    }

    public static long fle_d(CpuState cpu, long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x <= y) {
            return 1;
        }
        return x != x || y != y ? FpCompare.le(cpu, D, a, b) : 0;
    }

    public static long fclass_d(CpuState cpu, long a) {
        return FpCompare.classify(D, a);
    }

    public static long fsgnj_d(CpuState cpu, long a, long b) {
        return (a & ~DOUBLE_SIGN) | (b & DOUBLE_SIGN);
    }

    public static long fsgnjn_d(CpuState cpu, long a, long b) {
        return (a & ~DOUBLE_SIGN) | (~b & DOUBLE_SIGN);
    }

    public static long fsgnjx_d(CpuState cpu, long a, long b) {
        return a ^ (b & DOUBLE_SIGN);
    }

    public static long fcvt_w_d(CpuState cpu, long a, long rm) {
        return IntConversions.toInt32(cpu, d(a), mode(cpu, rm));
    }

    public static long fcvt_wu_d(CpuState cpu, long a, long rm) {
        return IntConversions.toUint32(cpu, d(a), mode(cpu, rm));
    }

    public static long fcvt_l_d(CpuState cpu, long a, long rm) {
        return IntConversions.toInt64(cpu, d(a), mode(cpu, rm));
    }

    public static long fcvt_lu_d(CpuState cpu, long a, long rm) {
        return IntConversions.toUint64(cpu, d(a), mode(cpu, rm));
    }

    public static long fcvt_d_w(CpuState cpu, long a, long rm) {
        mode(cpu, rm);
        return Double.doubleToRawLongBits((int) a);
    }

    public static long fcvt_d_wu(CpuState cpu, long a, long rm) {
        mode(cpu, rm);
        return Double.doubleToRawLongBits(a & 0xffffffffL);
    }

    public static long fcvt_d_l(CpuState cpu, long a, long rm) {
        return IntConversions.fromInt64(cpu, D, a, mode(cpu, rm));
    }

    public static long fcvt_d_lu(CpuState cpu, long a, long rm) {
        return IntConversions.fromUint64(cpu, D, a, mode(cpu, rm));
    }

    // ---- between the formats --------------------------------------------------------------------

    public static long fcvt_s_d(CpuState cpu, long a, long rm) {
        return box(SingleArith.fromDouble(cpu, a, mode(cpu, rm)));
    }

    /** Exact; the rm field is still checked, as for every instruction that has one. */
    public static long fcvt_d_s(CpuState cpu, long a, long rm) {
        mode(cpu, rm);
        return DoubleArith.fromSingle(cpu, unbox(a));
    }
}
