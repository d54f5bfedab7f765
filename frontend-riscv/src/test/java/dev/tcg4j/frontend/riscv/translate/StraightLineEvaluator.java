package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.OpList;
import dev.tcg4j.ir.Temp;
import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.Map;

/**
 * A test-only evaluator for the straight-line start of an op list (until the first branch, call
 * of a helper that is not PURE, or exit), strict where the IR is undefined: division by zero and MIN/-1 throw, so a missing
 * guard shows up. Executing IR for real is the backends' job; this checks arithmetic semantics.
 */
final class StraightLineEvaluator {
    final long[] regs;
    private final Map<Temp, Long> temps = new HashMap<>();

    StraightLineEvaluator(long[] regs) {
        this.regs = regs;
    }

    /** Runs until an op that is not plain arithmetic; returns that op (null at the end). */
    Op run(OpList ops) {
        for (Op op : ops) {
            switch (op.opcode()) {
                case INSN_START, PLUGIN_CB, PLUGIN_MEM -> { }
                case LD_STATE -> set(op.out(0), regs[(int) op.constArg()]);
                case ST_STATE -> regs[(int) op.constArg()] = get(op.in(0));
                case MOV, NOT, NEG, EXT8S, EXT8U, EXT16S, EXT16U, EXT32S, EXT32U -> set(op.out(0), unary(op));
                case ADD, SUB, MUL, MULSH, MULUH, DIV, DIVU, REM, REMU, AND, OR, XOR, SHL, SHR, SAR ->
                        set(op.out(0), binary(op));
                case SETCOND -> set(op.out(0), op.cond().test(get(op.in(0)), get(op.in(1))) ? 1 : 0);
                case MOVCOND -> set(op.out(0),
                        op.cond().test(get(op.in(0)), get(op.in(1))) ? get(op.in(2)) : get(op.in(3)));
                case CALL -> {
                    if (!op.helper().has(Helper.PURE)) {
                        return op;
                    }
                    set(op.out(0), callPure(op));
                }
                default -> {
                    return op;
                }
            }
        }
        return null;
    }

    long get(Temp t) {
        if (t.isConst()) {
            return t.value();
        }
        if (t.isGlobal()) {
            return regs[t.slot()];
        }
        Long v = temps.get(t);
        if (v == null) {
            throw new IllegalStateException(t + " read before written");
        }
        return v;
    }

    private void set(Temp t, long v) {
        if (t.isGlobal()) {
            regs[t.slot()] = v;
        } else {
            temps.put(t, v);
        }
    }

    /** A PURE helper is a static method of longs: called through a method handle, as a test may. */
    private long callPure(Op op) {
        Helper h = op.helper();
        Object[] args = new Object[op.inCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = get(op.in(i));
        }
        try {
            return (long) MethodHandles.publicLookup().findStatic(h.owner(), h.method(), h.type()).invokeWithArguments(args);
        } catch (Throwable t) {
            throw new IllegalStateException("calling " + h, t);
        }
    }

    private long unary(Op op) {
        long a = get(op.in(0));
        return switch (op.opcode()) {
            case MOV -> a;
            case NOT -> ~a;
            case NEG -> -a;
            case EXT8S -> (byte) a;
            case EXT8U -> a & 0xff;
            case EXT16S -> (short) a;
            case EXT16U -> a & 0xffff;
            case EXT32S -> (int) a;
            case EXT32U -> a & 0xffffffffL;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private long binary(Op op) {
        long a = get(op.in(0));
        long b = get(op.in(1));
        return switch (op.opcode()) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case MULSH -> Math.multiplyHigh(a, b);
            case MULUH -> Math.unsignedMultiplyHigh(a, b);
            case DIV -> {
                checkDivisor(a, b);
                yield a / b;
            }
            case REM -> {
                checkDivisor(a, b);
                yield a % b;
            }
            case DIVU -> {
                checkDivisor(0, b);
                yield Long.divideUnsigned(a, b);
            }
            case REMU -> {
                checkDivisor(0, b);
                yield Long.remainderUnsigned(a, b);
            }
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << (b & 63);
            case SHR -> a >>> (b & 63);
            case SAR -> a >> (b & 63);
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private static void checkDivisor(long a, long b) {
        if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
            throw new ArithmeticException("IR division undefined for " + a + " / " + b);
        }
    }
}
