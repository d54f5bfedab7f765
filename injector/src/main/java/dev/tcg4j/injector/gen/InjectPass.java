package dev.tcg4j.injector.gen;

import dev.tcg4j.injector.instrument.ExecRequest;
import dev.tcg4j.injector.instrument.InsnRequests;
import dev.tcg4j.injector.instrument.MemHelperListener;
import dev.tcg4j.injector.instrument.MemRequest;
import dev.tcg4j.injector.score.ScoreboardSlot;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.IrEmitter;
import dev.tcg4j.ir.Label;
import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.PluginMarker;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.injector.instrument.TbRequests;
import dev.tcg4j.plugin.api.InlineOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills every plugin marker of a block with the code the plugins asked for, emitted just before the
 * marker, and removes the marker; markers nobody asked for are just removed. As QEMU's
 * {@code plugin_gen_inject}.
 *
 * <ul>
 *   <li>FROM_TB: the block's callbacks, inline ops and conditional callbacks.
 *   <li>FROM_INSN: the same for the instruction; before them, when the instruction calls a helper
 *       that may touch guest memory (any not PURE nor NO_GUEST_MEMORY) and has memory requests, a SET_MEM_LISTENER publishing a copy of
 *       those requests (the mem-helper path).
 *   <li>AFTER_INSN: clears the listener if this instruction published one.
 *   <li>AFTER_TB: clears the listener if any instruction of the block published one, since an exit
 *       may leave from the middle of an instruction.
 *   <li>PLUGIN_MEM: the instruction's memory callbacks and inline ops whose R/W filter matches.
 * </ul>
 *
 * The vCPU index is loaded once per marker that has callbacks and shared by all of them. It is a TB
 * temp when a conditional callback's label lies between its uses (an EBB temp dies at a label), else
 * an EBB temp. Inline ops need no index: HOST_LD/HOST_ST reach the running vCPU's scoreboard row.
 */
public final class InjectPass {
    private final TranslationBlock tb;
    private final TbRequests requests;
    private final boolean[] publishes;
    private final boolean anyPublishes;

    private InjectPass(TranslationBlock tb, TbRequests requests) {
        this.tb = tb;
        this.requests = requests;
        this.publishes = findPublishers();
        boolean any = false;
        for (boolean p : publishes) {
            any |= p;
        }
        this.anyPublishes = any;
    }

    public static void run(TranslationBlock tb, TbRequests requests) {
        new InjectPass(tb, requests).inject();
    }

    /**
     * Instructions that call a helper that may touch guest memory and have memory requests publish
     * them. Fail-safe: only helpers flagged PURE or NO_GUEST_MEMORY are known not to.
     */
    private boolean[] findPublishers() {
        int n = requests.insns().size();
        boolean[] result = new boolean[n];
        int insn = -1;
        for (Op op : tb.ops()) {
            if (op.isMarker(PluginMarker.FROM_INSN)) {
                insn++;
            } else if (op.opcode() == Opcode.CALL && insn >= 0 && insn < n
                    && op.helper().mayAccessGuestMemory()
                    && !requests.insns().get(insn).onMem().isEmpty()) {
                result[insn] = true;
            }
        }
        return result;
    }

    private void inject() {
        int insn = -1;
        Op op = tb.ops().first();
        while (op != null) {
            // code goes in before the marker, so the marker's successor stays the next op to visit
            Op next = op.next();
            if (op.opcode() == Opcode.PLUGIN_CB) {
                PluginMarker m = PluginMarker.values()[(int) op.constArg()];
                if (m == PluginMarker.FROM_INSN) {
                    insn++;
                }
                fill(op, m, insn);
                tb.ops().remove(op);
            } else if (op.opcode() == Opcode.PLUGIN_MEM) {
                fillMem(op, insn);
                tb.ops().remove(op);
            } else if (op.opcode() == Opcode.CALL && publishes(insn) && op.helper().mayAccessGuestMemory()) {
                syncRegistersAround(op, insn);
            }
            op = next;
        }
    }

    /**
     * Memory callbacks that asked for registers run inside the helper on the mem-helper path: the
     * helper's call then reads and writes registers as the callback's own call would, so that the
     * callback sees them written back and the rest of the block sees what it wrote. The helper's own
     * result (the loaded value of an AMO or LR) is assigned after the reload, so it still lands.
     */
    private void syncRegistersAround(Op call, int insn) {
        int need = 0;
        for (MemRequest m : requests.insns().get(insn).onMem()) {
            if (m instanceof MemRequest.Call c) {
                need |= c.helper().flags() & (Helper.READS_GLOBALS | Helper.WRITES_GLOBALS);
            }
        }
        Helper h = call.helper();
        if ((h.flags() & need) != need) {
            Op synced = Op.full(Opcode.CALL, outs(call), ins(call), call.constArg(), null, null, null, h.withFlags(need));
            tb.ops().insertBefore(call, synced);
            tb.ops().remove(call);
        }
    }

