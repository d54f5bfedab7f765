package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.helpers.SystemHelpers;
import dev.tcg4j.ir.cpu.ExitCodes;

/** ecall, ebreak, fence and fence.i. */
final class TransSystem {
    private TransSystem() {}

    /** The runtime performs the system call at the pc global and resumes after it. */
    static void ecall(InsnContext c, Decoded d) {
        c.exitTb(c.pc(), ExitCodes.SYSCALL);
    }

    static void ebreak(InsnContext c, Decoded d) {
        c.trap(SystemHelpers.BREAKPOINT);
    }

    private static final int FENCE_R = 2;
    private static final int FENCE_W = 1;
    private static final int FM_TSO = 8;

    /**
     * RVWMO fences on the host's memory model. Guest loads and stores are plain host accesses, which
     * both the JIT and the host CPU may reorder; a fence becomes the weakest JVM fence that keeps the
     * orders it asks for between the memory accesses of its predecessor and successor sets:
     * W before R needs a full fence (on x86, whose TSO keeps every other order, the only one that
     * costs a host instruction), R before R or W an acquire fence, W before W a release fence;
     * fence.tso asks for all but W before R. I/O bits order nothing in user mode.
     */
    static void fence(InsnContext c, Decoded d) {
        int pred = d.pred();
        int succ = d.succ();
        if (d.fm() == FM_TSO) {
            c.b.call(SystemHelpers.FENCE_TSO, null);
        } else if ((pred & FENCE_W) != 0 && (succ & FENCE_R) != 0) {
            c.b.call(SystemHelpers.FENCE_FULL, null);
        } else {
            boolean acquire = (pred & FENCE_R) != 0 && (succ & (FENCE_R | FENCE_W)) != 0;
            boolean release = (pred & (FENCE_R | FENCE_W)) != 0 && (succ & FENCE_W) != 0;
            if (acquire && release) {
                c.b.call(SystemHelpers.FENCE_TSO, null);
            } else if (acquire) {
                c.b.call(SystemHelpers.FENCE_ACQUIRE, null);
            } else if (release) {
                c.b.call(SystemHelpers.FENCE_RELEASE, null);
            }
        }
    }

    /** Stores to code pages already invalidate their blocks; ending the block is enough. */
    static void fenceI(InsnContext c, Decoded d) {
        c.exitTb(c.next(), ExitCodes.LOOKUP);
    }
}
