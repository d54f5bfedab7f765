package dev.tcg4j.backend.interpreter;

import static dev.tcg4j.backend.interpreter.Instructions.*;

import dev.tcg4j.ir.Cond;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TempKind;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.ir.cpu.MemAccessListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the op lists of a block, or of the members of a region, into one {@link Program}, in two
 * passes over the ops: the first numbers the frame ({@link FrameLayout}); the second emits the
 * instructions, fusing some pairs of ops into superinstructions.
 *
 * <p>What runs is what the bytecode backend runs: ops after an exit or a branch are skipped up to
 * the next label something branches to, leftover plugin markers do nothing, a goto_tb to a member's
 * pc (for a block, its own) stays inside unless a stop was requested, and IR the bytecode backend
 * refuses is refused with {@link IllegalArgumentException}.
 */
final class Predecoder {
    private final List<TranslationBlock> members;
    private final boolean region;
    private final long[] memberPcs;

    private final FrameLayout layout;

    // pass 2: the code
    private int[] code = new int[64];
    private int pos;
    private final List<HostRow> hostRows = new ArrayList<>();
    private final List<MemAccessListener> listeners = new ArrayList<>();
    private final List<CallSite> calls = new ArrayList<>();
    private final Map<Object, Integer> poolIndex = new IdentityHashMap<>();
    private int[] insnStarts = new int[32];
    private long[] insnPcs = new long[32];
    private boolean[] insnCanTrap = new boolean[32];
    private int insns;
    private final int[] memberStarts;
    /** Operand positions whose instruction index is a member's start: position, then member, pairs. */
    private int[] memberFixups = new int[8];
    private int memberFixupCount;
    private int chainableExits;

