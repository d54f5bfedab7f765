package dev.tcg4j.ir.cpu;

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
}
