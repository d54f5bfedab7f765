package dev.tcg4j.frontend.riscv.fpu;

import dev.tcg4j.ir.cpu.CpuState;

/**
 * Binary32 arithmetic on unboxed bit patterns (low 32 bits). Singles are widened to doubles, the
 * operation is done in double precision together with the sign of its error, and
 * {@link DirectedRounding#toSingle} rounds that once more to single in the requested mode, which
 * also repairs the cases where plain double rounding would be wrong (fma, directed modes).
 */
final class SingleArith {
    private static final FpFormat S = FpFormat.SINGLE;

    private SingleArith() {}

    private static double widen(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    static long add(CpuState cpu, long a, long b, int rm) {
        double x = widen(a);
        double y = widen(b);
        double s = x + y;
        double yv = s - x;
        double err = (x - (s - yv)) + (y - yv);
        long r = DirectedRounding.toSingle(cpu, s, err, rm);
        return r != DirectedRounding.UNDECIDED ? r : SoftFloat.add(cpu, S, a, b, rm);
    }

    static long sub(CpuState cpu, long a, long b, int rm) {
        return add(cpu, a, b ^ S.signBit, rm);
    }

    static long mul(CpuState cpu, long a, long b, int rm) {
        // 24 x 24 bits: the double product is exact.
        long r = DirectedRounding.toSingle(cpu, widen(a) * widen(b), 0, rm);
        return r != DirectedRounding.UNDECIDED ? r : SoftFloat.mul(cpu, S, a, b, rm);
    }

    static long div(CpuState cpu, long a, long b, int rm) {
        double x = widen(a);
        double y = widen(b);
        double q = x / y;
        double rem = Math.fma(-q, y, x);
        double errSign = rem == 0 ? 0 : ((rem > 0) == (y > 0) ? 1 : -1);
        long r = DirectedRounding.toSingle(cpu, q, errSign, rm);
        return r != DirectedRounding.UNDECIDED ? r : SoftFloat.div(cpu, S, a, b, rm);
    }

    static long sqrt(CpuState cpu, long a, int rm) {
        double x = widen(a);
        double s = Math.sqrt(x);
        long r = DirectedRounding.toSingle(cpu, s, Math.fma(-s, s, x), rm);
        return r != DirectedRounding.UNDECIDED ? r : SoftFloat.sqrt(cpu, S, a, rm);
    }

    static long fma(CpuState cpu, long a, long b, long c, int rm) {
        double p = widen(a) * widen(b);
        double z = widen(c);
        double s = p + z;
        double zv = s - p;
        double err = (p - (s - zv)) + (z - zv);
        long r = DirectedRounding.toSingle(cpu, s, err, rm);
        return r != DirectedRounding.UNDECIDED ? r : SoftFloat.fma(cpu, S, a, b, c, rm);
    }

    static long fromDouble(CpuState cpu, long a, int rm) {
        double d = Double.longBitsToDouble(a);
        if (d == 0) {
            return (a >>> 32) & S.signBit;
        }
        long r = DirectedRounding.toSingle(cpu, d, 0, rm);
        return r != DirectedRounding.UNDECIDED ? r : SoftFloat.convert(cpu, FpFormat.DOUBLE, S, a, rm);
    }
}
