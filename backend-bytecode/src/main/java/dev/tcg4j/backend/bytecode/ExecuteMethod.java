package dev.tcg4j.backend.bytecode;

import static dev.tcg4j.backend.bytecode.Constants.pushInt;
import static dev.tcg4j.backend.bytecode.Constants.pushLong;
import static org.objectweb.asm.Opcodes.*;

import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.memory.FlatGuestMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * What the members of one {@code execute} method share: the cached globals, the exits and their
 * epilogue, the jumps between members, the trap handling and the size limit. {@link OpEmitter}
 * emits each member's ops through it.
 *
 * <p>Shape of {@code execute}:
 * <pre>
 *   regs = cpu.regs; memory = cpu.memory, its page table, page count and host base (if a member touches
 *   guest memory)
 *   g_i = regs[slot_i] for every global any member references; TB temps read = 0
 *   a region only: tableswitch on this.entry to the head of the member the instance starts at
 *   member 0 .. member n-1, each headed by its label; exits push their code and jump to the epilogue;
 *     a goto_tb to a member, or a goto_ptr landing on one, checks cpu.exitRequested and jumps to
 *     the member's label
 *   epilogue (stack: exit code): regs[slot] = g for every global any member writes; ireturn
 *   trap stubs, one per instruction that can trap: push its pc, jump to the trap handler
 *   trap handler (stack: GuestTrap, pc): cpu.trap, cpu.trapPc; push TRAP; jump to the epilogue
 *   synced trap handler, for helpers that wrote globals themselves: the same, returning directly
 * </pre>
 *
 * <p>Trap pcs cost nothing on the hot path: each guest instruction holding an op that can trap is
 * covered by its own exception-table range, whose stub knows the instruction's pc as a constant.
 */
final class ExecuteMethod {
    private static final String CPU = Type.getInternalName(CpuState.class);
    private static final String HOST_ROW_DESCRIPTOR =
            Type.getMethodDescriptor(Type.getType(long[].class), Type.getType(HostRow.class));
    private static final String TRAP = Type.getInternalName(GuestTrap.class);
    private static final String MEMORY = Type.getInternalName(FlatGuestMemory.class);

    /**
     * Code that can raise a guest trap at guest pc {@code pc}. A synced range covers only the call of
     * a helper that writes globals: they were all written back before it, and the helper's own
     * writes must survive the trap, so its handler writes nothing back.
     */
    private record TrapRange(Label start, Label end, long pc, boolean synced) {}

    final MethodVisitor mv;
    final LocalSlots locals;
    final ClassDataPool data;
    private final List<TranslationBlock> members;
    private final boolean region;
    private final int limit;
    private final Map<Long, Label> memberHeads = new HashMap<>();
    /** A region's chainable exits: goto_tb ops with a static target outside it, to their index. */
    private final Map<Op, Integer> regionExits = new IdentityHashMap<>();
    /** A goto_ptr's lookupswitch keys, the low halves of the member pcs (one pc per key), and those pcs. */
    private final int[] jumpKeys;
    private final long[] jumpPcs;
    private final List<TrapRange> trapRanges = new ArrayList<>();
    private final Label epilogue = new Label();
    private final Label trapHandler = new Label();
    private final Label syncedTrapHandler = new Label();

    /**
     * @param region true for a region: entered at any member, and its goto_tb exits return
     *     {@link ExitCodes#regionExit} codes instead of slots
     */
    ExecuteMethod(MethodVisitor mv, List<TranslationBlock> members, boolean region, int limit, ClassDataPool data) {
        this.mv = mv;
        this.members = members;
        this.region = region;
        this.limit = limit;
        this.data = data;
        this.locals = new LocalSlots(members);
        for (TranslationBlock tb : members) {
            if (memberHeads.put(tb.pc(), new Label()) != null) {
                throw new IllegalArgumentException("two members at pc 0x" + Long.toHexString(tb.pc()));
            }
        }
        Map<Integer, Long> byLowHalf = new TreeMap<>();
        if (region) {
            for (TranslationBlock tb : members) {
                byLowHalf.putIfAbsent((int) tb.pc(), tb.pc());
                for (Op op : tb.ops()) {
                    if (op.opcode() == Opcode.GOTO_TB && op.aux() instanceof Long target
                            && !memberHeads.containsKey(target)) {
                        regionExits.put(op, regionExits.size());
                    }
                }
            }
        }
        jumpKeys = byLowHalf.keySet().stream().mapToInt(Integer::intValue).toArray();
        jumpPcs = byLowHalf.values().stream().mapToLong(Long::longValue).toArray();
    }

