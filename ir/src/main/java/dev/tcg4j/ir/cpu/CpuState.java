package dev.tcg4j.ir.cpu;

import java.util.Arrays;

/**
 * The state of one vCPU. One per guest thread; generated code receives it as its only argument.
 * The layout of {@link #regs} belongs to the guest architecture.
 */
public final class CpuState {
    public final long[] regs;
    public final int vcpuIndex;
    public final GuestMemory memory;

    /**
     * Published for the running instruction by the inject pass when a memory-touching helper has
     * plugin memory callbacks; helpers report their accesses to it. Null otherwise.
     */
    public MemAccessListener memListener;

    /** The trap that ended the last block with {@link ExitCodes#TRAP}. */
    public GuestTrap trap;

    /** The guest pc of the instruction that trapped. */
    public long trapPc;

    /** Set from another thread to make running code stop at the next block boundary. */
    public volatile boolean exitRequested;

    /** This vCPU's {@link HostRow}s by id; touched only by the vCPU's own thread. */
    private long[][] hostRows = new long[0][];

    public CpuState(int slots, int vcpuIndex, GuestMemory memory) {
        this.regs = new long[slots];
        this.vcpuIndex = vcpuIndex;
        this.memory = memory;
    }

    /** Helpers that know they touch guest memory call this after each access. */
    public void reportAccess(long vaddr, long value, int meminfo) {
        MemAccessListener l = memListener;
        if (l != null) {
            l.onAccess(this, vaddr, value, meminfo);
        }
    }

    /** This vCPU's own array of {@code row}, which HOST_LD/HOST_ST index. */
    public long[] hostRow(HostRow row) {
        long[][] rows = hostRows;
        int id = row.id;
        if (id < rows.length) {
            long[] mine = rows[id];
            if (mine != null) {
                return mine;
            }
        }
        return attach(row);
    }

    private long[] attach(HostRow row) {
        if (row.id >= hostRows.length) {
            hostRows = Arrays.copyOf(hostRows, Math.max(row.id + 1, 2 * hostRows.length));
        }
        long[] mine = row.rowOf(vcpuIndex);
        hostRows[row.id] = mine;
        return mine;
    }
}
