package dev.tcg4j.injector.instrument;

import dev.tcg4j.ir.MemOp;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.MemAccessListener;
import java.util.List;

/**
 * The mem-helper path: a copy of one instruction's memory requests, published in
 * {@code CpuState.memListener} while the instruction runs so that helpers which access guest memory
 * themselves (atomics and the like) can report each access. The copy is referenced only by the
 * SET_MEM_LISTENER op of its block, so it lives and dies with the translated block, as QEMU frees its
 * copies with the TB.
 */
public final class MemHelperListener implements MemAccessListener {
    private final long insnVaddr;
    private final List<MemRequest> requests;

    public MemHelperListener(long insnVaddr, List<MemRequest> requests) {
        this.insnVaddr = insnVaddr;
        this.requests = List.copyOf(requests);
    }

    @Override
    public void onAccess(CpuState cpu, long vaddr, long value, int meminfo) {
        boolean store = (meminfo & MemOp.MEMINFO_STORE) != 0;
        int vcpu = cpu.vcpuIndex;
        for (MemRequest r : requests) {
            if (!r.rw().matches(store)) {
                continue;
            }
            switch (r) {
                case MemRequest.Call c -> c.adapter().onMem(vcpu, meminfo, vaddr, value);
                case MemRequest.Inline i -> i.update().slot().apply(i.update().op(), vcpu, i.update().imm());
            }
        }
    }

    public List<MemRequest> requests() {
        return requests;
    }

    /** Stable text for op dumps. */
    @Override
    public String toString() {
        return "mem_cbs@0x" + Long.toHexString(insnVaddr) + "[" + requests.size() + "]";
    }
}
