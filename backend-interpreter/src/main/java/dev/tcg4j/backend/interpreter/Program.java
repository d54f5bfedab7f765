package dev.tcg4j.backend.interpreter;

import dev.tcg4j.ir.cpu.HostRow;
import dev.tcg4j.ir.cpu.MemAccessListener;
import java.util.Arrays;

/**
 * A block, or a region of blocks, pre-decoded for the {@link Interpreter}: its instructions and
 * what they index. Immutable once built and shared by every thread that runs it; each run brings
 * its own frame.
 *
 * <p>Frame layout: {@code [0, globals)} the globals the program names, cached from
 * {@code cpu.regs} on entry and written back at exits, around helpers that need them and on traps,
 * as the bytecode backend caches them in locals; {@code [globals, globals + constants)} the
 * constants, copied in on entry; then the temps, each member its own.
 */
final class Program {
    final int[] code;
    /** The {@code cpu.regs} slot of each cached global, by frame index. */
    final int[] globalSlots;
    /** Frame indexes of the globals some op writes: written back at exits. */
    final int[] writtenGlobals;
    /** Frame indexes of the TB temps some op reads: zeroed on entry, as the bytecode backend does. */
    final int[] zeroedTemps;
    final long[] constants;
    final int frameSize;
    final HostRow[] hostRows;
    final MemAccessListener[] listeners;
    final CallSite[] calls;
    /**
     * Where each guest instruction's code starts, ascending, and its pc: a trap at instruction index
     * {@code ip} happened in the last instruction starting at or before it.
     */
    final int[] insnStarts;
    final long[] insnPcs;
    /**
     * Whether the guest instruction holds an op that can trap (a guest access, a helper flagged as
     * trapping that writes no globals): where the bytecode backend catches guest traps.
     */
    final boolean[] insnCanTrap;
    /** Members' pcs, ascending, and where their code starts: goto_ptr targets that stay inside. */
    final long[] memberPcs;
    final int[] memberStarts;
    /** The entry of each member, in member order. */
    final int[] entries;
    final int chainableExits;
    final Description description;
    /** The thread that ran this program first, and runs it in {@link #ownFrame}; see {@link Frames}. */
    volatile Thread owner;
    /** Read and written by the owner thread only. */
    Frames.Frame ownFrame;

    Program(int[] code, int[] globalSlots, int[] writtenGlobals, int[] zeroedTemps, long[] constants, int frameSize,
            HostRow[] hostRows, MemAccessListener[] listeners, CallSite[] calls, int[] insnStarts, long[] insnPcs,
            boolean[] insnCanTrap, long[] memberPcs, int[] memberStarts, int[] entries, int chainableExits, Description description) {
        this.code = code;
        this.globalSlots = globalSlots;
        this.writtenGlobals = writtenGlobals;
        this.zeroedTemps = zeroedTemps;
        this.constants = constants;
        this.frameSize = frameSize;
        this.hostRows = hostRows;
        this.listeners = listeners;
        this.calls = calls;
        this.insnStarts = insnStarts;
        this.insnPcs = insnPcs;
        this.insnCanTrap = insnCanTrap;
        this.memberPcs = memberPcs;
        this.memberStarts = memberStarts;
        this.entries = entries;
        this.chainableExits = chainableExits;
        this.description = description;
    }

    /** The guest pc of the instruction whose code holds instruction index {@code ip}. */
    long pcAt(int ip) {
        return insnPcs[insnAt(ip)];
    }

    /** True when a guest trap at instruction index {@code ip} is one the program catches. */
    boolean canTrapAt(int ip) {
        return insnCanTrap[insnAt(ip)];
    }

    private int insnAt(int ip) {
        int i = Arrays.binarySearch(insnStarts, ip);
        if (i < 0) {
            return Math.max(-i - 2, 0);
        }
        // several instructions may start at one index (those that emitted nothing): the last holds ip
        while (i + 1 < insnStarts.length && insnStarts[i + 1] == ip) {
            i++;
        }
        return i;
    }

    /** Where the member at {@code pc} starts, or -1 when no member is there. */
    int memberStart(long pc) {
        long[] pcs = memberPcs;
        for (int i = 0; i < pcs.length; i++) {
            if (pcs[i] == pc) {
                return memberStarts[i];
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return description.toString();
    }

    /** What {@link #toString} says, put together only when asked. */
    record Description(long pc, int regionMembers, int insns) {
        @Override
        public String toString() {
            String at = "0x" + Long.toHexString(pc);
            return regionMembers > 0 ? "region@" + at + "[" + regionMembers + " blocks, " + insns + " insns]"
                    : "block@" + at + "[" + insns + " insns]";
        }
    }
}
