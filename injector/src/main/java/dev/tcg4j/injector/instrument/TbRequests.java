package dev.tcg4j.injector.instrument;

import dev.tcg4j.ir.GuestInsn;
import java.util.ArrayList;
import java.util.List;

/**
 * What the plugins asked for one block during its translation callbacks: QEMU's
 * {@code struct qemu_plugin_tb} with its callback arrays. Open while the callbacks run; closed
 * afterwards so that views kept past their callback fail loudly instead of being ignored.
 */
public final class TbRequests {
    private final long pc;
    private final List<InsnRequests> insns;
    private final List<ExecRequest> onExec = new ArrayList<>();
    private boolean open = true;

    public TbRequests(long pc, List<GuestInsn> insns) {
        this.pc = pc;
        List<InsnRequests> list = new ArrayList<>(insns.size());
        for (GuestInsn i : insns) {
            list.add(new InsnRequests(i));
        }
        this.insns = List.copyOf(list);
    }

    public long pc() {
        return pc;
    }

    public List<InsnRequests> insns() {
        return insns;
    }

    public List<ExecRequest> onExec() {
        return onExec;
    }

    /** True when any request at all was made: otherwise the inject pass only removes markers. */
    public boolean isEmpty() {
        if (!onExec.isEmpty()) {
            return false;
        }
        for (InsnRequests i : insns) {
            if (!i.onExec().isEmpty() || !i.onMem().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    void checkOpen() {
        if (!open) {
            throw new IllegalStateException("block and instruction views are valid only during the translation callback");
        }
    }

    public void close() {
        open = false;
    }
}