    private Predecoder(List<TranslationBlock> members, boolean region) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a region needs at least one block");
        }
        this.members = members;
        this.region = region;
        this.memberPcs = new long[members.size()];
        this.memberStarts = new int[members.size()];
        for (int m = 0; m < members.size(); m++) {
            long pc = members.get(m).pc();
            for (int k = 0; k < m; k++) {
                if (memberPcs[k] == pc) {
                    throw new IllegalArgumentException("two members at pc 0x" + Long.toHexString(pc));
                }
            }
            memberPcs[m] = pc;
        }
        this.layout = new FrameLayout(members);
    }

    /** The program of one block; its goto_tb exits return their slot. */
    static Program block(TranslationBlock tb) {
        return new Predecoder(List.of(tb), false).build();
    }

    /** The program of a region, entered at any member; its goto_tb exits return region exit codes. */
    static Program region(List<TranslationBlock> members) {
        return new Predecoder(List.copyOf(members), true).build();
    }

    private Program build() {
        for (int m = 0; m < members.size(); m++) {
            emitMember(m, members.get(m));
        }
        for (int i = 0; i < memberFixupCount; i += 2) {
            code[memberFixups[i]] = memberStarts[memberFixups[i + 1]];
        }
        return new Program(Arrays.copyOf(code, pos), layout.globalSlots(), layout.writtenGlobals(),
                layout.zeroedTemps(), layout.constants(), layout.size(),
                hostRows.toArray(new HostRow[0]), listeners.toArray(new MemAccessListener[0]),
                calls.toArray(new CallSite[0]), Arrays.copyOf(insnStarts, insns), Arrays.copyOf(insnPcs, insns),
                Arrays.copyOf(insnCanTrap, insns), sortedMemberPcs(), sortedMemberStarts(), memberStarts.clone(),
                chainableExits, description());
    }

    // ------------------------------------------------------------------ pass 2: the code

    private void emitMember(int m, TranslationBlock tb) {
        memberStarts[m] = pos;
        startInsn(tb.pc());
        int[] labelAt = new int[tb.labelCount()];
        Arrays.fill(labelAt, -1);
        int[] labelFixups = new int[8];
        int fixups = 0;
        boolean reachable = true;
        for (Op op = tb.ops().first(); op != null; op = op.next()) {
            Opcode opc = op.opcode();
            switch (opc) {
                case INSN_START -> {
                    startInsn(op.constArg());
                    continue;
                }
                case SET_LABEL -> {
                    int id = op.label().id();
                    if (reachable || layout.branchedTo(m, id)) {
                        if (labelAt[id] >= 0) {
                            throw new IllegalArgumentException("label " + op.label() + " placed twice in the block at 0x"
                                    + Long.toHexString(tb.pc()));
                        }
                        labelAt[id] = pos;
                        reachable = true;
                    }
                    continue;
                }
                case PLUGIN_CB, PLUGIN_MEM -> {
                    continue;
                }
                default -> { }
            }
            int exitIndex = exitIndex(op);
            if (!reachable) {
                continue;
            }
            int branch;
            Op second = fusable(m, op, op.next());
            Op hostStore = hostAddEnd(m, op);
            if (hostStore != null) {
                Op add = op.next();
                put(HOST_ADD, layout.frame(m, add.out(0)), hostRow(op), layout.frame(m, op.in(0)),
                        layout.frame(m, add.in(1)));
                branch = -1;
                op = hostStore;
                opc = op.opcode();
            } else if (second != null) {
                emitFused(m, op, second, exitIndex(second));
                branch = -1;
                op = second;
                opc = op.opcode();
            } else {
                branch = emit(m, tb, op, exitIndex);
            }
            if (branch >= 0) {
                if (fixups == labelFixups.length) {
                    labelFixups = Arrays.copyOf(labelFixups, 2 * fixups);
                }
                labelFixups[fixups++] = branch;
            }
            if (opc.endsFlow() || (opc == Opcode.BRCOND && op.cond() == Cond.ALWAYS)) {
                reachable = false;
            }
        }
        if (reachable) {
            throw new IllegalArgumentException("block at 0x" + Long.toHexString(tb.pc())
                    + " falls off the end of its ops without an exit");
        }
        for (int i = 0; i < fixups; i++) {
            int at = labelFixups[i];
            int id = code[at];
            if (labelAt[id] < 0) {
                throw new IllegalArgumentException("label $L" + id + " of the block at 0x" + Long.toHexString(tb.pc())
                        + " is branched to but never placed");
            }
            code[at] = labelAt[id];
        }
    }

    /** A region numbers its exits over every goto_tb leaving it, reachable or not, in op order. */
    private int exitIndex(Op op) {
        if (op.opcode() == Opcode.GOTO_TB && region && op.aux() instanceof Long target && memberIndex(target) < 0) {
            return chainableExits++;
        }
        return -1;
    }

    /**
     * The op that {@code op} and the op right after it fuse into one superinstruction with, or null:
     * an address sum and the guest access at it, a sum, difference or product and its sign extension
     * from 32 bits, and the move before an exit (the pc). The sum's temp must be one nothing else reads.
     */
    private Op fusable(int m, Op op, Op next) {
        if (next == null) {
            return null;
        }
        Opcode first = op.opcode();
        Opcode then = next.opcode();
        if (first == Opcode.MOV) {
            return then == Opcode.EXIT_TB || then == Opcode.GOTO_TB ? next : null;
        }
        if (first != Opcode.ADD && first != Opcode.SUB && first != Opcode.MUL) {
            return null;
        }
        Temp t = op.out(0);
        if ((t.kind() != TempKind.EBB && t.kind() != TempKind.TB) || layout.reads(m, t) != 1) {
            return null;
        }
        return switch (then) {
            case EXT32S -> next.in(0) == t ? next : null;
            case QEMU_LD -> first == Opcode.ADD && next.in(0) == t && littleEndian(next) ? next : null;
            case QEMU_ST -> first == Opcode.ADD && next.in(1) == t && next.in(0) != t && littleEndian(next) ? next : null;
            default -> null;
        };
    }

    /**
     * The store that ends a scoreboard add starting at {@code load}, or null: a host load, a sum of the
     * loaded value and something else, and the store of the sum to the same entry, as the inject pass
     * emits a plugin's inline add. One instruction instead of three, and one row lookup instead of two.
     * The load's temp must be the sum's or one nothing else reads; the sum's temp keeps its value.
     */
    private Op hostAddEnd(int m, Op load) {
        if (load.opcode() != Opcode.HOST_LD) {
            return null;
        }
        Op add = load.next();
        Op store = add == null ? null : add.next();
        if (store == null || add.opcode() != Opcode.ADD || store.opcode() != Opcode.HOST_ST) {
            return null;
        }
        Temp loaded = load.out(0);
        Temp sum = add.out(0);
        boolean sameEntry = store.aux() == load.aux() && store.in(0) == load.in(0) && store.in(0).isConst();
        boolean loadedOnlyHere = loaded == sum || layout.reads(m, loaded) == 1;
        return add.in(0) == loaded && add.in(1) != loaded && store.in(1) == sum && sameEntry && loadedOnlyHere
                ? store : null;
    }

    private static boolean littleEndian(Op access) {
        MemOp mop = memOp(access);
        return !mop.bigEndian() || mop.sizeShift() == 0;
    }

    private void emitFused(int m, Op op, Op second, int exitIndex) {
        switch (second.opcode()) {
            case EXT32S -> put(switch (op.opcode()) {
                case ADD -> ADDW;
                case SUB -> SUBW;
                default -> MULW;
            }, layout.frame(m, second.out(0)), layout.frame(m, op.in(0)), layout.frame(m, op.in(1)));
            case QEMU_LD -> {
                MemOp mop = second.memOp();
                canTrap();
                put(switch (mop.sizeShift()) {
                    case 0 -> mop.signed() ? LD8S_AT_SUM : LD8U_AT_SUM;
                    case 1 -> mop.signed() ? LD16S_AT_SUM : LD16U_AT_SUM;
                    case 2 -> mop.signed() ? LD32S_AT_SUM : LD32U_AT_SUM;
                    default -> LD64_AT_SUM;
                }, layout.frame(m, second.out(0)), layout.frame(m, op.in(0)), layout.frame(m, op.in(1)));
            }
            case QEMU_ST -> {
                canTrap();
                put(ST8_AT_SUM + second.memOp().sizeShift(), layout.frame(m, second.in(0)), layout.frame(m, op.in(0)),
                        layout.frame(m, op.in(1)));
            }
            case EXIT_TB -> put(MOV_EXIT, layout.frame(m, op.out(0)), layout.frame(m, op.in(0)), Math.toIntExact(second.constArg()));
            case GOTO_TB -> {
                int d = layout.frame(m, op.out(0));
                int a = layout.frame(m, op.in(0));
                int member = stayingMember(second);
                if (member >= 0) {
                    put(MOV_JUMP_UNLESS_STOPPED, d, a, member, gotoTbCode(second, -1));
                    fixMemberStart(pos - 2, member);
                } else {
                    put(MOV_EXIT, d, a, gotoTbCode(second, exitIndex));
                }
            }
            default -> throw new AssertionError(second);
        }
    }

    private void startInsn(long pc) {
        if (insns == insnStarts.length) {
            insnStarts = Arrays.copyOf(insnStarts, 2 * insns);
            insnPcs = Arrays.copyOf(insnPcs, 2 * insns);
            insnCanTrap = Arrays.copyOf(insnCanTrap, 2 * insns);
        }
        insnStarts[insns] = pos;
        insnPcs[insns] = pc;
        insns++;
    }

    private void canTrap() {
        insnCanTrap[insns - 1] = true;
    }

    /**
     * Emits one reachable op. Returns the code position of a branch's target operand, which holds the
     * label id until it is resolved, or -1.
     */
    private int emit(int m, TranslationBlock tb, Op op, int exitIndex) {
        switch (op.opcode()) {
            case MOV -> {
                int d = layout.frame(m, op.out(0));
                int a = layout.frame(m, op.in(0));
                if (d != a) {
                    put(MOV, d, a);
                }
            }
            case NOT -> unary(m, op, NOT);
            case NEG -> unary(m, op, NEG);
            case EXT8S -> unary(m, op, EXT8S);
            case EXT8U -> unary(m, op, EXT8U);
            case EXT16S -> unary(m, op, EXT16S);
            case EXT16U -> unary(m, op, EXT16U);
            case EXT32S -> unary(m, op, EXT32S);
            case EXT32U -> unary(m, op, EXT32U);
            case ADD -> binary(m, op, ADD);
            case SUB -> binary(m, op, SUB);
            case MUL -> binary(m, op, MUL);
            case MULSH -> binary(m, op, MULSH);
            case MULUH -> binary(m, op, MULUH);
            case DIV -> binary(m, op, DIV);
            case DIVU -> binary(m, op, DIVU);
            case REM -> binary(m, op, REM);
            case REMU -> binary(m, op, REMU);
            case AND -> binary(m, op, AND);
            case OR -> binary(m, op, OR);
            case XOR -> binary(m, op, XOR);
            case SHL -> binary(m, op, SHL);
            case SHR -> binary(m, op, SHR);
            case SAR -> binary(m, op, SAR);
            case SETCOND -> setcond(m, op);
            case MOVCOND -> movcond(m, op);
            case BRCOND -> {
                Cond c = cond(op);
                if (c == Cond.ALWAYS) {
                    put(BR, op.label().id());
                    return pos - 1;
                }
                if (c != Cond.NEVER) {
                    put(conditional(BR_EQ, c), layout.frame(m, op.in(0)), layout.frame(m, op.in(1)), op.label().id());
                    return pos - 1;
                }
            }
            case BR -> {
                put(BR, op.label().id());
                return pos - 1;
            }
            case QEMU_LD -> {
                MemOp mop = memOp(op);
                canTrap();
                int d = layout.frame(m, op.out(0));
                int a = layout.frame(m, op.in(0));
                if (mop.bigEndian() && mop.sizeShift() > 0) {
                    put(LD_BE, d, a, mop.sizeShift() | (mop.signed() ? 4 : 0));
                } else {
                    put(switch (mop.sizeShift()) {
                        case 0 -> mop.signed() ? LD8S : LD8U;
                        case 1 -> mop.signed() ? LD16S : LD16U;
                        case 2 -> mop.signed() ? LD32S : LD32U;
                        default -> LD64;
                    }, d, a);
                }
            }
            case QEMU_ST -> {
                MemOp mop = memOp(op);
                canTrap();
                int v = layout.frame(m, op.in(0));
                int a = layout.frame(m, op.in(1));
                if (mop.bigEndian() && mop.sizeShift() > 0) {
                    put(ST_BE, v, a, mop.sizeShift());
                } else {
                    put(ST8 + mop.sizeShift(), v, a);
                }
            }
            case LD_STATE -> put(LD_STATE, layout.frame(m, op.out(0)), stateSlot(op));
            case ST_STATE -> put(ST_STATE, stateSlot(op), layout.frame(m, op.in(0)));
            case LD_VCPU_INDEX -> put(LD_VCPU_INDEX, layout.frame(m, op.out(0)));
            case HOST_LD -> put(HOST_LD, layout.frame(m, op.out(0)), hostRow(op), layout.frame(m, op.in(0)));
            case HOST_ST -> put(HOST_ST, hostRow(op), layout.frame(m, op.in(0)), layout.frame(m, op.in(1)));
            case SET_MEM_LISTENER -> put(SET_MEM_LISTENER, listener(op));
            case CALL -> call(m, op);
            case EXIT_TB -> put(EXIT, Math.toIntExact(op.constArg()));
            case GOTO_TB -> gotoTb(op, exitIndex);
            case GOTO_PTR -> {
                if (region) {
                    put(GOTO_PTR, layout.frame(m, op.in(0)));
                } else {
                    put(EXIT, ExitCodes.LOOKUP);
                }
            }
            case INSN_START, SET_LABEL, PLUGIN_CB, PLUGIN_MEM -> throw new AssertionError(op);
        }
        return -1;
    }

    private void unary(int m, Op op, int instruction) {
        put(instruction, layout.frame(m, op.out(0)), layout.frame(m, op.in(0)));
    }

    private void binary(int m, Op op, int instruction) {
        put(instruction, layout.frame(m, op.out(0)), layout.frame(m, op.in(0)), layout.frame(m, op.in(1)));
    }

    private static Cond cond(Op op) {
        if (op.cond() == null) {
            throw new IllegalArgumentException("no condition: " + op);
        }
        return op.cond();
    }

    /** The instruction of condition {@code c} in the family starting at {@code eq}. */
    private static int conditional(int eq, Cond c) {
        return eq + c.ordinal() - Cond.EQ.ordinal();
    }

    private void setcond(int m, Op op) {
        Cond c = cond(op);
        int d = layout.frame(m, op.out(0));
        if (c == Cond.ALWAYS || c == Cond.NEVER) {
            put(MOVI, d, c == Cond.ALWAYS ? 1 : 0);
        } else {
            put(conditional(SET_EQ, c), d, layout.frame(m, op.in(0)), layout.frame(m, op.in(1)));
        }
    }

    private void movcond(int m, Op op) {
        Cond c = cond(op);
        int d = layout.frame(m, op.out(0));
        if (c == Cond.ALWAYS || c == Cond.NEVER) {
            int v = layout.frame(m, op.in(c == Cond.ALWAYS ? 2 : 3));
            if (v != d) {
                put(MOV, d, v);
            }
            return;
        }
        int a = layout.frame(m, op.in(0));
        int b = layout.frame(m, op.in(1));
        int v = layout.frame(m, op.in(2));
        int w = layout.frame(m, op.in(3));
        switch (c) {
            case EQ -> put(MOVCOND_EQ, d, a, b, v, w);
            case NE -> put(MOVCOND_NE, d, a, b, v, w);
            default -> {
                put(MOVCOND, d, a, b, v, w);
                put1(c.ordinal());
            }
        }
    }

    private static MemOp memOp(Op op) {
        if (op.memOp() == null) {
            throw new IllegalArgumentException("guest memory op without MemOp: " + op);
        }
        return op.memOp();
    }

    private int stateSlot(Op op) {
        int slot = Math.toIntExact(op.constArg());
        if (slot < 0) {
            throw new IllegalArgumentException("state access to negative slot: " + op);
        }
        if (layout.isGlobalSlot(slot)) {
            // the cached copy and CpuState would disagree; the IR promises this never happens
            throw new IllegalArgumentException("state access to slot " + slot + " of a global in the block: " + op);
        }
        return slot;
    }

    private int hostRow(Op op) {
        if (!(op.aux() instanceof HostRow row)) {
            throw new IllegalArgumentException("host access without a HostRow: " + op);
        }
        return pooled(row, hostRows);
    }

    private int listener(Op op) {
        if (op.aux() != null && !(op.aux() instanceof MemAccessListener)) {
            throw new IllegalArgumentException("listener is not a MemAccessListener: " + op);
        }
        if (op.aux() == null) {
            int i = listeners.indexOf(null);
            if (i < 0) {
                listeners.add(null);
                i = listeners.size() - 1;
            }
            return i;
        }
        return pooled((MemAccessListener) op.aux(), listeners);
    }

    private <T> int pooled(T value, List<T> pool) {
        Integer i = poolIndex.get(value);
        if (i == null) {
            pool.add(value);
            i = pool.size() - 1;
            poolIndex.put(value, i);
        }
        return i;
    }

    private void call(int m, Op op) {
        CallSite site = CallSite.link(op.helper());
        calls.add(site);
        if (site.canTrap && !site.reloadAfter) {
            canTrap(); // a trap in a helper that writes globals is caught by the call alone
        }
        int arity = site.arity;
        put(arity <= MAX_DIRECT_ARGS ? CALL0 + arity : CALLN, calls.size() - 1,
                op.outCount() == 0 ? -1 : layout.frame(m, op.out(0)));
        for (int i = 0; i < arity; i++) {
            put1(layout.frame(m, op.in(i)));
        }
    }

    private void gotoTb(Op op, int exitIndex) {
        int member = stayingMember(op);
        if (member >= 0) {
            put(JUMP_UNLESS_STOPPED, member, gotoTbCode(op, -1));
            fixMemberStart(pos - 2, member);
        } else {
            put(EXIT, gotoTbCode(op, exitIndex));
        }
    }

    /** The member a goto_tb stays in (for a block, itself when it jumps to its own start), or -1. */
    private int stayingMember(Op gotoTb) {
        return gotoTb.aux() instanceof Long target ? memberIndex(target) : -1;
    }

    /**
     * The exit code of a goto_tb: for a block its slot; for a region a jump to a member leaves (when
     * stopped) by lookup, as does one without a static target, and others by their region exit.
     */
    private int gotoTbCode(Op gotoTb, int exitIndex) {
        int slot = Math.toIntExact(gotoTb.constArg());
        if (!region) {
            return slot;
        }
        return exitIndex >= 0 ? ExitCodes.regionExit(exitIndex) : ExitCodes.LOOKUP;
    }

    /** The code at {@code at} is to hold where member {@code member} starts, once that is known. */
    private void fixMemberStart(int at, int member) {
        if (memberFixupCount + 2 > memberFixups.length) {
            memberFixups = Arrays.copyOf(memberFixups, 2 * memberFixups.length);
        }
        memberFixups[memberFixupCount++] = at;
        memberFixups[memberFixupCount++] = member;
    }

    private int memberIndex(long pc) {
        for (int i = 0; i < memberPcs.length; i++) {
            if (memberPcs[i] == pc) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ output

    private void put1(int a) {
        if (pos == code.length) {
            code = Arrays.copyOf(code, 2 * pos);
        }
        code[pos++] = a;
    }

    private void put(int a, int b) {
        put1(a);
        put1(b);
    }

    private void put(int a, int b, int c) {
        put(a, b);
        put1(c);
    }

    private void put(int a, int b, int c, int d) {
        put(a, b, c);
        put1(d);
    }

    private void put(int a, int b, int c, int d, int e) {
        put(a, b, c, d);
        put1(e);
    }

    private void put(int a, int b, int c, int d, int e, int f) {
        put(a, b, c, d);
        put(e, f);
    }

    private long[] sortedMemberPcs() {
        long[] pcs = memberPcs.clone();
        Arrays.sort(pcs);
        return pcs;
    }

    private int[] sortedMemberStarts() {
        long[] sorted = sortedMemberPcs();
        int[] starts = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            starts[i] = memberStarts[memberIndex(sorted[i])];
        }
        return starts;
    }

    private Program.Description description() {
        int insnCount = 0;
        for (TranslationBlock tb : members) {
            insnCount += tb.insnCount();
        }
        return new Program.Description(members.get(0).pc(), region ? members.size() : 0, insnCount);
    }
}