    /** How many exits {@link ExitCodes#regionExit} numbers; 0 for a block. */
    int chainableExits() {
        return regionExits.size();
    }

    /**
     * A region starts at the member its instance was made for: {@code this.entry} indexes the
     * members. Every member head sees the same locals assigned, so any of them can be a target.
     */
    void emitEntryDispatch(String owner) {
        if (!region) {
            return;
        }
        Label[] heads = new Label[members.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = memberHeads.get(members.get(i).pc());
        }
        mv.visitVarInsn(ALOAD, LocalSlots.THIS);
        mv.visitFieldInsn(GETFIELD, owner, BlockCodegen.ENTRY_FIELD, "I");
        mv.visitTableSwitchInsn(0, heads.length - 1, heads[0], heads);
    }

    void emitEntry() {
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitFieldInsn(GETFIELD, CPU, "regs", "[J");
        mv.visitVarInsn(ASTORE, LocalSlots.REGS);
        if (locals.touchesMemory()) {
            mv.visitVarInsn(ALOAD, LocalSlots.CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "memory", Type.getDescriptor(GuestMemory.class));
            // this backend's fast path runs on the flat window only: any other memory fails here, once
            mv.visitTypeInsn(CHECKCAST, MEMORY);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, LocalSlots.MEMORY);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "pageTable", "()J", false);
            mv.visitVarInsn(LSTORE, LocalSlots.PAGES);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "pageCount", "()J", false);
            mv.visitVarInsn(LSTORE, LocalSlots.PAGE_COUNT);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "hostBase", "()J", false);
            mv.visitVarInsn(LSTORE, LocalSlots.HOST_BASE);
        }
        loadGlobals();
        for (Map.Entry<HostRow, Integer> row : locals.hostRows()) {
            mv.visitVarInsn(ALOAD, LocalSlots.CPU);
            mv.visitLdcInsn(data.constant(row.getKey(), HostRow.class));
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "hostRow", HOST_ROW_DESCRIPTOR, false);
            mv.visitVarInsn(ASTORE, row.getValue());
        }
        for (int local : locals.tbTempsRead()) {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, local);
        }
    }

    /** Places the label other members (and the member itself) jump to. */
    void startMember(TranslationBlock tb) {
        mv.visitLabel(memberHeads.get(tb.pc()));
    }

    void loadGlobals() {
        for (Map.Entry<Integer, Integer> g : locals.globals()) {
            mv.visitVarInsn(ALOAD, LocalSlots.REGS);
            pushInt(mv, g.getKey());
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, g.getValue());
        }
    }

    void writeBackGlobals() {
        for (int slot : locals.writtenGlobals()) {
            mv.visitVarInsn(ALOAD, LocalSlots.REGS);
            pushInt(mv, slot);
            mv.visitVarInsn(LLOAD, locals.globalLocal(slot));
            mv.visitInsn(LASTORE);
        }
    }

    /**
     * A goto_tb to a member stays in this method, so that C2 sees a guest loop as a JVM loop; it
     * leaves only when another thread asks this vCPU to stop. The pc global already names the target.
     */
    void gotoTb(Op op) {
        int slot = Math.toIntExact(op.constArg());
        Label member = op.aux() instanceof Long target ? memberHeads.get(target) : null;
        if (member != null) {
            jumpToMemberUnlessStopped(member);
            exit(region ? ExitCodes.LOOKUP : slot);
        } else if (region) {
            Integer index = regionExits.get(op);
            exit(index == null ? ExitCodes.LOOKUP : ExitCodes.regionExit(index));
        } else {
            exit(slot);
        }
    }

    /**
     * A goto_ptr. In a region, a target that is a member's pc continues there (a return or a jump
     * table landing on a member), unless a stop was requested: the low halves of the member pcs
     * select a candidate through a lookupswitch, which is then checked in full. About 15 + 20 bytes a
     * member: it counts against the region's size limit.
     */
    void gotoPtr(Runnable pushTarget) {
        if (!region) {
            exit(ExitCodes.LOOKUP);
            return;
        }
        Label leave = new Label();
        Label[] cases = new Label[jumpKeys.length];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = new Label();
        }
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitFieldInsn(GETFIELD, CPU, "exitRequested", "Z");
        mv.visitJumpInsn(IFNE, leave);
        pushTarget.run();
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, LocalSlots.JUMP_TARGET);
        mv.visitInsn(L2I);
        mv.visitLookupSwitchInsn(leave, jumpKeys, cases);
        for (int i = 0; i < cases.length; i++) {
            mv.visitLabel(cases[i]);
            mv.visitVarInsn(LLOAD, LocalSlots.JUMP_TARGET);
            pushLong(mv, jumpPcs[i]);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFEQ, memberHeads.get(jumpPcs[i]));
            if (i + 1 < cases.length) {
                mv.visitJumpInsn(GOTO, leave); // the last case falls through to the exit
            }
        }
        mv.visitLabel(leave);
        exit(ExitCodes.LOOKUP);
    }

    private void jumpToMemberUnlessStopped(Label member) {
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitFieldInsn(GETFIELD, CPU, "exitRequested", "Z");
        mv.visitJumpInsn(IFEQ, member);
    }

    void exit(int code) {
        pushInt(mv, code);
        mv.visitJumpInsn(GOTO, epilogue);
    }

    void addTrapRange(Label start, Label end, long pc, boolean synced) {
        trapRanges.add(new TrapRange(start, end, pc, synced));
    }

    /** Refuses the method once its code passes the limit; {@code size} is the bytes emitted so far. */
    void checkSize(int size) {
        if (size > limit) {
            long entry = members.get(0).pc();
            int insns = members.stream().mapToInt(TranslationBlock::insnCount).sum();
            throw new BytecodeTooLargeException(entry, insns, size, limit);
        }
    }

    /** Every exit: the exit code is on the stack; written globals go back to CpuState. */
    void emitEpilogue() {
        mv.visitLabel(epilogue);
        writeBackGlobals();
        mv.visitInsn(IRETURN);
    }

    void emitTrapHandling() {
        // synced ranges nest inside instruction ranges: the JVM takes the first matching entry
        emitTrapStubs(true, syncedTrapHandler);
        emitTrapStubs(false, trapHandler);
    }

    private void emitTrapStubs(boolean synced, Label handler) {
        Map<Long, Label> stubs = new LinkedHashMap<>();
        for (TrapRange r : trapRanges) {
            if (r.synced() == synced) {
                Label stub = stubs.computeIfAbsent(r.pc(), pc -> new Label());
                mv.visitTryCatchBlock(r.start(), r.end(), stub, TRAP);
            }
        }
        if (stubs.isEmpty()) {
            return;
        }
        int left = stubs.size();
        for (Map.Entry<Long, Label> s : stubs.entrySet()) {
            mv.visitLabel(s.getValue());
            pushLong(mv, s.getKey());
            if (--left > 0) {
                mv.visitJumpInsn(GOTO, handler); // the last stub falls into the handler
            }
        }
        mv.visitLabel(handler);
        mv.visitVarInsn(LSTORE, LocalSlots.TRAP_PC);
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitInsn(SWAP);
        mv.visitFieldInsn(PUTFIELD, CPU, "trap", Type.getDescriptor(GuestTrap.class));
        mv.visitVarInsn(ALOAD, LocalSlots.CPU);
        mv.visitVarInsn(LLOAD, LocalSlots.TRAP_PC);
        mv.visitFieldInsn(PUTFIELD, CPU, "trapPc", "J");
        pushInt(mv, ExitCodes.TRAP);
        if (synced) {
            mv.visitInsn(IRETURN);
        } else {
            mv.visitJumpInsn(GOTO, epilogue);
        }
    }
}
