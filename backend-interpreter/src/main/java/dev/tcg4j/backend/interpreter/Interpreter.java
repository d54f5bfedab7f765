package dev.tcg4j.backend.interpreter;

import static dev.tcg4j.backend.interpreter.Instructions.*;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;

/**
 * Runs a {@link Program}: one switch over the instruction at {@code ip}, in one loop, with every
 * value in the frame. Nothing here allocates (but a helper call of more than
 * {@link Instructions#MAX_DIRECT_ARGS} arguments) and nothing throws but what the guest or a helper
 * throws.
 *
 * <p>Kept to one method under HotSpot's 8000-byte limit for compiling a method at all; rare work
 * (trap bookkeeping, global syncing, big-endian accesses) lives in small methods beside it.
 */
final class Interpreter {
    private static final Cond[] CONDS = Cond.values();

    private Interpreter() {}

    /**
     * Runs {@code p} from instruction index {@code ip} on {@code cpu}, with {@code f} as the frame;
     * an in-method loop leaves as if a stop were requested after {@code loopSlice} back edges.
     */
    static int run(Program p, int ip, CpuState cpu, long[] f, long loopSlice) {
        final int[] c = p.code;
        long backEdgesLeft = loopSlice;
        final long[] regs = cpu.regs;
        final GuestMemory mem = cpu.memory;
        enter(p, f, regs);
        try {
            while (true) {
                switch (c[ip]) {
                    case MOV -> {
                        f[c[ip + 1]] = f[c[ip + 2]];
                        ip += 3;
                    }
                    case NOT -> {
                        f[c[ip + 1]] = ~f[c[ip + 2]];
                        ip += 3;
                    }
                    case NEG -> {
                        f[c[ip + 1]] = -f[c[ip + 2]];
                        ip += 3;
                    }
                    case EXT8S -> {
                        f[c[ip + 1]] = (byte) f[c[ip + 2]];
                        ip += 3;
                    }
                    case EXT8U -> {
                        f[c[ip + 1]] = f[c[ip + 2]] & 0xffL;
                        ip += 3;
                    }
                    case EXT16S -> {
                        f[c[ip + 1]] = (short) f[c[ip + 2]];
                        ip += 3;
                    }
                    case EXT16U -> {
                        f[c[ip + 1]] = f[c[ip + 2]] & 0xffffL;
                        ip += 3;
                    }
                    case EXT32S -> {
                        f[c[ip + 1]] = (int) f[c[ip + 2]];
                        ip += 3;
                    }
                    case EXT32U -> {
                        f[c[ip + 1]] = f[c[ip + 2]] & 0xffff_ffffL;
                        ip += 3;
                    }
                    case ADD -> {
                        f[c[ip + 1]] = f[c[ip + 2]] + f[c[ip + 3]];
                        ip += 4;
                    }
                    case SUB -> {
                        f[c[ip + 1]] = f[c[ip + 2]] - f[c[ip + 3]];
                        ip += 4;
                    }
                    case MUL -> {
                        f[c[ip + 1]] = f[c[ip + 2]] * f[c[ip + 3]];
                        ip += 4;
                    }
                    case MULSH -> {
                        f[c[ip + 1]] = Math.multiplyHigh(f[c[ip + 2]], f[c[ip + 3]]);
                        ip += 4;
                    }
                    case MULUH -> {
                        f[c[ip + 1]] = Math.unsignedMultiplyHigh(f[c[ip + 2]], f[c[ip + 3]]);
                        ip += 4;
                    }
                    case DIV -> {
                        f[c[ip + 1]] = f[c[ip + 2]] / f[c[ip + 3]];
                        ip += 4;
                    }
                    case DIVU -> {
                        f[c[ip + 1]] = Long.divideUnsigned(f[c[ip + 2]], f[c[ip + 3]]);
                        ip += 4;
                    }
                    case REM -> {
                        f[c[ip + 1]] = f[c[ip + 2]] % f[c[ip + 3]];
                        ip += 4;
                    }
                    case REMU -> {
                        f[c[ip + 1]] = Long.remainderUnsigned(f[c[ip + 2]], f[c[ip + 3]]);
                        ip += 4;
                    }
                    case AND -> {
                        f[c[ip + 1]] = f[c[ip + 2]] & f[c[ip + 3]];
                        ip += 4;
                    }
                    case OR -> {
                        f[c[ip + 1]] = f[c[ip + 2]] | f[c[ip + 3]];
                        ip += 4;
                    }
                    case XOR -> {
                        f[c[ip + 1]] = f[c[ip + 2]] ^ f[c[ip + 3]];
                        ip += 4;
                    }
                    // Java masks a long shift count to its low six bits, as the IR wants
                    case SHL -> {
                        f[c[ip + 1]] = f[c[ip + 2]] << f[c[ip + 3]];
                        ip += 4;
                    }
                    case SHR -> {
                        f[c[ip + 1]] = f[c[ip + 2]] >>> f[c[ip + 3]];
                        ip += 4;
                    }
                    case SAR -> {
                        f[c[ip + 1]] = f[c[ip + 2]] >> f[c[ip + 3]];
                        ip += 4;
                    }
                    case SET_EQ -> {
                        f[c[ip + 1]] = f[c[ip + 2]] == f[c[ip + 3]] ? 1 : 0;
                        ip += 4;
                    }
                    case SET_NE -> {
                        f[c[ip + 1]] = f[c[ip + 2]] != f[c[ip + 3]] ? 1 : 0;
                        ip += 4;
                    }
                    case SET_LT -> {
                        f[c[ip + 1]] = f[c[ip + 2]] < f[c[ip + 3]] ? 1 : 0;
                        ip += 4;
                    }
                    case SET_GE -> {
                        f[c[ip + 1]] = f[c[ip + 2]] >= f[c[ip + 3]] ? 1 : 0;
                        ip += 4;
                    }
                    case SET_LE -> {
                        f[c[ip + 1]] = f[c[ip + 2]] <= f[c[ip + 3]] ? 1 : 0;
                        ip += 4;
                    }
                    case SET_GT -> {
                        f[c[ip + 1]] = f[c[ip + 2]] > f[c[ip + 3]] ? 1 : 0;
                        ip += 4;
                    }
                    case SET_LTU -> {
                        f[c[ip + 1]] = Long.compareUnsigned(f[c[ip + 2]], f[c[ip + 3]]) < 0 ? 1 : 0;
                        ip += 4;
                    }
                    case SET_GEU -> {
                        f[c[ip + 1]] = Long.compareUnsigned(f[c[ip + 2]], f[c[ip + 3]]) >= 0 ? 1 : 0;
                        ip += 4;
                    }
                    case SET_LEU -> {
                        f[c[ip + 1]] = Long.compareUnsigned(f[c[ip + 2]], f[c[ip + 3]]) <= 0 ? 1 : 0;
                        ip += 4;
                    }
                    case SET_GTU -> {
                        f[c[ip + 1]] = Long.compareUnsigned(f[c[ip + 2]], f[c[ip + 3]]) > 0 ? 1 : 0;
                        ip += 4;
                    }
                    case BR_EQ -> ip = f[c[ip + 1]] == f[c[ip + 2]] ? c[ip + 3] : ip + 4;
                    case BR_NE -> ip = f[c[ip + 1]] != f[c[ip + 2]] ? c[ip + 3] : ip + 4;
                    case BR_LT -> ip = f[c[ip + 1]] < f[c[ip + 2]] ? c[ip + 3] : ip + 4;
                    case BR_GE -> ip = f[c[ip + 1]] >= f[c[ip + 2]] ? c[ip + 3] : ip + 4;
                    case BR_LE -> ip = f[c[ip + 1]] <= f[c[ip + 2]] ? c[ip + 3] : ip + 4;
                    case BR_GT -> ip = f[c[ip + 1]] > f[c[ip + 2]] ? c[ip + 3] : ip + 4;
                    case BR_LTU -> ip = Long.compareUnsigned(f[c[ip + 1]], f[c[ip + 2]]) < 0 ? c[ip + 3] : ip + 4;
                    case BR_GEU -> ip = Long.compareUnsigned(f[c[ip + 1]], f[c[ip + 2]]) >= 0 ? c[ip + 3] : ip + 4;
                    case BR_LEU -> ip = Long.compareUnsigned(f[c[ip + 1]], f[c[ip + 2]]) <= 0 ? c[ip + 3] : ip + 4;
                    case BR_GTU -> ip = Long.compareUnsigned(f[c[ip + 1]], f[c[ip + 2]]) > 0 ? c[ip + 3] : ip + 4;
                    case BR -> ip = c[ip + 1];
                    case MOVCOND_EQ -> {
                        f[c[ip + 1]] = f[c[ip + 2]] == f[c[ip + 3]] ? f[c[ip + 4]] : f[c[ip + 5]];
                        ip += 6;
                    }
                    case MOVCOND_NE -> {
                        f[c[ip + 1]] = f[c[ip + 2]] != f[c[ip + 3]] ? f[c[ip + 4]] : f[c[ip + 5]];
                        ip += 6;
                    }
                    case MOVCOND -> {
                        f[c[ip + 1]] = CONDS[c[ip + 6]].test(f[c[ip + 2]], f[c[ip + 3]]) ? f[c[ip + 4]] : f[c[ip + 5]];
                        ip += 7;
                    }
                    case MOVI -> {
                        f[c[ip + 1]] = c[ip + 2];
                        ip += 3;
                    }
                    case LD8U -> {
                        f[c[ip + 1]] = mem.ld8u(f[c[ip + 2]]);
                        ip += 3;
                    }
                    case LD8S -> {
                        f[c[ip + 1]] = mem.ld8s(f[c[ip + 2]]);
                        ip += 3;
                    }
                    case LD16U -> {
                        f[c[ip + 1]] = mem.ld16u(f[c[ip + 2]]);
                        ip += 3;
                    }
                    case LD16S -> {
                        f[c[ip + 1]] = mem.ld16s(f[c[ip + 2]]);
                        ip += 3;
                    }
                    case LD32U -> {
                        f[c[ip + 1]] = mem.ld32u(f[c[ip + 2]]);
                        ip += 3;
                    }
                    case LD32S -> {
                        f[c[ip + 1]] = mem.ld32s(f[c[ip + 2]]);
                        ip += 3;
                    }
                    case LD64 -> {
                        f[c[ip + 1]] = mem.ld64(f[c[ip + 2]]);
                        ip += 3;
                    }
                    case LD_BE -> {
                        f[c[ip + 1]] = loadBigEndian(mem, f[c[ip + 2]], c[ip + 3]);
                        ip += 4;
                    }
                    case ST8 -> {
                        mem.st8(f[c[ip + 2]], f[c[ip + 1]]);
                        ip += 3;
                    }
                    case ST16 -> {
                        mem.st16(f[c[ip + 2]], f[c[ip + 1]]);
                        ip += 3;
                    }
                    case ST32 -> {
                        mem.st32(f[c[ip + 2]], f[c[ip + 1]]);
                        ip += 3;
                    }
                    case ST64 -> {
                        mem.st64(f[c[ip + 2]], f[c[ip + 1]]);
                        ip += 3;
                    }
                    case ST_BE -> {
                        storeBigEndian(mem, f[c[ip + 2]], f[c[ip + 1]], c[ip + 3]);
                        ip += 4;
                    }
                    case LD_STATE -> {
                        f[c[ip + 1]] = regs[c[ip + 2]];
                        ip += 3;
                    }
                    case ST_STATE -> {
                        regs[c[ip + 1]] = f[c[ip + 2]];
                        ip += 3;
                    }
                    case LD_VCPU_INDEX -> {
                        f[c[ip + 1]] = cpu.vcpuIndex;
                        ip += 2;
                    }
                    case HOST_LD -> {
                        f[c[ip + 1]] = cpu.hostRow(p.hostRows[c[ip + 2]])[(int) f[c[ip + 3]]];
                        ip += 4;
                    }
                    case HOST_ADD -> {
                        long[] row = cpu.hostRow(p.hostRows[c[ip + 2]]);
                        f[c[ip + 1]] = row[(int) f[c[ip + 3]]] += f[c[ip + 4]];
                        ip += 5;
                    }
                    case HOST_ST -> {
                        cpu.hostRow(p.hostRows[c[ip + 1]])[(int) f[c[ip + 2]]] = f[c[ip + 3]];
                        ip += 4;
                    }
                    case SET_MEM_LISTENER -> {
                        cpu.memListener = p.listeners[c[ip + 1]];
                        ip += 2;
                    }
                    case CALL0, CALL1, CALL2, CALL3, CALL4, CALL5, CALL6, CALLN -> {
                        CallSite s = p.calls[c[ip + 1]];
                        if (s.syncBefore) {
                            writeBack(p, f, regs);
                        }
                        long r = call(s, cpu, f, c, ip + 3);
                        if (s.reloadAfter) {
                            reload(p, f, regs);
                        }
                        int d = c[ip + 2];
                        if (d >= 0) {
                            f[d] = r; // after the reload: a result going to a global wins, as in TCG
                        }
                        ip += 3 + s.arity;
                    }
                    case EXIT -> {
                        writeBack(p, f, regs);
                        return c[ip + 1];
                    }
                    case JUMP_UNLESS_STOPPED -> {
                        if (cpu.exitRequested || --backEdgesLeft == 0) {
                            writeBack(p, f, regs);
                            return c[ip + 2];
                        }
                        ip = c[ip + 1];
                    }
                    case GOTO_PTR -> {
                        int member = cpu.exitRequested || --backEdgesLeft == 0 ? -1 : p.memberStart(f[c[ip + 1]]);
                        if (member < 0) {
                            writeBack(p, f, regs);
                            return ExitCodes.LOOKUP;
                        }
                        ip = member;
                    }
                    case LD8U_AT_SUM -> {
                        f[c[ip + 1]] = mem.ld8u(f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case LD8S_AT_SUM -> {
                        f[c[ip + 1]] = mem.ld8s(f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case LD16U_AT_SUM -> {
                        f[c[ip + 1]] = mem.ld16u(f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case LD16S_AT_SUM -> {
                        f[c[ip + 1]] = mem.ld16s(f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case LD32U_AT_SUM -> {
                        f[c[ip + 1]] = mem.ld32u(f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case LD32S_AT_SUM -> {
                        f[c[ip + 1]] = mem.ld32s(f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case LD64_AT_SUM -> {
                        f[c[ip + 1]] = mem.ld64(f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case ST8_AT_SUM -> {
                        mem.st8(f[c[ip + 2]] + f[c[ip + 3]], f[c[ip + 1]]);
                        ip += 4;
                    }
                    case ST16_AT_SUM -> {
                        mem.st16(f[c[ip + 2]] + f[c[ip + 3]], f[c[ip + 1]]);
                        ip += 4;
                    }
                    case ST32_AT_SUM -> {
                        mem.st32(f[c[ip + 2]] + f[c[ip + 3]], f[c[ip + 1]]);
                        ip += 4;
                    }
                    case ST64_AT_SUM -> {
                        mem.st64(f[c[ip + 2]] + f[c[ip + 3]], f[c[ip + 1]]);
                        ip += 4;
                    }
                    case ADDW -> {
                        f[c[ip + 1]] = (int) (f[c[ip + 2]] + f[c[ip + 3]]);
                        ip += 4;
                    }
                    case SUBW -> {
                        f[c[ip + 1]] = (int) (f[c[ip + 2]] - f[c[ip + 3]]);
                        ip += 4;
                    }
                    case MULW -> {
                        f[c[ip + 1]] = (int) (f[c[ip + 2]] * f[c[ip + 3]]);
                        ip += 4;
                    }
                    case MOV_EXIT -> {
                        f[c[ip + 1]] = f[c[ip + 2]];
                        writeBack(p, f, regs);
                        return c[ip + 3];
                    }
                    case MOV_JUMP_UNLESS_STOPPED -> {
                        f[c[ip + 1]] = f[c[ip + 2]];
                        if (cpu.exitRequested || --backEdgesLeft == 0) {
                            writeBack(p, f, regs);
                            return c[ip + 4];
                        }
                        ip = c[ip + 3];
                    }
                    default -> throw new IllegalStateException("bad instruction " + c[ip] + " at " + ip + " of " + p);
                }
            }
        } catch (GuestTrap t) {
            return trap(p, ip, cpu, f, t);
        }
    }

    private static void enter(Program p, long[] f, long[] regs) {
        int[] slots = p.globalSlots;
        for (int i = 0; i < slots.length; i++) {
            f[i] = regs[slots[i]];
        }
        for (int t : p.zeroedTemps) {
            f[t] = 0;
        }
    }

    private static void writeBack(Program p, long[] f, long[] regs) {
        int[] slots = p.globalSlots;
        for (int i : p.writtenGlobals) {
            regs[slots[i]] = f[i];
        }
    }

    private static void reload(Program p, long[] f, long[] regs) {
        int[] slots = p.globalSlots;
        for (int i = 0; i < slots.length; i++) {
            f[i] = regs[slots[i]];
        }
    }

    /** Calls helper {@code s} with the arguments whose frame indexes start at {@code c[at]}. */
    private static long call(CallSite s, CpuState cpu, long[] f, int[] c, int at) {
        try {
            return switch (s.arity) {
                case 0 -> (long) s.handle.invokeExact(cpu);
                case 1 -> (long) s.handle.invokeExact(cpu, f[c[at]]);
                case 2 -> (long) s.handle.invokeExact(cpu, f[c[at]], f[c[at + 1]]);
                case 3 -> (long) s.handle.invokeExact(cpu, f[c[at]], f[c[at + 1]], f[c[at + 2]]);
                case 4 -> (long) s.handle.invokeExact(cpu, f[c[at]], f[c[at + 1]], f[c[at + 2]], f[c[at + 3]]);
                case 5 -> (long) s.handle.invokeExact(cpu, f[c[at]], f[c[at + 1]], f[c[at + 2]], f[c[at + 3]],
                        f[c[at + 4]]);
                case 6 -> (long) s.handle.invokeExact(cpu, f[c[at]], f[c[at + 1]], f[c[at + 2]], f[c[at + 3]],
                        f[c[at + 4]], f[c[at + 5]]);
                default -> {
                    long[] args = new long[s.arity];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = f[c[at + i]];
                    }
                    yield (long) s.handle.invokeExact(cpu, args);
                }
            };
        } catch (Throwable t) {
            throw Interpreter.<RuntimeException>rethrow(t);
        }
    }

    /** Throws {@code t} as it is: a helper's guest trap, a plugin's failure, an error. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * A guest trap at instruction {@code ip}: recorded with the pc of its guest instruction, and the
     * cached globals written back, unless it came from a helper that writes globals (CpuState then
     * holds what that helper wrote). A trap the bytecode backend would not catch (from a helper not
     * flagged as trapping, in an instruction with nothing else that can trap) is not caught here either.
     */
    private static int trap(Program p, int ip, CpuState cpu, long[] f, GuestTrap t) {
        int op = p.code[ip];
        boolean call = op >= CALL0 && op <= CALLN;
        CallSite site = call ? p.calls[p.code[ip + 1]] : null;
        boolean synced = site != null && site.reloadAfter && site.canTrap;
        if (!synced && !p.canTrapAt(ip)) {
            throw t;
        }
        cpu.trap = t;
        cpu.trapPc = p.pcAt(ip);
        if (!synced) {
            writeBack(p, f, cpu.regs);
        }
        return ExitCodes.TRAP;
    }

    private static long loadBigEndian(GuestMemory mem, long a, int shape) {
        boolean signed = (shape & 4) != 0;
        return switch (shape & 3) {
            case 1 -> {
                short v = Short.reverseBytes((short) mem.ld16u(a));
                yield signed ? v : v & 0xffffL;
            }
            case 2 -> {
                int v = Integer.reverseBytes((int) mem.ld32u(a));
                yield signed ? v : v & 0xffff_ffffL;
            }
            case 3 -> Long.reverseBytes(mem.ld64(a));
            default -> signed ? mem.ld8s(a) : mem.ld8u(a);
        };
    }

    private static void storeBigEndian(GuestMemory mem, long a, long v, int sizeShift) {
        switch (sizeShift) {
            case 1 -> mem.st16(a, Short.reverseBytes((short) v));
            case 2 -> mem.st32(a, Integer.reverseBytes((int) v));
            case 3 -> mem.st64(a, Long.reverseBytes(v));
            default -> mem.st8(a, v);
        }
    }
}
