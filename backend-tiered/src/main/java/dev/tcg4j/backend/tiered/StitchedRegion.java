package dev.tcg4j.backend.tiered;

import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.List;

/**
 * A region that did not fit one method, run with the region's contract from separately compiled
 * pieces: a region of the first members, and the others as blocks. After each piece the pc says
 * where the guest goes: a member's pc continues here (unless a stop was requested, which leaves with
 * {@link ExitCodes#LOOKUP}, as a region does), any other pc leaves through the region's exit
 * numbered for a goto_tb to that pc, or through {@code LOOKUP} when none is. Events (system calls,
 * traps, interrupts) leave as they came.
 */
final class StitchedRegion {
    private final long[] memberPcs;
    private final ExecutableBlock[] pieces;
    /** The static target of each of the region's numbered exits, by exit number. */
    private final long[] exitTargets;
    private final int pcSlot;

    StitchedRegion(List<TranslationBlock> members, ExecutableBlock[] pieces, int chainableExits, int pcSlot) {
        this.memberPcs = members.stream().mapToLong(TranslationBlock::pc).toArray();
        this.pieces = pieces.clone();
        this.pcSlot = pcSlot;
        long[] targets = new long[chainableExits];
        int n = 0;
        for (TranslationBlock tb : members) {
            for (Op op : tb.ops()) {
                if (op.opcode() == Opcode.GOTO_TB && op.aux() instanceof Long target && member(target) < 0) {
                    if (n < targets.length) {
                        targets[n] = target;
                    }
                    n++;
                }
            }
        }
        // numbered as Backend.compileRegion says; should the count disagree, every exit is a lookup
        this.exitTargets = n == chainableExits ? targets : new long[0];
    }

    ExecutableBlock entry(int member) {
        return new Entry(this, member);
    }

    int run(int member, CpuState cpu) {
        int m = member;
        while (true) {
            int exit = pieces[m].execute(cpu);
            if (exit > ExitCodes.LOOKUP && exit < ExitCodes.FIRST_REGION_EXIT) {
                return exit;
            }
            long pc = cpu.regs[pcSlot];
            int next = member(pc);
            if (next < 0) {
                return exitTo(pc);
            }
            if (cpu.exitRequested) {
                return ExitCodes.LOOKUP;
            }
            m = next;
        }
    }

    private int member(long pc) {
        for (int i = 0; i < memberPcs.length; i++) {
            if (memberPcs[i] == pc) {
                return i;
            }
        }
        return -1;
    }

    private int exitTo(long pc) {
        for (int i = 0; i < exitTargets.length; i++) {
            if (exitTargets[i] == pc) {
                return ExitCodes.regionExit(i);
            }
        }
        return ExitCodes.LOOKUP;
    }

    private static final class Entry extends ExecutableBlock {
        private final StitchedRegion region;
        private final int member;

        Entry(StitchedRegion region, int member) {
            this.region = region;
            this.member = member;
        }

        @Override
        public int execute(CpuState cpu) {
            return region.run(member, cpu);
        }

        @Override
        public String toString() {
            return "stitched region entry " + member;
        }
    }
}
