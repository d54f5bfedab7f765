package dev.tcg4j.injector.instrument;

import dev.tcg4j.ir.GuestInsn;
import java.util.ArrayList;
import java.util.List;

/** What the plugins asked for one instruction of the block being translated, in registration order. */
public final class InsnRequests {
    private final GuestInsn insn;
    private final List<ExecRequest> onExec = new ArrayList<>();
    private final List<MemRequest> onMem = new ArrayList<>();

    public InsnRequests(GuestInsn insn) {
        this.insn = insn;
    }

    public GuestInsn insn() {
        return insn;
    }

    public List<ExecRequest> onExec() {
        return onExec;
    }

    public List<MemRequest> onMem() {
        return onMem;
    }
}