    private static Temp[] outs(Op op) {
        Temp[] t = new Temp[op.outCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = op.out(i);
        }
        return t;
    }

    private static Temp[] ins(Op op) {
        Temp[] t = new Temp[op.inCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = op.in(i);
        }
        return t;
    }

    private InsnRequests insnAt(int insn) {
        // markers of instructions the translator dropped (or before the first one) get nothing
        return insn >= 0 && insn < requests.insns().size() ? requests.insns().get(insn) : null;
    }

    private boolean publishes(int insn) {
        return insn >= 0 && insn < publishes.length && publishes[insn];
    }

    private void fill(Op marker, PluginMarker m, int insn) {
        IrEmitter e = tb.emitterBefore(marker);
        switch (m) {
            case FROM_TB -> emitExec(e, requests.onExec());
            case FROM_INSN -> {
                InsnRequests r = insnAt(insn);
                if (r == null) {
                    return;
                }
                if (publishes(insn)) {
                    e.setMemListener(new MemHelperListener(r.insn().vaddr(), r.onMem()));
                }
                emitExec(e, r.onExec());
            }
            case AFTER_INSN -> {
                if (publishes(insn)) {
                    e.setMemListener(null);
                }
            }
            case AFTER_TB -> {
                if (anyPublishes) {
                    e.setMemListener(null);
                }
            }
        }
    }

    private void emitExec(IrEmitter e, List<ExecRequest> list) {
        if (list.isEmpty()) {
            return;
        }
        boolean crossesLabel = list.stream().anyMatch(r -> r instanceof ExecRequest.CondCall);
        Temp vcpu = null;
        if (list.stream().anyMatch(r -> !(r instanceof ExecRequest.Inline))) {
            vcpu = crossesLabel ? e.newTbTemp() : e.newTemp();
            e.ldVcpuIndex(vcpu);
        }
        for (ExecRequest r : list) {
            switch (r) {
                case ExecRequest.Call c -> e.call(c.helper(), null, vcpu);
                case ExecRequest.Inline i -> emitInline(e, i);
                case ExecRequest.CondCall c -> emitCondCall(e, vcpu, c);
            }
        }
    }

    private void fillMem(Op marker, int insn) {
        InsnRequests r = insnAt(insn);
        if (r == null || r.onMem().isEmpty()) {
            return;
        }
        int meminfo = (int) marker.constArg();
        boolean store = (meminfo & MemOp.MEMINFO_STORE) != 0;
        List<MemRequest> matching = new ArrayList<>();
        for (MemRequest m : r.onMem()) {
            if (m.rw().matches(store)) {
                matching.add(m);
            }
        }
        if (matching.isEmpty()) {
            return;
        }
        IrEmitter e = tb.emitterBefore(marker);
        Temp vcpu = null;
        if (matching.stream().anyMatch(m -> m instanceof MemRequest.Call)) {
            vcpu = e.newTemp();
            e.ldVcpuIndex(vcpu);
        }
        Temp addr = marker.in(0);
        Temp value = marker.in(1);
        for (MemRequest m : matching) {
            switch (m) {
                case MemRequest.Call c -> e.call(c.helper(), null, vcpu, e.constant(meminfo), addr, value);
                case MemRequest.Inline i -> emitInline(e, i.update());
            }
        }
    }

    private static void emitInline(IrEmitter e, ExecRequest.Inline i) {
        ScoreboardSlot slot = i.slot();
        Temp entry = e.constant(slot.offset());
        if (i.op() == InlineOp.ADD_U64) {
            Temp t = e.newTemp();
            e.hostLd(t, slot.hostRow(), entry);
            e.addi(t, t, i.imm());
            e.hostSt(slot.hostRow(), entry, t);
        } else {
            e.hostSt(slot.hostRow(), entry, e.constant(i.imm()));
        }
    }

    /** The call runs on the fall-through path: branch over it when the condition does not hold. */
    private static void emitCondCall(IrEmitter e, Temp vcpu, ExecRequest.CondCall c) {
        ScoreboardSlot slot = c.slot();
        Temp value = e.newTemp();
        e.hostLd(value, slot.hostRow(), e.constant(slot.offset()));
        Label skip = e.newLabel();
        e.brcond(c.cond().invert(), value, e.constant(c.imm()), skip);
        e.call(c.helper(), null, vcpu);
        e.setLabel(skip);
    }
}
