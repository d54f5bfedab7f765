package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * The Zfh and Zfhmin instructions that are not plain moves, as helpers called by translated code,
 * with {@link FpHelpers}' conventions: raw 64-bit register patterns in and out, flags accrued into
 * fflags, {@code rm} the instruction's field. A half-precision operand must be NaN-boxed (its upper
 * 48 bits all ones), otherwise it reads as the canonical NaN; half-precision results are
 * NaN-boxed. Everything rounds through {@link SoftFloat}, exact in every mode; conversions to
 * integers go through the exact double value of the half.
 */
public final class HalfHelpers {
    private static final FpFormat H = FpFormat.HALF;
    private static final FpFormat S = FpFormat.SINGLE;
    private static final FpFormat D = FpFormat.DOUBLE;
    private static final long BOX = 0xffffffffffff0000L;

    private HalfHelpers() {}

    /** A half-precision operand: its low 16 bits if properly NaN-boxed, else the canonical NaN. */
    static long unbox(long reg) {
        return (reg & BOX) == BOX ? reg & 0xffffL : H.canonicalNaN;
    }

    static long box(long halfBits) {
        return halfBits | BOX;
    }

    private static int mode(CpuState cpu, long rm) {
        return RoundingModes.resolve(cpu, rm);
    }

    public static long fadd_h(CpuState cpu, long a, long b, long rm) {
        return box(SoftFloat.add(cpu, H, unbox(a), unbox(b), mode(cpu, rm)));
    }

    public static long fsub_h(CpuState cpu, long a, long b, long rm) {
        return box(SoftFloat.add(cpu, H, unbox(a), unbox(b) ^ H.signBit, mode(cpu, rm)));
    }

    public static long fmul_h(CpuState cpu, long a, long b, long rm) {
        return box(SoftFloat.mul(cpu, H, unbox(a), unbox(b), mode(cpu, rm)));
    }

    public static long fdiv_h(CpuState cpu, long a, long b, long rm) {
        return box(SoftFloat.div(cpu, H, unbox(a), unbox(b), mode(cpu, rm)));
    }

    public static long fsqrt_h(CpuState cpu, long a, long rm) {
        return box(SoftFloat.sqrt(cpu, H, unbox(a), mode(cpu, rm)));
    }

    /** {@code a*b + c}. */
    public static long fmadd_h(CpuState cpu, long a, long b, long c, long rm) {
        return box(SoftFloat.fma(cpu, H, unbox(a), unbox(b), unbox(c), mode(cpu, rm)));
    }

    /** {@code a*b - c}. */
    public static long fmsub_h(CpuState cpu, long a, long b, long c, long rm) {
        return box(SoftFloat.fma(cpu, H, unbox(a), unbox(b), unbox(c) ^ H.signBit, mode(cpu, rm)));
    }

    /** {@code -(a*b) + c}. */
    public static long fnmsub_h(CpuState cpu, long a, long b, long c, long rm) {
        return box(SoftFloat.fma(cpu, H, unbox(a) ^ H.signBit, unbox(b), unbox(c), mode(cpu, rm)));
    }

    /** {@code -(a*b) - c}. */
    public static long fnmadd_h(CpuState cpu, long a, long b, long c, long rm) {
        return box(SoftFloat.fma(cpu, H, unbox(a) ^ H.signBit, unbox(b), unbox(c) ^ H.signBit, mode(cpu, rm)));
    }

    public static long fmin_h(CpuState cpu, long a, long b) {
        return box(FpCompare.min(cpu, H, unbox(a), unbox(b)));
    }

    public static long fmax_h(CpuState cpu, long a, long b) {
        return box(FpCompare.max(cpu, H, unbox(a), unbox(b)));
    }

    public static long fsgnj_h(CpuState cpu, long a, long b) {
        return box((unbox(a) & ~H.signBit) | (unbox(b) & H.signBit));
    }

    public static long fsgnjn_h(CpuState cpu, long a, long b) {
        return box((unbox(a) & ~H.signBit) | (~unbox(b) & H.signBit));
    }

    public static long fsgnjx_h(CpuState cpu, long a, long b) {
        return box(unbox(a) ^ (unbox(b) & H.signBit));
    }

    public static long feq_h(CpuState cpu, long a, long b) {
        return FpCompare.eq(cpu, H, unbox(a), unbox(b));
    }

    public static long flt_h(CpuState cpu, long a, long b) {
        return FpCompare.lt(cpu, H, unbox(a), unbox(b));
    }

    public static long fle_h(CpuState cpu, long a, long b) {
        return FpCompare.le(cpu, H, unbox(a), unbox(b));
    }

    public static long fclass_h(CpuState cpu, long a) {
        return FpCompare.classify(H, unbox(a));
    }

    // ---- integers -------------------------------------------------------------------------------

    public static long fcvt_w_h(CpuState cpu, long a, long rm) {
        return IntConversions.toInt32(cpu, H.toDouble(unbox(a)), mode(cpu, rm));
    }

    public static long fcvt_wu_h(CpuState cpu, long a, long rm) {
        return IntConversions.toUint32(cpu, H.toDouble(unbox(a)), mode(cpu, rm));
    }

    public static long fcvt_l_h(CpuState cpu, long a, long rm) {
        return IntConversions.toInt64(cpu, H.toDouble(unbox(a)), mode(cpu, rm));
    }

    public static long fcvt_lu_h(CpuState cpu, long a, long rm) {
        return IntConversions.toUint64(cpu, H.toDouble(unbox(a)), mode(cpu, rm));
    }

    public static long fcvt_h_w(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromInt64(cpu, H, (int) a, mode(cpu, rm)));
    }

    public static long fcvt_h_wu(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromInt64(cpu, H, a & 0xffffffffL, mode(cpu, rm)));
    }

    public static long fcvt_h_l(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromInt64(cpu, H, a, mode(cpu, rm)));
    }

    public static long fcvt_h_lu(CpuState cpu, long a, long rm) {
        return box(IntConversions.fromUint64(cpu, H, a, mode(cpu, rm)));
    }

    // ---- between the formats (Zfhmin): widening is exact, but rm is still checked ---------------

    public static long fcvt_s_h(CpuState cpu, long a, long rm) {
        return FpHelpers.box(SoftFloat.convert(cpu, H, S, unbox(a), mode(cpu, rm)));
    }

    public static long fcvt_h_s(CpuState cpu, long a, long rm) {
        return box(SoftFloat.convert(cpu, S, H, FpHelpers.unbox(a), mode(cpu, rm)));
    }

    public static long fcvt_d_h(CpuState cpu, long a, long rm) {
        return SoftFloat.convert(cpu, H, D, unbox(a), mode(cpu, rm));
    }

    public static long fcvt_h_d(CpuState cpu, long a, long rm) {
        return box(SoftFloat.convert(cpu, D, H, a, mode(cpu, rm)));
    }
}
